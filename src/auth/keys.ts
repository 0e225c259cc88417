import type { Credentials } from "../shared/surface";

const encoder = new TextEncoder();

/** A fresh key: a public id (hex, so no `_` to confuse the Seam token) and a secret shown once. */
export function generateCredentials(): Credentials {
  return { keyId: randomHex(16), secret: randomHex(20) };
}

const KEY_ID = /^[0-9a-f]{32}$/;

/**
 * Whether `keyId` has the shape generateCredentials gives every key id (32
 * hex digits). Anything else, a NUL or an unpaired surrogate included, is
 * simply not a key: invalid credentials, without a lookup.
 */
export function isKeyId(keyId: string): boolean {
  return KEY_ID.test(keyId);
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
