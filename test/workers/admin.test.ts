import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { admin, BASE, call, createTenant, expectJson } from "./helpers";

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
    expect(key.id).toMatch(/^[0-9a-f]{32}$/);
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
