import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { retryDelaySeconds, RETRY_DELAYS_SECONDS } from "../../../src/events/delivery";
import { admin, createTenant, expectJson } from "../helpers";
import { createUser } from "../users";

type QueueResult = { outcome: string; explicitAcks: string[]; retryMessages: { msgId: string; delaySeconds?: number }[] };
const worker = exports.default as unknown as { queue(queue: string, messages: unknown[]): Promise<QueueResult>; scheduled(init: object): Promise<unknown> };

async function unsentDelivery(): Promise<{ deliveryId: string; workspaceId: string }> {
  const tenant = await createTenant();
  // No receiver listens there: every attempt fails.
  await expectJson(await admin(`/admin/workspaces/${tenant.workspaceId}/webhook-endpoints`, { body: { url: "http://127.0.0.1:9/none" } }), 201);
  await createUser(tenant, { full_name: "Ada" });
  const row = await env.DB.prepare(
    "SELECT d.id FROM webhook_deliveries AS d JOIN events AS e ON e.seq = d.event_seq WHERE e.workspace_id = ?1",
  ).bind(tenant.workspaceId).first<{ id: string }>();
  return { deliveryId: row!.id, workspaceId: tenant.workspaceId };
}

describe("webhook delivery", () => {
  it("retries the first time within 30 s, then backs off to about 3 days in all", () => {
    expect(retryDelaySeconds(1)).toBeLessThanOrEqual(30);
    const delays = RETRY_DELAYS_SECONDS.map((_, i) => retryDelaySeconds(i + 1));
    expect([...delays].sort((a, b) => a - b)).toEqual(delays);
    const days = delays.reduce((sum, delay) => sum + delay, 0) / 86_400;
    expect(days).toBeGreaterThan(2.5);
    expect(days).toBeLessThan(3.5);
    expect(Math.max(...delays)).toBeLessThanOrEqual(86_400);
  });

  it("retries a failed attempt with the schedule's delay and records it; the dead-letter queue marks it failed", async () => {
    const { deliveryId } = await unsentDelivery();
    const message = { id: "m1", timestamp: new Date(), attempts: 3, body: { deliveryId } };
    const result = await worker.queue("seatkeeper-webhook-deliveries", [message]);
    // WEBHOOK_RETRY_DELAYS is "0" in the tests: the override applies.
    expect(result.retryMessages).toEqual([{ msgId: "m1", delaySeconds: 0 }]);
    const attempt = await env.DB.prepare("SELECT attempts, last_status, last_error, status FROM webhook_deliveries WHERE id = ?1").bind(deliveryId).first();
    expect(attempt).toMatchObject({ attempts: 1, last_status: null, last_error: expect.any(String), status: "pending" });

    await worker.queue("seatkeeper-webhook-deliveries-dlq", [{ ...message, attempts: 1 }]);
    expect(await env.DB.prepare("SELECT status FROM webhook_deliveries WHERE id = ?1").bind(deliveryId).first("status")).toBe("failed");
  });

  it("retries by hand only a delivery whose attempts ended: a pending one is still on its schedule (409)", async () => {
    const { deliveryId } = await unsentDelivery();
    const retry = () => admin(`/admin/webhook-deliveries/${deliveryId}/retry`);
    const row = () => env.DB.prepare("SELECT * FROM webhook_deliveries WHERE id = ?1").bind(deliveryId).first();
    await env.DB.prepare("UPDATE webhook_deliveries SET attempts = 4, enqueued_at = '2026-01-01T00:00:00.000Z' WHERE id = ?1").bind(deliveryId).run();
    const before = await row();
    const pending = await expectJson(await retry(), 409);
    expect(pending.error.type).toBe("webhook_delivery_pending");
    // Nothing changed: no second run of attempts was started beside the first.
    expect(await row()).toEqual(before);

    await worker.queue("seatkeeper-webhook-deliveries-dlq", [{ id: "m3", timestamp: new Date(), attempts: 1, body: { deliveryId } }]);
    expect(await expectJson(await retry(), 202)).toMatchObject({ id: deliveryId, status: "pending", attempts: 0 });
    expect((await retry()).status).toBe(409);
  });

  it("acknowledges a message whose delivery is gone (its endpoint deleted)", async () => {
    const result = await worker.queue("seatkeeper-webhook-deliveries", [{ id: "m2", timestamp: new Date(), attempts: 1, body: { deliveryId: "whd_gone" } }]);
    expect(result.explicitAcks).toEqual(["m2"]);
  });

  it("the cron's sweeper sends what a crash left unsent", async () => {
    const { deliveryId } = await unsentDelivery();
    await env.DB.prepare("UPDATE webhook_deliveries SET enqueued_at = NULL, created_at = '2000-01-01T00:00:00.000Z' WHERE id = ?1").bind(deliveryId).run();
    await worker.scheduled({ scheduledTime: new Date(), cron: "* * * * *" });
    expect(await env.DB.prepare("SELECT enqueued_at FROM webhook_deliveries WHERE id = ?1").bind(deliveryId).first("enqueued_at")).not.toBeNull();
  });
});
