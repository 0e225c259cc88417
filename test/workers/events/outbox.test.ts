import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { hashSecret } from "../../../src/auth/keys";
import { checkedInFirstBatch, type KeyClaim } from "../../../src/db/keyGate";
import { requestContext } from "../../../src/db/writeContext";
import { admin, createTenant, expectJson, type Tenant } from "../helpers";

/** A gate as the auth middleware makes one for a known key with the seat_metrics_write permission. */
async function gateOf(tenant: Tenant) {
  const claim: KeyClaim = {
    keyId: tenant.keyId,
    secretHash: await hashSecret(tenant.secret),
    anyOf: ["seat_metrics_write"],
    workspaceId: tenant.workspaceId,
    judge() {},
  };
  return checkedInFirstBatch(env.DB, claim, requestContext(crypto.randomUUID(), tenant.keyId));
}

/** A seat metric made through the gate: its seat_metric.created event is recorded in the batch. */
const createMetric = (gate: Awaited<ReturnType<typeof gateOf>>, tenant: Tenant, seatType: string) =>
  gate.db
    .prepare("INSERT INTO seat_metrics (workspace_id, id, seat_type, label, created_by, created_at, updated_at) VALUES (?1, ?2, ?3, 'Seat', ?4, ?5, ?5)")
    .bind(tenant.workspaceId, crypto.randomUUID(), seatType, tenant.keyId, new Date().toISOString())
    .run();

// The outbox starts empty in this file (each test file has its own storage), and nothing here sends it.
describe("a write batch's outbox probe (whether a queue message must send webhook deliveries)", () => {
  it("is false while nothing is written, false when no endpoint hears the event, true when one does", async () => {
    const tenant = await createTenant();
    const quiet = await gateOf(tenant);
    await quiet.db.prepare("SELECT 1").first();
    expect(quiet.outboxWaiting).toBe(false);
    await createMetric(quiet, tenant, "quiet");
    expect(quiet.outboxWaiting).toBe(false);

    await expectJson(await admin(`/admin/workspaces/${tenant.workspaceId}/webhook-endpoints`, { body: { url: "https://hooks.example.com/in" } }), 201);
    const heard = await gateOf(tenant);
    await createMetric(heard, tenant, "heard");
    expect(heard.outboxWaiting).toBe(true);
    const waiting = await env.DB.prepare("SELECT count(*) AS n FROM webhook_deliveries WHERE workspace_id = ?1 AND enqueued_at IS NULL").bind(tenant.workspaceId).first("n");
    expect(waiting).toBe(1);
  });

  it("keeps what it found when a later batch of the request only reads", async () => {
    const tenant = await createTenant();
    await expectJson(await admin(`/admin/workspaces/${tenant.workspaceId}/webhook-endpoints`, { body: { url: "https://hooks.example.com/in" } }), 201);
    const gate = await gateOf(tenant);
    await createMetric(gate, tenant, "then_read");
    await gate.db.batch([gate.db.prepare("SELECT 1")]);
    expect(gate.outboxWaiting).toBe(true);
  });
});
