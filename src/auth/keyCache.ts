import type { ActiveKey } from "../db/apiKeys";

/**
 * What this isolate has learned about API keys from D1: the facts that never
 * change for a key id (its workspace and the workspace's rowid, its secret
 * hash and permissions). Whether a key is still active is never remembered:
 * every request asks D1 through the key gate (src/db/keyGate.ts). Bounded;
 * the oldest entry goes first.
 */
export type KnownKey = Pick<ActiveKey, "id" | "workspaceId" | "workspaceRowid" | "secretHash" | "permissions">;

const CAPACITY = 10_000;
const known = new Map<string, KnownKey>();

export function recallKey(id: string): KnownKey | undefined {
  return known.get(id);
}

export function rememberKey({ id, workspaceId, workspaceRowid, secretHash, permissions }: KnownKey): void {
  if (known.size >= CAPACITY) known.delete(known.keys().next().value!);
  known.set(id, { id, workspaceId, workspaceRowid, secretHash, permissions });
}

export function forgetKey(id: string): void {
  known.delete(id);
}
