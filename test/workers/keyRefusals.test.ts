import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { routes } from "../../src/router";
import { surfaceFor } from "../../src/surfaces";
import { seamToken } from "../../src/surfaces/seam";
import { createSeatType, insertUsers, seatBody } from "./assignments/fixtures";
import { customerBody } from "./customers/fixtures";
import { admin, call, createTenant, withKey, type Tenant } from "./helpers";

// A key that is unknown, revoked or presented with a wrong secret is refused
// alike (401; Datadog's 403) on every route, whether the Worker has seen the
// key before or not: the first batch of a key it has not seen reads the key
// and answers nothing else (src/db/keyGate.ts, docs/key-check.md).

type Kind = "unknown key" | "wrong secret" | "revoked";
type Seen = "seen" | "unseen";

/** The tenant's credentials changed to present `kind`, after the Worker has used the real key once when `seen`. */
async function refusedCaller(kind: Kind, seen: Seen): Promise<{ owner: Tenant; caller: Tenant }> {
  const owner = await createTenant();
  if (seen === "seen") expect((await call("GET", "/api/v2/seats/count", owner.headers.sendblue)).status).toBe(200);
  if (kind === "revoked") {
    expect((await admin(`/admin/api-keys/${owner.keyId}`, { method: "DELETE" })).status).toBe(204);
    return { owner, caller: owner };
  }
  const keyId = kind === "unknown key" ? "c".repeat(32) : owner.keyId;
  const secret = kind === "wrong secret" ? "0".repeat(40) : owner.secret;
  return { owner, caller: { ...owner, keyId, secret, headers: headersOf(keyId, secret) } };
}

function headersOf(keyId: string, secret: string): Tenant["headers"] {
  return {
    sequence: { authorization: `Basic ${btoa(`${keyId}:${secret}`)}` },
    sendblue: { "sb-api-key-id": keyId, "sb-api-secret-key": secret },
    datadog: { "dd-api-key": keyId, "dd-application-key": secret },
    seam: { authorization: `Bearer ${seamToken({ keyId, secret })}` },
  };
}

const signedIn = routes.filter((route) => Array.isArray(route.auth));

/** What a 401 names as the scheme that would pass (RFC 9110): Sendblue's key headers have no HTTP scheme; Datadog answers 403. */
const CHALLENGES: Record<keyof Tenant["headers"], string | null> = {
  sequence: 'Basic realm="Seatkeeper"',
  seam: "Bearer",
  sendblue: null,
  datadog: null,
};

describe("a request with no credentials", () => {
  it("hears the scheme that would pass, on the surfaces whose credentials have one", async () => {
    const asked = [
      ["/api/seat-metrics", CHALLENGES.sequence],
      ["/user_identities/list", CHALLENGES.seam],
      ["/api/v2/seats", CHALLENGES.sendblue],
      ["/admin/workspaces", "Bearer"],
    ] as const;
    for (const [path, challenge] of asked) {
      const response = await call("GET", path, {});
      expect([path, response.status, response.headers.get("www-authenticate")]).toEqual([path, 401, challenge]);
    }
    const datadog = await call("GET", "/api/v2/seats/users?product_code=apm", {});
    expect([datadog.status, datadog.headers.get("www-authenticate")]).toEqual([403, null]);
  });
});
// An unknown key id is never seen; the others are refused alike before and after the Worker knows the key.
const cases: [Kind, Seen][] = [
  ["unknown key", "unseen"],
  ["wrong secret", "unseen"],
  ["wrong secret", "seen"],
  ["revoked", "unseen"],
  ["revoked", "seen"],
];

describe.each(cases)("a caller with %s (%s by the Worker)", (kind, seen) => {
  it("is refused on every route with the same answer, and no bookmark", async () => {
    const { caller } = await refusedCaller(kind, seen);
    for (const route of signedIn) {
      const surface = surfaceFor(route.path).name as keyof Tenant["headers"];
      const path = route.path.replace(/\{\w+\}/g, crypto.randomUUID());
      const response = await call(route.method.toUpperCase(), path, caller.headers[surface], route.method === "get" ? undefined : {});
      const label = `${route.method} ${route.path}`;
      expect(response.status, label).toBe(surface === "datadog" ? 403 : 401);
      expect(response.headers.has("x-d1-bookmark"), label).toBe(false);
      expect(response.headers.get("www-authenticate"), label).toBe(CHALLENGES[surface]);
      // Whatever the key's workspace holds or the request asked, the answer is the one for bad credentials.
      expect(JSON.stringify(await response.json()), label).toMatch(/Invalid API credentials/);
    }
  });

  it("writes nothing, on any surface, where the owner's key writes", async () => {
    const { owner, caller } = await refusedCaller(kind, seen);
    await createSeatType(await withKey(owner), "apm");
    const [user] = await insertUsers(owner.workspaceId, 1);
    const writes = (who: Tenant) => [
      call("POST", "/api/seat-metrics", who.headers.sequence, { seatType: "editor", label: "Editor" }),
      call("POST", "/api/customers", who.headers.sequence, customerBody()),
      call("POST", "/user_identities/create", who.headers.seam, { user_identity_key: "written" }),
      call("POST", "/api/v2/seats/users", who.headers.datadog, seatBody("apm", [user])),
    ];
    const before = await rowsOf(owner.workspaceId);
    for (const response of await Promise.all(writes(caller))) expect([401, 403]).toContain(response.status);
    expect(await rowsOf(owner.workspaceId)).toEqual(before);
    // The same requests with a valid key of the workspace write: only the key was wrong.
    for (const response of await Promise.all(writes(await withKey(owner)))) expect(response.status).toBeLessThan(300);
    expect(await rowsOf(owner.workspaceId)).not.toEqual(before);
  });
});

/** The workspace's rows in every table that has them. */
async function rowsOf(workspaceId: string): Promise<Record<string, number>> {
  const tables = ["seat_metrics", "customers", "users", "seat_assignments", "customer_organizations"];
  const counts = await env.DB.batch(
    tables.map((table) => env.DB.prepare(`SELECT count(*) AS n FROM ${table} WHERE workspace_id = ?1`).bind(workspaceId)),
  );
  return Object.fromEntries(tables.map((table, index) => [table, (counts[index]!.results[0] as { n: number }).n]));
}
