import type { KeyFacts } from "../db/apiKeys";
import { VerifiedSecret } from "./keys";

/**
 * What this isolate has learned about an API key from D1: the facts that
 * never change for a key id (its workspace, secret hash and permissions),
 * and the secret it verified, so a later request is checked without
 * hashing. Whether the key is still active is never remembered: every
 * request asks D1 (src/db/keyGate.ts). Only when D1's primary last said so
 * is: past KEY_STATE_MAX_AGE_MS, the request asks the primary rather than
 * a replica (docs/key-check.md). Bounded; the oldest entry goes first.
 */
export interface KnownKey extends Omit<KeyFacts, "active"> {
  secret: VerifiedSecret;
  /** When D1's primary last found the key active (Date.now()). */
  confirmedOnPrimaryAt: number;
}

const CAPACITY = 10_000;
const known = new Map<string, KnownKey>();

export function recallKey(id: string): KnownKey | undefined {
  return known.get(id);
}

/** Remembers a key whose secret was just verified (`secret`). */
export function rememberKey({ id, workspaceId, secretHash, permissions }: KeyFacts, secret: string, confirmedOnPrimaryAt: number): KnownKey {
  if (known.size >= CAPACITY) known.delete(known.keys().next().value!);
  const key = { id, workspaceId, secretHash, permissions, secret: new VerifiedSecret(secret), confirmedOnPrimaryAt };
  known.set(id, key);
  return key;
}

export function forgetKey(id: string): void {
  known.delete(id);
}
