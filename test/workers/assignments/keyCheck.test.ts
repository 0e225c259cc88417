import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { hashSecret } from "../../../src/auth/keys";
import { applySeatOperations, type SeatKey } from "../../../src/db/seatAssignments";
import { admin, createTenant, withKey } from "../helpers";
import { createSeatType, holdersInDb, insertUsers, journalOf, seatObject } from "./fixtures";

// Seat changes check the caller's key inside their own batch (the verdict's
// key_active and key_permitted), so a revoked key, a wrong secret, a key of
// another workspace or one without the permission changes nothing, without a
// round trip of its own.

async function setup() {
  const tenant = await createTenant();
  await createSeatType(tenant, "apm");
  const revoked = await withKey(tenant);
  expect((await admin(`/admin/api-keys/${revoked.keyId}`, { method: "DELETE" })).status).toBe(204);
  const ids = await insertUsers(tenant.workspaceId, 3);
  const keys = new Map<string, SeatKey>();
  for (const key of [tenant, revoked]) keys.set(key.keyId, { keyId: key.keyId, secretHash: await hashSecret(key.secret), anyOf: ["billing_edit"] });
  const change = (userIds: string[], keyId?: string) => ({ workspaceId: tenant.workspaceId, productCode: "apm", userIds, key: keyId === undefined ? undefined : keys.get(keyId), requestId: crypto.randomUUID() });
  return { tenant, revoked, ids: ids as [string, string, string], change, keys };
}

describe("the key check in a seat change", () => {
  it("refuses the revoked key's operation alone within a batch; the others apply in order", async () => {
    const { tenant, revoked, ids, change } = await setup();
    const [a, b, c] = ids;
    const { outcomes: applied } = await applySeatOperations(env.DB, [
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
    const { outcomes: [applied] } = await applySeatOperations(env.DB, [{ kind: "assign", change: { ...change(ids, revoked.keyId), productCode: "nope" } }]);
    expect(applied).toEqual({ ok: false, reason: { kind: "key_inactive", keyId: revoked.keyId } });
  });

  it("leaves no trace in the object's journal", async () => {
    const { tenant, revoked, ids, change } = await setup();
    const stub = seatObject(tenant.workspaceId, "apm");
    const refused = await stub.assign(change([ids[0]], revoked.keyId));
    expect(refused).toMatchObject({ ok: false, reason: { kind: "key_inactive" }, seq: 0 });
    const applied = await stub.assign(change([ids[1]], tenant.keyId));
    expect(applied).toMatchObject({ ok: true, changed: [ids[1]], seq: 1 });
    expect((await journalOf(stub)).map((entry) => entry.userIds)).toEqual([[ids[1]]]);
  });
});

describe("the verdict checks the key as presented, not only that it is active", () => {
  it("refuses a wrong secret, a key of another workspace and a key without the permission, each alone", async () => {
    const { tenant, ids, change, keys } = await setup();
    const other = await createTenant();
    const mine = keys.get(tenant.keyId)!;
    const othersKey = { keyId: other.keyId, secretHash: await hashSecret(other.secret), anyOf: mine.anyOf };
    const reader = await withKey(tenant, ["billing_read"]);
    const readersKey = { keyId: reader.keyId, secretHash: await hashSecret(reader.secret), anyOf: mine.anyOf };
    const [a, b, c, d] = [...ids, (await insertUsers(tenant.workspaceId, 1))[0]!];
    const { outcomes: applied } = await applySeatOperations(env.DB, [
      { kind: "assign", change: { ...change([a]), key: { ...mine, secretHash: await hashSecret("not-the-secret") } } },
      { kind: "assign", change: { ...change([b]), key: othersKey } },
      { kind: "assign", change: { ...change([c]), key: readersKey } },
      { kind: "assign", change: change([d], tenant.keyId) },
    ]);
    expect(applied).toEqual([
      { ok: false, reason: { kind: "key_inactive", keyId: tenant.keyId } },
      { ok: false, reason: { kind: "key_inactive", keyId: other.keyId } },
      { ok: false, reason: { kind: "key_lacks_permission", anyOf: ["billing_edit"] } },
      { ok: true, changed: [d] },
    ]);
    expect(await holdersInDb(tenant.workspaceId, "apm")).toEqual([d]);
    expect(await holdersInDb(other.workspaceId, "apm")).toEqual([]);
  });
});
