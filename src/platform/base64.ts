// What standardwebhooks takes from @stablelib/base64 (standard base64 with padding), from the
// runtime's btoa and atob instead: wrangler.toml's [alias] points the Worker's bundle here.

/** Standard base64 of `bytes`, as @stablelib/base64's `encode`. */
export function encode(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** The bytes of standard base64 `text`, as @stablelib/base64's `decode` (a webhook secret's key). */
export function decode(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
}
