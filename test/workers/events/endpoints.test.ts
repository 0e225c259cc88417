import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { admin, createTenant, expectJson } from "../helpers";

const HOOK = "https://hooks.example.com/seatkeeper";

async function storedEndpoints(workspaceId: string): Promise<number> {
  const row = await env.DB.prepare("SELECT count(*) AS n FROM webhook_endpoints WHERE workspace_id = ?1").bind(workspaceId).first<{ n: number }>();
  return row!.n;
}

describe("webhook endpoints' URLs", () => {
  it.each(["https://user:pw@hooks.example.com/x", "https://user@hooks.example.com/x", "http://hooks.example.com/x"])("refuses %s with a message that names the rule", async (url) => {
    const tenant = await createTenant();
    const refused = await expectJson(await admin(`/admin/workspaces/${tenant.workspaceId}/webhook-endpoints`, { body: { url } }), 400);
    expect(refused.error.message).toContain("must be https (http only to 127.0.0.1 or localhost) and carry no user name or password");
    expect(await storedEndpoints(tenant.workspaceId)).toBe(0);
  });
});

describe("webhook endpoints' event types", () => {
  it.each([[["seat.assign"]], [["seat.assigned", "user.created"]], [[]], [["SEAT.ASSIGNED"]]])("refuses %j with 400 naming eventTypes, and stores nothing", async (eventTypes) => {
    const tenant = await createTenant();
    const refused = await expectJson(await admin(`/admin/workspaces/${tenant.workspaceId}/webhook-endpoints`, { body: { url: HOOK, eventTypes } }), 400);
    expect(refused.error).toMatchObject({ type: "invalid_input", message: expect.stringContaining("eventTypes") });
    expect(await storedEndpoints(tenant.workspaceId)).toBe(0);
  });

  it("keeps a repeated type once", async () => {
    const tenant = await createTenant();
    const created = await expectJson(
      await admin(`/admin/workspaces/${tenant.workspaceId}/webhook-endpoints`, { body: { url: HOOK, eventTypes: ["seat.assigned", "seat.unassigned", "seat.assigned"] } }),
      201,
    );
    expect(created.eventTypes).toEqual(["seat.assigned", "seat.unassigned"]);
  });

  it("holds an update to the same rule, and leaves the endpoint as it was", async () => {
    const tenant = await createTenant();
    const created = await expectJson(await admin(`/admin/workspaces/${tenant.workspaceId}/webhook-endpoints`, { body: { url: HOOK, eventTypes: ["seat.assigned"] } }), 201);
    const path = `/admin/webhook-endpoints/${created.id}`;
    await expectJson(await admin(path, { method: "PATCH", body: { eventTypes: ["customer.deleted"] } }), 400);
    expect((await expectJson(await admin(path, { method: "GET" }), 200)).eventTypes).toEqual(["seat.assigned"]);
    const updated = await expectJson(await admin(path, { method: "PATCH", body: { eventTypes: ["customer.archived", "customer.archived"] } }), 200);
    expect(updated.eventTypes).toEqual(["customer.archived"]);
  });
});
