import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { checkedInFirstBatch } from "../../../src/db/keyGate";
import { KeyInactive } from "../../../src/shared/errors";
import { meteredDb, newMeter } from "../../../bench/worker/meter";
import { createTenant } from "../helpers";

const revoke = (keyId: string) =>
  env.DB.prepare("UPDATE api_keys SET revoked_at = '2026-01-01T00:00:00.000Z' WHERE id = ?1").bind(keyId).run();
const nameOf = async (workspaceId: string) =>
  env.DB.prepare("SELECT name FROM workspaces WHERE id = ?1").bind(workspaceId).first<string>("name");

describe("key gate: an active key", () => {
  it("answers statements as the database does, with the check only in the first batch", async () => {
    const tenant = await createTenant();
    const meter = newMeter();
    const gate = checkedInFirstBatch(meteredDb(env.DB, meter), tenant.keyId);
    const byId = gate.db.prepare("SELECT id, name FROM workspaces WHERE id = ?1").bind(tenant.workspaceId);

    expect(gate.confirmed).toBe(false);
    expect(await byId.first()).toEqual({ id: tenant.workspaceId, name: tenant.workspaceName });
    expect(gate.confirmed).toBe(true);
    expect(meter.queries).toBe(2); // the check and the statement, one batch

    expect(await byId.first("name")).toBe(tenant.workspaceName);
    expect((await byId.all()).results).toEqual([{ id: tenant.workspaceId, name: tenant.workspaceName }]);
    expect(meter.queries).toBe(4); // straight through once confirmed
  });

  it("returns each statement's own result from a gated batch, and first(column) from it", async () => {
    const tenant = await createTenant();
    const gate = checkedInFirstBatch(env.DB, tenant.keyId);
    const [one, two] = await gate.db.batch([
      gate.db.prepare("SELECT 1 AS n"),
      gate.db.prepare("SELECT name FROM workspaces WHERE id = ?1").bind(tenant.workspaceId),
    ]);
    expect(one!.results).toEqual([{ n: 1 }]);
    expect(two!.results).toEqual([{ name: tenant.workspaceName }]);

    const fresh = checkedInFirstBatch(env.DB, tenant.keyId);
    await expect(fresh.db.prepare("SELECT 1 AS n").first("nope")).rejects.toThrow(/D1_COLUMN_NOTFOUND/);
    expect(await checkedInFirstBatch(env.DB, tenant.keyId).db.prepare("SELECT 1 AS n WHERE 0").first()).toBeNull();
  });

  it("stores nothing and writes no row", async () => {
    const tenant = await createTenant();
    const result = await env.DB.prepare("INSERT INTO active_key_gate (key_id) VALUES (?1)").bind(tenant.keyId).run();
    expect(result.meta.rows_written).toBe(0);
    expect(await env.DB.prepare("SELECT count(*) AS n FROM active_key_gate").first("n")).toBe(0);
  });

  it("leaves the key unconfirmed when another statement fails, and rethrows that failure", async () => {
    const tenant = await createTenant();
    const gate = checkedInFirstBatch(env.DB, tenant.keyId);
    const duplicate = gate.db
      .prepare("INSERT INTO workspaces (id, name, created_at) VALUES (?1, 'dup', '2026-01-01T00:00:00.000Z')")
      .bind(tenant.workspaceId);
    await expect(duplicate.run()).rejects.toThrow(/UNIQUE constraint failed/);
    expect(gate.confirmed).toBe(false);
    await gate.confirm();
    expect(gate.confirmed).toBe(true);
  });
});

describe("key gate: a revoked or unknown key", () => {
  it("gets nothing back from reads", async () => {
    const tenant = await createTenant();
    await revoke(tenant.keyId);
    const gate = checkedInFirstBatch(env.DB, tenant.keyId);
    await expect(gate.db.prepare("SELECT name FROM workspaces").all()).rejects.toBeInstanceOf(KeyInactive);
    await expect(gate.db.prepare("SELECT 1").first()).rejects.toBeInstanceOf(KeyInactive);
    expect(gate.confirmed).toBe(false);
  });

  it("writes nothing: the whole batch rolls back", async () => {
    const tenant = await createTenant();
    await revoke(tenant.keyId);
    const gate = checkedInFirstBatch(env.DB, tenant.keyId);
    const rename = gate.db.prepare("UPDATE workspaces SET name = 'taken over' WHERE id = ?1").bind(tenant.workspaceId);
    await expect(rename.run()).rejects.toBeInstanceOf(KeyInactive);
    await expect(gate.db.batch([rename, gate.db.prepare("SELECT 1")])).rejects.toBeInstanceOf(KeyInactive);
    expect(await nameOf(tenant.workspaceId)).toBe(tenant.workspaceName);
  });

  it("is refused by confirm() on its own, and an unknown id too", async () => {
    const tenant = await createTenant();
    await revoke(tenant.keyId);
    await expect(checkedInFirstBatch(env.DB, tenant.keyId).confirm()).rejects.toBeInstanceOf(KeyInactive);
    await expect(checkedInFirstBatch(env.DB, "f".repeat(32)).confirm()).rejects.toBeInstanceOf(KeyInactive);
  });

  it("is refused once revoked even after it was confirmed for earlier requests", async () => {
    const tenant = await createTenant();
    await checkedInFirstBatch(env.DB, tenant.keyId).confirm();
    await revoke(tenant.keyId);
    await expect(checkedInFirstBatch(env.DB, tenant.keyId).confirm()).rejects.toBeInstanceOf(KeyInactive);
  });
});
