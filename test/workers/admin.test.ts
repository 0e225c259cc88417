import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { admin, BASE, call, createTenant, expectJson, withKey } from "./helpers";

describe("GET /health", () => {
  it("answers without credentials", async () => {
    const response = await exports.default.fetch(`${BASE}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });
});

describe("admin token", () => {
  it.each([
    ["missing", {}],
    ["wrong", { authorization: "Bearer not-the-token" }],
    ["not bearer", { authorization: "Basic dGVzdC1hZG1pbi10b2tlbjo=" }],
  ])("refuses a %s token with 401", async (_case, headers) => {
    const response = await call("POST", "/admin/workspaces", headers, { name: "x" });
    const body = await expectJson(response, 401);
    expect(body.error.type).toBe("unauthorized");
  });

  it("never accepts a tenant key as the admin token", async () => {
    const tenant = await createTenant();
    for (const headers of [tenant.headers.seam, tenant.headers.sequence]) {
      expect((await call("POST", "/admin/workspaces", headers, { name: "x" })).status).toBe(401);
    }
  });
});

describe("POST /admin/workspaces", () => {
  it("creates a workspace", async () => {
    const body = await expectJson(await admin("/admin/workspaces", { body: { name: "acmeco-1" } }), 201);
    expect(body).toEqual({ id: expect.any(String), name: "acmeco-1", created_at: expect.any(String) });
    expect(new Date(body.created_at).toISOString()).toBe(body.created_at);
  });

  it("refuses a taken name with 409 and writes nothing", async () => {
    await expectJson(await admin("/admin/workspaces", { body: { name: "twice" } }), 201);
    const body = await expectJson(await admin("/admin/workspaces", { body: { name: "twice" } }), 409);
    expect(body.error.type).toBe("workspace_name_taken");
    const count = await env.DB.prepare("SELECT COUNT(*) AS n FROM workspaces WHERE name = 'twice'").first("n");
    expect(count).toBe(1);
  });

  it.each([[{}], [{ name: "" }], [{ name: 42 }], [{ name: "a", extra: true }]])("refuses %j with 400", async (body) => {
    const response = await admin("/admin/workspaces", { body });
    expect((await expectJson(response, 400)).error.type).toBe("invalid_input");
  });
});

describe("API keys", () => {
  it("issues an id, a secret shown once, a seam_ token and all permissions by default", async () => {
    const workspace = await expectJson(await admin("/admin/workspaces", { body: { name: "keys-1" } }), 201);
    const key = await expectJson(await admin(`/admin/workspaces/${workspace.id}/api-keys`, { body: { label: "ci" } }), 201);
    expect(key.id).toMatch(/^[0-9a-f]{64}$/);
    expect(key.secret).toMatch(/^[0-9a-f]{40}$/);
    expect(key.token).toBe(`seam_${key.id}_${key.secret}`);
    expect(key.permissions).toContain("billing_edit");
    expect(key.permissions).toContain("users_write");
    const stored = await env.DB.prepare("SELECT secret_hash FROM api_keys WHERE id = ?1").bind(key.id).first<string>("secret_hash");
    expect(stored).toMatch(/^[0-9a-f]{64}$/);
    expect(stored).not.toContain(key.secret);
  });

  it("refuses unknown permissions and unknown workspaces", async () => {
    const workspace = await expectJson(await admin("/admin/workspaces", { body: { name: "keys-2" } }), 201);
    const bad = await admin(`/admin/workspaces/${workspace.id}/api-keys`, { body: { label: "x", permissions: ["root"] } });
    expect((await expectJson(bad, 400)).error.message).toContain("permissions");
    const missing = await admin(`/admin/workspaces/${crypto.randomUUID()}/api-keys`, { body: { label: "x" } });
    expect((await expectJson(missing, 404)).error.type).toBe("workspace_not_found");
  });

  it("stops working from the next request after revocation", async () => {
    const tenant = await createTenant();
    expect((await call("GET", "/api/seat-metrics", tenant.headers.sequence)).status).toBe(200);
    expect((await admin(`/admin/api-keys/${tenant.keyId}`, { method: "DELETE" })).status).toBe(204);
    expect((await call("GET", "/api/seat-metrics", tenant.headers.sequence)).status).toBe(401);
    expect((await admin(`/admin/api-keys/${tenant.keyId}`, { method: "DELETE" })).status).toBe(404);
  });
});

/** GETs an admin path as the operator. */
const adminGet = (path: string) => admin(path, { method: "GET" });

/** Every item of an admin list, following next_cursor from the first page. */
async function walk<T>(path: string, limit: number): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const query: string = `limit=${limit}${cursor ? `&cursor=${cursor}` : ""}`;
    const page = await expectJson<{ items: T[]; next_cursor: string | null }>(await adminGet(`${path}?${query}`), 200);
    expect(page.items.length).toBeLessThanOrEqual(limit);
    items.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor);
  return items;
}

describe("GET /admin/workspaces", () => {
  it("pages through every workspace in creation order, each once", async () => {
    const names = ["list-a", "list-b", "list-c"];
    const created = [];
    for (const name of names) created.push(await expectJson(await admin("/admin/workspaces", { body: { name } }), 201));
    const listed = await walk<{ id: string; name: string }>("/admin/workspaces", 2);
    expect(new Set(listed.map((workspace) => workspace.id)).size).toBe(listed.length);
    expect(listed.filter((workspace) => names.includes(workspace.name))).toEqual(created);
  });

  it("finds a workspace by its exact name, and nothing for another", async () => {
    const workspace = await expectJson(await admin("/admin/workspaces", { body: { name: "Find Me" } }), 201);
    expect(await expectJson(await adminGet("/admin/workspaces?name=Find%20Me"), 200)).toEqual({ items: [workspace], next_cursor: null });
    expect(await expectJson(await adminGet("/admin/workspaces?name=find%20me"), 200)).toEqual({ items: [], next_cursor: null });
  });

  it.each(["limit=0", "limit=101", "limit=two", "cursor=nope", "name=", "colour=red"])("refuses ?%s with 400", async (query) => {
    expect((await expectJson(await adminGet(`/admin/workspaces?${query}`), 400)).error.type).toBe("invalid_input");
  });

  it("needs the admin token", async () => {
    const tenant = await createTenant();
    expect((await call("GET", "/admin/workspaces", {})).status).toBe(401);
    expect((await call("GET", "/admin/workspaces", tenant.headers.sequence)).status).toBe(401);
  });
});

describe("GET /admin/workspaces/{id}", () => {
  it("answers the workspace as created", async () => {
    const workspace = await expectJson(await admin("/admin/workspaces", { body: { name: "get-one" } }), 201);
    expect(await expectJson(await adminGet(`/admin/workspaces/${workspace.id}`), 200)).toEqual(workspace);
  });

  it("answers 404 for an unknown workspace and 401 without the admin token", async () => {
    const missing = await expectJson(await adminGet(`/admin/workspaces/${crypto.randomUUID()}`), 404);
    expect(missing.error.type).toBe("workspace_not_found");
    const workspace = await expectJson(await admin("/admin/workspaces", { body: { name: "get-guarded" } }), 201);
    expect((await call("GET", `/admin/workspaces/${workspace.id}`, {})).status).toBe(401);
  });
});

describe("GET /admin/workspaces/{id}/api-keys", () => {
  it("lists the workspace's keys in creation order, revoked ones with revoked_at, never a secret", async () => {
    const tenant = await createTenant();
    const second = await withKey(tenant, ["users_read"]);
    const third = await withKey(tenant);
    await createTenant(); // another workspace's key stays out
    expect((await admin(`/admin/api-keys/${second.keyId}`, { method: "DELETE" })).status).toBe(204);

    const response = await adminGet(`/admin/workspaces/${tenant.workspaceId}/api-keys`);
    const text = await response.clone().text();
    const page = await expectJson(response, 200);
    expect(page.items.map((key: { id: string }) => key.id)).toEqual([tenant.keyId, second.keyId, third.keyId]);
    expect(page.items[1]).toEqual({
      id: second.keyId,
      workspace_id: tenant.workspaceId,
      label: "test",
      permissions: ["users_read"],
      created_at: expect.any(String),
      revoked_at: expect.any(String),
    });
    expect(page.items[0].revoked_at).toBeNull();
    expect(page.next_cursor).toBeNull();

    const hashes = await env.DB.prepare("SELECT secret_hash FROM api_keys WHERE workspace_id = ?1").bind(tenant.workspaceId).all<{ secret_hash: string }>();
    for (const secret of [tenant.secret, second.secret, third.secret, tenant.token, ...hashes.results.map((row) => row.secret_hash)]) {
      expect(text).not.toContain(secret);
    }
    expect(text).not.toMatch(/secret|token|hash/);
  });

  it("pages with next_cursor, and refuses a cursor that is not one of this list", async () => {
    const tenant = await createTenant();
    const more = [await withKey(tenant), await withKey(tenant)];
    const listed = await walk<{ id: string }>(`/admin/workspaces/${tenant.workspaceId}/api-keys`, 2);
    expect(listed.map((key) => key.id)).toEqual([tenant.keyId, ...more.map((key) => key.keyId)]);

    const other = await createTenant();
    for (const cursor of [other.keyId, "0".repeat(32), "not-a-key"]) {
      const refused = await adminGet(`/admin/workspaces/${tenant.workspaceId}/api-keys?cursor=${cursor}`);
      expect((await expectJson(refused, 400)).error.message).toContain("cursor");
    }
  });

  it("answers 404 for an unknown workspace and 401 without the admin token", async () => {
    const missing = await expectJson(await adminGet(`/admin/workspaces/${crypto.randomUUID()}/api-keys`), 404);
    expect(missing.error.type).toBe("workspace_not_found");
    const tenant = await createTenant();
    expect((await call("GET", `/admin/workspaces/${tenant.workspaceId}/api-keys`, {})).status).toBe(401);
    expect((await call("GET", `/admin/workspaces/${tenant.workspaceId}/api-keys`, tenant.headers.seam)).status).toBe(401);
  });
});
