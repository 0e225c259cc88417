import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { applySeatOperations } from "../../../src/db/seatAssignments";
import { admin, createTenant, withKey } from "../helpers";
import { createSeatType, holdersInDb, insertUsers, seatObject } from "./fixtures";

// Seat changes check the caller's key inside their own batch (the verdict's
// key_active), so a revoked key changes nothing, without a round trip of its own.

async function setup() {
  const tenant = await createTenant();
  await createSeatType(tenant, "apm");
  const revoked = await withKey(tenant);
  expect((await admin(`/admin/api-keys/${revoked.keyId}`, { method: "DELETE" })).status).toBe(204);
  const ids = await insertUsers(tenant.workspaceId, 3);
  const change = (userIds: string[], keyId?: string) => ({ workspaceId: tenant.workspaceId, productCode: "apm", userIds, keyId, requestId: crypto.randomUUID() });
  return { tenant, revoked, ids: ids as [string, string, string], change };
}

describe("the key check in a seat change", () => {
  it("refuses the revoked key's operation alone within a batch; the others apply in order", async () => {
    const { tenant, revoked, ids, change } = await setup();
    const [a, b, c] = ids;
    const applied = await applySeatOperations(env.DB, [
      { kind: "assign", change: change([a], tenant.keyId) },
      { kind: "assign", change: change([b], revoked.keyId) },
      { kind: "assign", change: change([c]) },
      { kind: "unassign", change: change([a], revoked.keyId) },
    ]);
    expect(applied).toEqual([
      { ok: true, changed: [a] },
      { ok: false, reason: { kind: "key_inactive", keyId: revoked.keyId } },
      { ok: true, changed: [c] },
      { ok: false, reason: { kind: "key_inactive", keyId: revoked.keyId } },
    ]);
    expect((await holdersInDb(tenant.workspaceId, "apm")).sort()).toEqual([a, c].sort());
  });

  it("answers key_inactive before anything else, even for an unknown product code", async () => {
    const { revoked, ids, change } = await setup();
    const [applied] = await applySeatOperations(env.DB, [{ kind: "assign", change: { ...change(ids, revoked.keyId), productCode: "nope" } }]);
    expect(applied).toEqual({ ok: false, reason: { kind: "key_inactive", keyId: revoked.keyId } });
  });

  it("leaves no trace in the object's journal", async () => {
    const { tenant, revoked, ids, change } = await setup();
    const stub = seatObject(tenant.workspaceId, "apm");
    const refused = await stub.assign(change([ids[0]], revoked.keyId));
    expect(refused).toMatchObject({ ok: false, reason: { kind: "key_inactive" }, seq: 0 });
    const applied = await stub.assign(change([ids[1]], tenant.keyId));
    expect(applied).toMatchObject({ ok: true, changed: [ids[1]], seq: 1 });
    expect((await stub.journal()).map((entry) => entry.userIds)).toEqual([[ids[1]]]);
  });
});
