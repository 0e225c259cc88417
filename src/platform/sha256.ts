// What standardwebhooks takes from fast-sha256 (HMAC-SHA-256), from the runtime's node:crypto
// instead of fast-sha256's pure-JS SHA-256: wrangler.toml's [alias] points the Worker's bundle
// here (6 KiB less to upload and parse). The signing scheme stays standardwebhooks'.
import { createHmac } from "node:crypto";

/** HMAC-SHA-256 of `data` under `key`, as fast-sha256's `hmac`. */
export function hmac(key: Uint8Array, data: Uint8Array): Uint8Array {
  return new Uint8Array(createHmac("sha256", key).update(data).digest());
}
