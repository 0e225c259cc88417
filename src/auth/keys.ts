import type { Credentials } from "../shared/surface";

const encoder = new TextEncoder();

/**
 * A fresh key of `workspaceId`: a public id (hex, so no `_` to confuse the
 * Seam token) and a secret shown once. The id names its workspace, with a
 * tag only this deployment can make (namingTag): the workspace's 32 hex
 * digits, 16 random ones, 16 of tag. So a request with a key this isolate
 * has not seen can still reach its workspace's seat object without asking
 * D1 first (docs/key-check.md). A workspace id that is not a UUID gets a
 * plain 32-digit id, as every key had before.
 */
export async function generateCredentials(workspaceId: string, tagSecret: string): Promise<Credentials> {
  const secret = randomHex(20);
  const workspace = workspaceId.replaceAll("-", "");
  if (!WORKSPACE_HEX.test(workspace)) return { keyId: randomHex(16), secret };
  const named = workspace + randomHex(8);
  return { keyId: named + (await namingTag(named, tagSecret)), secret };
}

const KEY_ID = /^(?:[0-9a-f]{32}|[0-9a-f]{64})$/;
const WORKSPACE_HEX = /^[0-9a-f]{32}$/;

/**
 * Whether `keyId` has a shape generateCredentials gives key ids (32 or 64
 * hex digits). Anything else, a NUL or an unpaired surrogate included, is
 * simply not a key: invalid credentials, without a lookup.
 */
export function isKeyId(keyId: string): boolean {
  return KEY_ID.test(keyId);
}

/**
 * The workspace a 64-digit key id names, when its tag is this deployment's;
 * undefined otherwise (a 32-digit id, a forged or mangled one, or one minted
 * under another tag secret). Only an address: whether the key is active, of
 * that workspace, with that secret, is still D1's to say.
 */
export async function workspaceNamedBy(keyId: string, tagSecret: string): Promise<string | undefined> {
  if (keyId.length !== 64 || !isKeyId(keyId)) return undefined;
  const named = keyId.slice(0, 48);
  if (!hashesMatch(await namingTag(named, tagSecret), keyId.slice(48))) return undefined;
  const hex = keyId.slice(0, 32);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const tagKeys = new Map<string, Promise<CryptoKey>>();

/**
 * 16 hex digits of HMAC-SHA-256 over a key id's first 48 digits, under the
 * deployment's ADMIN_TOKEN: no one without it names a workspace in a key id
 * (which would make the Worker address that workspace's seat object).
 * Rotating ADMIN_TOKEN turns existing ids into unnamed ones: they still
 * work, their first request per isolate looking the key up first.
 */
async function namingTag(named: string, tagSecret: string): Promise<string> {
  let key = tagKeys.get(tagSecret);
  if (!key) {
    key = crypto.subtle.importKey("raw", encoder.encode(`seatkeeper key id tag\0${tagSecret}`), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    tagKeys.set(tagSecret, key);
  }
  const mac = await crypto.subtle.sign("HMAC", await key, encoder.encode(named));
  return toHex(new Uint8Array(mac, 0, 8));
}

/** SHA-256 hex of a secret. Secrets are 160 random bits, so a fast hash is enough. */
export async function hashSecret(secret: string): Promise<string> {
  return sha256Hex(secret);
}

/** SHA-256 of the text's UTF-8, in hex. */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", encoder.encode(text));
  return toHex(new Uint8Array(digest));
}

/** Compares two SHA-256 hex hashes in constant time. */
export function hashesMatch(presented: string, stored: string): boolean {
  const [a, b] = [encoder.encode(presented), encoder.encode(stored)];
  return a.byteLength === b.byteLength && crypto.subtle.timingSafeEqual(a, b);
}

/** Constant-time equality of two strings of any length (hashes first, so lengths match). */
export async function sameSecret(a: string, b: string): Promise<boolean> {
  return hashesMatch(await hashSecret(a), await hashSecret(b));
}

// Secrets are 40 characters; anything much longer cannot be one.
const scratch = new Uint8Array(256);

/**
 * A secret this isolate has verified against its key's stored hash. A later
 * request presenting it is compared with it in constant time, without
 * hashing again; a secret of another length fails at once (the length of a
 * secret is no secret: every key's is 40).
 */
export class VerifiedSecret {
  readonly #bytes: Uint8Array;

  constructor(secret: string) {
    this.#bytes = encoder.encode(secret);
  }

  matches(presented: string): boolean {
    if (presented.length !== this.#bytes.byteLength) return false;
    // Synchronous from encoding to comparison, so requests of this isolate never share the scratch buffer.
    const { read, written } = encoder.encodeInto(presented, scratch);
    return read === presented.length && written === this.#bytes.byteLength &&
      crypto.subtle.timingSafeEqual(scratch.subarray(0, written), this.#bytes);
  }
}

function randomHex(bytes: number): string {
  return toHex(crypto.getRandomValues(new Uint8Array(bytes)));
}

function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
