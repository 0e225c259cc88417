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
  const digest = await crypto.subtle.digest("SHA-256", encoder.encode(secret));
  return toHex(new Uint8Array(digest));
}

/** Compares a presented secret with a stored hash in constant time. */
export async function secretMatches(secret: string, storedHash: string): Promise<boolean> {
  const presented = encoder.encode(await hashSecret(secret));
  const stored = encoder.encode(storedHash);
  return presented.byteLength === stored.byteLength && crypto.subtle.timingSafeEqual(presented, stored);
}

/** Constant-time equality of two strings of any length (hashes first, so lengths match). */
export async function sameSecret(a: string, b: string): Promise<boolean> {
  return secretMatches(a, await hashSecret(b));
}

function randomHex(bytes: number): string {
  return toHex(crypto.getRandomValues(new Uint8Array(bytes)));
}

function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
