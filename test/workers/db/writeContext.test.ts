import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { hashSecret } from "../../../src/auth/keys";
import { checkedInFirstBatch } from "../../../src/db/keyGate";
import { requestContext, withWriteContext, type WriteContext } from "../../../src/db/writeContext";
import { meteredDb, newMeter } from "../../../bench/worker/meter";
import { createTenant, type Tenant } from "../helpers";

/** Renames the workspace after the write context's request id: a write that shows what the context said. */
const stamp = (db: D1Database, workspaceId: string) =>
  db.prepare("UPDATE workspaces SET name = (SELECT 'by ' || request_id || ' ' || coalesce(key_id, '-') || ' ' || cause FROM write_context) WHERE id = ?1").bind(workspaceId);
const nameOf = (workspaceId: string) => env.DB.prepare("SELECT name FROM workspaces WHERE id = ?1").bind(workspaceId).first<string>("name");
const contextRows = () => env.DB.prepare("SELECT count(*) AS n FROM write_context").first<number>("n");

async function gate(tenant: Tenant, context: WriteContext) {
  const claim = { keyId: tenant.keyId, secretHash: await hashSecret(tenant.secret), anyOf: ["users_read"] as const, workspaceId: tenant.workspaceId, judge() {} };
  return checkedInFirstBatch(env.DB, claim, context);
}

describe("the write context", () => {
  it("is what the writes of a batch see, and is gone once the batch committed", async () => {
    const tenant = await createTenant();
    const context: WriteContext = { requestId: crypto.randomUUID(), keyId: null, cause: "admin" };
    const db = withWriteContext(env.DB, context);
    await db.batch([db.prepare("SELECT 1"), stamp(db, tenant.workspaceId)]);
    expect(await nameOf(tenant.workspaceId)).toBe(`by ${context.requestId} - admin`);
    expect(await contextRows()).toBe(0);
    // A single write statement too.
    await withWriteContext(env.DB, { ...context, requestId: "second" }).prepare("UPDATE workspaces SET name = (SELECT request_id FROM write_context) WHERE id = ?1").bind(tenant.workspaceId).run();
    expect(await nameOf(tenant.workspaceId)).toBe("second");
  });

  it("rides only on batches that write: a read stays a read", async () => {
    const meter = newMeter();
    const db = withWriteContext(meteredDb(env.DB, meter), requestContext(crypto.randomUUID(), null));
    expect(await db.prepare("SELECT 1 AS one").first("one")).toBe(1);
    expect(meter.queries).toBe(1);
    await db.batch([db.prepare("SELECT 1"), db.prepare("SELECT 2")]);
    expect(meter.queries).toBe(3);
  });

  it("comes with every write of a signed-in request, before and after its key is confirmed", async () => {
    const tenant = await createTenant();
    const context = requestContext(crypto.randomUUID(), tenant.keyId);
    const gated = await gate(tenant, context);
    await gated.db.batch([stamp(gated.db, tenant.workspaceId)]);
    expect(gated.confirmed).toBe(true);
    expect(await nameOf(tenant.workspaceId)).toBe(`by ${context.requestId} ${tenant.keyId} request`);
    await gated.db.prepare("UPDATE workspaces SET name = (SELECT 'again ' || request_id FROM write_context) WHERE id = ?1").bind(tenant.workspaceId).run();
    expect(await nameOf(tenant.workspaceId)).toBe(`again ${context.requestId}`);
    expect(await contextRows()).toBe(0);
  });

  it("is absent from a batch that sets none", async () => {
    const tenant = await createTenant();
    await withWriteContext(env.DB, requestContext("earlier", null)).batch([stamp(env.DB, tenant.workspaceId)]);
    await env.DB.batch([env.DB.prepare("UPDATE workspaces SET name = coalesce((SELECT request_id FROM write_context), 'none') WHERE id = ?1").bind(tenant.workspaceId)]);
    expect(await nameOf(tenant.workspaceId)).toBe("none");
  });
});
