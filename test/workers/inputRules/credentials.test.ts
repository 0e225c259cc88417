// Issue 14: a key id that is not well-formed text (or not a key id at all)
// is simply invalid credentials on every surface, never a 500.
import { describe, expect, it } from "vitest";
import { call, createTenant, expectJson } from "../helpers";

// Header values are bytes: no NUL can arrive there, but other controls can;
// Basic credentials are base64, so their decoded key id can hold a NUL too.
const KEY_IDS = ["\u0001", "a\u0000b", "g".repeat(32), "A".repeat(32), "x"];

const basic = (keyId: string, secret: string) => {
  const bytes = new TextEncoder().encode(`${keyId}:${secret}`);
  return `Basic ${btoa(String.fromCharCode(...bytes))}`;
};

describe("a malformed key id is invalid credentials", () => {
  it.each(KEY_IDS)("%j on every surface", async (keyId) => {
    const { secret } = await createTenant();
    const headerSafe = !keyId.includes("\u0000");
    const answers: [string, Response, number][] = [
      ["sequence", await call("GET", "/api/seat-metrics", { authorization: basic(keyId, secret) }), 401],
    ];
    if (headerSafe) {
      answers.push(
        ["sendblue", await call("GET", "/api/v2/seats", { "sb-api-key-id": keyId, "sb-api-secret-key": secret }), 401],
        ["datadog", await call("GET", "/api/v2/seats/users?product_code=apm", { "dd-api-key": keyId, "dd-application-key": secret }), 403],
        ["seam", await call("GET", "/user_identities/list", { authorization: `Bearer seam_${keyId}_${secret}` }), 401],
      );
    }
    for (const [surface, response, status] of answers) {
      const body = await expectJson(response, status);
      expect(JSON.stringify(body), surface).toContain("Invalid API credentials");
    }
  });
});
