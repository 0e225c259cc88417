// The one node:crypto function the Worker uses (nodejs_compat provides the module at run time;
// the Worker's tsconfig has no Node types).
declare module "node:crypto" {
  interface Hmac {
    update(data: Uint8Array): Hmac;
    digest(): Uint8Array;
  }
  export function createHmac(algorithm: "sha256", key: Uint8Array): Hmac;
}
