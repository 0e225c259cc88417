// What standardwebhooks takes from fast-sha256 (HMAC-SHA-256), from the runtime's node:crypto
// instead of fast-sha256's pure-JS SHA-256: wrangler.toml's [alias] points the Worker's bundle
// here (6 KiB less to upload and parse). The signing scheme stays standardwebhooks'.
// node:crypto is imported on first use, not at startup: a static import loads nodejs_compat's
// crypto, streams and zlib internals into every isolate (~18 ms of `wrangler check startup`).
type CreateHmac = typeof import("node:crypto").createHmac;

let createHmac: CreateHmac | undefined;

/** Loads node:crypto's HMAC once; a delivery awaits it before it signs. */
export async function loadHmac(): Promise<void> {
  createHmac ??= (await import("node:crypto")).createHmac;
}

/** HMAC-SHA-256 of `data` under `key`, as fast-sha256's `hmac` (after loadHmac). */
export function hmac(key: Uint8Array, data: Uint8Array): Uint8Array {
  if (!createHmac) throw new Error("HMAC used before loadHmac() resolved");
  return new Uint8Array(createHmac("sha256", key).update(data).digest());
}
