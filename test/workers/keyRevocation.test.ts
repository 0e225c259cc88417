import { describe, expect, it } from "vitest";
import { routes } from "../../src/router";
import { surfaceFor } from "../../src/surfaces";
import { assign, assigned, createSeatType, holdersInDb, insertUsers, listAll } from "./assignments/fixtures";
import { addMembers, countRows, createCustomers, createOrganization, edges, organization } from "./customers/fixtures";
import { admin, call, createTenant, expectJson, withKey, type Tenant } from "./helpers";

// The Worker remembers a key it has seen (src/auth/keyCache.ts) and checks
// that it is still active inside each request's first D1 batch
// (src/db/keyGate.ts). These tests revoke keys the Worker has just seen.

/** A tenant whose key the Worker has used once, then revoked. */
async function revokedAfterUse(permissions?: string[]): Promise<Tenant> {
  const tenant = await createTenant(permissions);
  const seen = await call("GET", "/user_identities/list", tenant.headers.seam);
  expect([200, 403]).toContain(seen.status); // 403: a key without users_read was still looked up
  expect((await admin(`/admin/api-keys/${tenant.keyId}`, { method: "DELETE" })).status).toBe(204);
  return tenant;
}

const signedIn = routes.filter((route) => Array.isArray(route.auth));

describe("a key revoked after use", () => {
  it.each(signedIn.map((route) => [`${route.method.toUpperCase()} ${route.path}`, route] as const))(
    "is refused by %s, whatever else is wrong with the request",
    async (_label, route) => {
      const tenant = await revokedAfterUse();
      const surface = surfaceFor(route.path);
      const path = route.path.replace(/\{\w+\}/g, crypto.randomUUID());
      const body = route.method === "get" ? undefined : {};
      const response = await call(route.method.toUpperCase(), path, tenant.headers[surface.name as keyof Tenant["headers"]], body);
      // Datadog answers bad credentials with 403, the others with 401.
      expect(response.status).toBe(surface.name === "datadog" ? 403 : 401);
    },
  );

  it("writes nothing in D1", async () => {
    const tenant = await revokedAfterUse();
    const response = await call("POST", "/api/seat-metrics", tenant.headers.sequence, { seatType: "editor", label: "Editor" });
    await expectJson(response, 401);
    const list = await call("GET", "/api/seat-metrics", (await withKey(tenant)).headers.sequence);
    expect((await expectJson(list, 200)).items).toEqual([]);
  });

  it("changes no seat: the object's verdict refuses the key", async () => {
    const tenant = await createTenant();
    await createSeatType(tenant, "editor");
    const [user] = await insertUsers(tenant.workspaceId, 1);
    expect(await listAll(tenant, "editor", 10)).toEqual([]);
    expect((await admin(`/admin/api-keys/${tenant.keyId}`, { method: "DELETE" })).status).toBe(204);

    expect((await expectJson(await assign(tenant, "editor", [user!]), 403)).errors).toEqual([expect.any(String)]);

    expect(await holdersInDb(tenant.workspaceId, "editor")).toEqual([]);
    // The same request with an active key seats the user: only the key was wrong.
    expect(await assigned(await withKey(tenant), "editor", [user!])).toEqual([user]);
  });

  it("is refused with 401 rather than 403 when it also lacks the permission", async () => {
    const tenant = await revokedAfterUse(["seat_metrics_read"]);
    const response = await call("GET", "/user_identities/list", tenant.headers.seam);
    expect((await expectJson(response, 401)).error.type).toBe("unauthorized");
  });
});

describe("a key the Worker has seen", () => {
  it("is refused with a wrong secret", async () => {
    const tenant = await createTenant();
    expect((await call("GET", "/api/seat-metrics", tenant.headers.sequence)).status).toBe(200);
    const wrong = { authorization: `Basic ${btoa(`${tenant.keyId}:${"0".repeat(40)}`)}` };
    await expectJson(await call("GET", "/api/seat-metrics", wrong), 401);
  });

  it("is refused on organization writes, before the schema's own refusals, writing nothing", async () => {
    const tenant = await createTenant();
    const ids = await createCustomers(tenant, "A", "B", "C");
    const first = await organization(tenant, ids.A, [ids.B]);
    expect((await admin(`/admin/api-keys/${tenant.keyId}`, { method: "DELETE" })).status).toBe(204);
    await expectJson(await createOrganization(tenant, ids.C, []), 401);
    await expectJson(await createOrganization(tenant, ids.C, [ids.B]), 401); // B is taken: 409 for an active key
    await expectJson(await createOrganization(tenant, crypto.randomUUID(), []), 401); // unknown owner: 422
    await expectJson(await addMembers(tenant, first.id as string, [ids.C]), 401);
    expect(await countRows("customer_organizations", tenant)).toBe(1);
    expect(await edges(tenant)).toEqual([`${ids.A}>${ids.B}`]);
  });

  it("keeps working for its own workspace and no other", async () => {
    const [a, b] = [await createTenant(), await createTenant()];
    const created = await expectJson(await call("POST", "/api/seat-metrics", a.headers.sequence, { seatType: "viewer", label: "Viewer" }), 201);
    expect((await call("GET", `/api/seat-metrics/${created.id}`, a.headers.sequence)).status).toBe(200);
    expect((await call("GET", `/api/seat-metrics/${created.id}`, b.headers.sequence)).status).toBe(404);
    expect((await call("GET", `/api/seat-metrics/${created.id}`, a.headers.sequence)).status).toBe(200);
  });
});
