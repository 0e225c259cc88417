import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { hashSecret } from "../../../src/auth/keys";
import { checkedInFirstBatch, inKeysWorkspace, UNSEEN_WORKSPACE, type KeyClaim, type KeyReading } from "../../../src/db/keyGate";
import { requestContext } from "../../../src/db/writeContext";
import { KeyInactive, KeyLacksPermission } from "../../../src/shared/errors";
import type { Permission } from "../../../src/shared/permissions";
import { meteredDb, newMeter } from "../../../bench/worker/meter";
import { createTenant, type Tenant } from "../helpers";

/** The write context the gate puts on write batches (a request of a test key). */
const CONTEXT = requestContext(crypto.randomUUID(), null);

const revoke = (keyId: string) =>
  env.DB.prepare("UPDATE api_keys SET revoked_at = '2026-01-01T00:00:00.000Z' WHERE id = ?1").bind(keyId).run();
const nameOf = async (workspaceId: string) =>
  env.DB.prepare("SELECT name FROM workspaces WHERE id = ?1").bind(workspaceId).first<string>("name");
const rename = (db: D1Database, workspaceId: string) =>
  db.prepare("UPDATE workspaces SET name = 'taken over' WHERE id = ?1").bind(workspaceId);

/**
 * A claim as the auth middleware makes them, with a judge that refuses a
 * missing or inactive key (and, for a key read for the first time, a
 * permission it lacks) and records every reading.
 */
async function claimOf(
  tenant: Tenant,
  options: { seen?: boolean; secret?: string; anyOf?: Permission[] } = {},
): Promise<KeyClaim & { readings: KeyReading[] }> {
  const readings: KeyReading[] = [];
  const anyOf = options.anyOf ?? ["users_read"];
  return {
    keyId: tenant.keyId,
    secretHash: await hashSecret(options.secret ?? tenant.secret),
    anyOf,
    workspaceId: options.seen === false ? undefined : tenant.workspaceId,
    readings,
    judge(reading) {
      readings.push(reading);
      if (reading.facts !== undefined && !reading.facts?.active) throw new KeyInactive(tenant.keyId);
      if (reading.facts && !anyOf.some((permission) => reading.facts!.permissions.includes(permission))) {
        throw new KeyLacksPermission(anyOf);
      }
    },
  };
}

describe("key gate: an active key the Worker knows", () => {
  it("answers statements as the database does, with the key's row read only in the first batch", async () => {
    const tenant = await createTenant();
    const meter = newMeter();
    const claim = await claimOf(tenant);
    const gate = checkedInFirstBatch(meteredDb(env.DB, meter), claim, CONTEXT);
    const byId = gate.db.prepare("SELECT id, name FROM workspaces WHERE id = ?1").bind(tenant.workspaceId);

    expect(gate.confirmed).toBe(false);
    expect(await byId.first()).toEqual({ id: tenant.workspaceId, name: tenant.workspaceName });
    expect(gate.confirmed).toBe(true);
    expect(meter).toMatchObject({ calls: 1, queries: 2, rowsWritten: 0 }); // the key's row and the statement, one batch
    expect(claim.readings).toEqual([{ facts: expect.objectContaining({ id: tenant.keyId, active: true }), servedByPrimary: true }]);

    expect(await byId.first("name")).toBe(tenant.workspaceName);
    expect((await byId.all()).results).toEqual([{ id: tenant.workspaceId, name: tenant.workspaceName }]);
    expect(meter.queries).toBe(4); // straight through once confirmed
  });

  it("returns each statement's own result from a gated batch, and first(column) from it", async () => {
    const tenant = await createTenant();
    const gate = checkedInFirstBatch(env.DB, await claimOf(tenant), CONTEXT);
    const [one, two] = await gate.db.batch([
      gate.db.prepare("SELECT 1 AS n"),
      gate.db.prepare("SELECT name FROM workspaces WHERE id = ?1").bind(tenant.workspaceId),
    ]);
    expect(one!.results).toEqual([{ n: 1 }]);
    expect(two!.results).toEqual([{ name: tenant.workspaceName }]);

    const fresh = checkedInFirstBatch(env.DB, await claimOf(tenant), CONTEXT);
    await expect(fresh.db.prepare("SELECT 1 AS n").first("nope")).rejects.toThrow(/D1_COLUMN_NOTFOUND/);
    expect(await checkedInFirstBatch(env.DB, await claimOf(tenant), CONTEXT).db.prepare("SELECT 1 AS n WHERE 0").first()).toBeNull();
  });

  it("puts the key gate before a batch that writes, and reads no row of the key", async () => {
    const tenant = await createTenant();
    const claim = await claimOf(tenant);
    const gate = checkedInFirstBatch(env.DB, claim, CONTEXT);
    await rename(gate.db, tenant.workspaceId).run();
    expect(await nameOf(tenant.workspaceId)).toBe("taken over");
    expect(claim.readings).toEqual([{ servedByPrimary: true }]);
  });

  it("confirms the key when a statement after the gate breaks a constraint, and rethrows that failure", async () => {
    const tenant = await createTenant();
    const gate = checkedInFirstBatch(env.DB, await claimOf(tenant), CONTEXT);
    const duplicate = gate.db
      .prepare("INSERT INTO workspaces (id, name, created_at) VALUES (?1, 'dup', '2026-01-01T00:00:00.000Z')")
      .bind(tenant.workspaceId);
    await expect(duplicate.run()).rejects.toThrow(/UNIQUE constraint failed/);
    expect(gate.confirmed).toBe(true);
  });

  it("leaves the key unconfirmed when a batch fails otherwise: the failure may have come first", async () => {
    const tenant = await createTenant();
    const gate = checkedInFirstBatch(env.DB, await claimOf(tenant), CONTEXT);
    await expect(gate.db.prepare("SELECT * FROM no_such_table").all()).rejects.toThrow(/no such table/);
    expect(gate.confirmed).toBe(false);
    await gate.confirm();
    expect(gate.confirmed).toBe(true);
  });

  it("the key gate's view stores nothing and writes no row", async () => {
    const tenant = await createTenant();
    const result = await env.DB.prepare("INSERT INTO key_gate (key_id, secret_hash, any_of) VALUES (?1, ?2, '[\"users_read\"]')")
      .bind(tenant.keyId, await hashSecret(tenant.secret))
      .run();
    expect(result.meta.rows_written).toBe(0);
    expect(await env.DB.prepare("SELECT count(*) AS n FROM key_gate").first("n")).toBe(0);
  });
});

describe("key gate: a revoked or unknown key", () => {
  it("gets nothing back from reads", async () => {
    const tenant = await createTenant();
    await revoke(tenant.keyId);
    const gate = checkedInFirstBatch(env.DB, await claimOf(tenant), CONTEXT);
    await expect(gate.db.prepare("SELECT name FROM workspaces").all()).rejects.toBeInstanceOf(KeyInactive);
    await expect(gate.db.prepare("SELECT 1").first()).rejects.toBeInstanceOf(KeyInactive);
    expect(gate.confirmed).toBe(false);
  });

  it("writes nothing: the whole batch rolls back", async () => {
    const tenant = await createTenant();
    await revoke(tenant.keyId);
    const gate = checkedInFirstBatch(env.DB, await claimOf(tenant), CONTEXT);
    await expect(rename(gate.db, tenant.workspaceId).run()).rejects.toBeInstanceOf(KeyInactive);
    await expect(gate.db.batch([rename(gate.db, tenant.workspaceId), gate.db.prepare("SELECT 1")])).rejects.toBeInstanceOf(KeyInactive);
    expect(await nameOf(tenant.workspaceId)).toBe(tenant.workspaceName);
  });

  it("is refused by confirm() on its own, and an unknown id too", async () => {
    const tenant = await createTenant();
    await revoke(tenant.keyId);
    await expect(checkedInFirstBatch(env.DB, await claimOf(tenant), CONTEXT).confirm()).rejects.toBeInstanceOf(KeyInactive);
    const unknown = { ...tenant, keyId: "f".repeat(32) };
    await expect(checkedInFirstBatch(env.DB, await claimOf(unknown), CONTEXT).confirm()).rejects.toBeInstanceOf(KeyInactive);
  });

  it("is refused once revoked even after it was confirmed for earlier requests", async () => {
    const tenant = await createTenant();
    await checkedInFirstBatch(env.DB, await claimOf(tenant), CONTEXT).confirm();
    await revoke(tenant.keyId);
    await expect(checkedInFirstBatch(env.DB, await claimOf(tenant), CONTEXT).confirm()).rejects.toBeInstanceOf(KeyInactive);
  });
});

describe("key gate: a key the Worker has not seen", () => {
  it("answers statements that bind UNSEEN_WORKSPACE for the key's workspace, in one batch", async () => {
    const [tenant, other] = [await createTenant(), await createTenant()];
    const meter = newMeter();
    const claim = await claimOf(tenant, { seen: false });
    const gate = checkedInFirstBatch(meteredDb(env.DB, meter), claim, CONTEXT);
    const name = gate.db.prepare("SELECT name FROM workspaces WHERE id = ?1 AND ?1 <> ?2").bind(UNSEEN_WORKSPACE, other.workspaceId);
    expect(await name.first("name")).toBe(tenant.workspaceName);
    expect(meter.calls).toBe(1);
    expect(claim.readings[0]!.facts).toMatchObject({ workspaceId: tenant.workspaceId, active: true });
    // Known from then on: the placeholder becomes the workspace id itself.
    expect(await name.first("name")).toBe(tenant.workspaceName);
    expect(meter.calls).toBe(2);
  });

  it("writes in the key's workspace behind the gate, reading the key's row in the same batch", async () => {
    const tenant = await createTenant();
    const claim = await claimOf(tenant, { seen: false });
    const gate = checkedInFirstBatch(env.DB, claim, CONTEXT);
    const renamed = await gate.db
      .prepare("UPDATE workspaces SET name = ?2 WHERE id = ?1 RETURNING id")
      .bind(UNSEEN_WORKSPACE, "renamed unseen")
      .first("id");
    expect(renamed).toBe(tenant.workspaceId);
    expect(claim.readings).toEqual([{ facts: expect.objectContaining({ workspaceId: tenant.workspaceId }), servedByPrimary: true }]);
  });

  it("writes nothing for a wrong secret or a missing permission, which the gate checks in SQL", async () => {
    const tenant = await createTenant(["users_read"]);
    const wrong = checkedInFirstBatch(env.DB, await claimOf(tenant, { seen: false, secret: "0".repeat(40) }), CONTEXT);
    await expect(rename(wrong.db, UNSEEN_WORKSPACE).run()).rejects.toBeInstanceOf(KeyInactive);
    expect(wrong.confirmed).toBe(false);
    const unpermitted = checkedInFirstBatch(env.DB, await claimOf(tenant, { seen: false, anyOf: ["users_write"] }), CONTEXT);
    await expect(rename(unpermitted.db, UNSEEN_WORKSPACE).run()).rejects.toBeInstanceOf(KeyLacksPermission);
    // Active and of the right secret: the 403 stands without another check.
    expect(unpermitted.confirmed).toBe(true);
    expect(await nameOf(tenant.workspaceId)).toBe(tenant.workspaceName);
  });

  it("reads nothing of any workspace for an unknown key id", async () => {
    const tenant = await createTenant();
    const gate = checkedInFirstBatch(env.DB, await claimOf({ ...tenant, keyId: "e".repeat(32) }, { seen: false }), CONTEXT);
    await expect(gate.db.prepare("SELECT name FROM workspaces WHERE id = ?1").bind(UNSEEN_WORKSPACE).all()).rejects.toBeInstanceOf(KeyInactive);
  });

  it("learns the workspace with identify(), once", async () => {
    const tenant = await createTenant();
    const meter = newMeter();
    const gate = checkedInFirstBatch(meteredDb(env.DB, meter), await claimOf(tenant, { seen: false }), CONTEXT);
    await gate.identify();
    await gate.identify();
    expect(meter.calls).toBe(1);
    expect(gate.confirmed).toBe(true);
  });
});

describe("inKeysWorkspace", () => {
  const numbers = new Set([1, 3]);

  it("puts the key's workspace in place of the numbered parameters named, and of no other", () => {
    expect(inKeysWorkspace("SELECT * FROM t WHERE w = ?1 AND x = ?2 AND y = ?3 AND z = ?13", numbers)).toBe(
      "SELECT * FROM t WHERE w = (SELECT workspace_id FROM api_keys WHERE id = ?1) AND x = ?2 AND " +
        "y = (SELECT workspace_id FROM api_keys WHERE id = ?3) AND z = ?13",
    );
  });

  it("leaves quoted text, quoted identifiers and comments as they are", () => {
    const sql = `SELECT '?1', 'it''s ?1', "?1", \`?1\`, [?1] -- ?1\n, /* ?1 */ ?1`;
    expect(inKeysWorkspace(sql, numbers)).toBe(
      `SELECT '?1', 'it''s ?1', "?1", \`?1\`, [?1] -- ?1\n, /* ?1 */ (SELECT workspace_id FROM api_keys WHERE id = ?1)`,
    );
  });

  it("refuses an unnumbered parameter, whose number the rewrite would shift", () => {
    expect(() => inKeysWorkspace("SELECT ? AS a", numbers)).toThrow(/unnumbered parameter/);
  });
});

describe("key gate: a write batch", () => {
  it("starts with one statement that checks the key and makes the request the batch's writer", async () => {
    const tenant = await createTenant();
    const context = requestContext(crypto.randomUUID(), tenant.keyId);
    const meter = newMeter();
    const gate = checkedInFirstBatch(meteredDb(env.DB, meter), await claimOf(tenant, { anyOf: ["seat_metrics_write"] }), context);
    await gate.db
      .prepare("INSERT INTO seat_metrics (workspace_id, id, seat_type, label, created_by, created_at, updated_at) VALUES (?1, ?2, 'gated', 'Gated', ?3, ?4, ?4)")
      .bind(tenant.workspaceId, crypto.randomUUID(), tenant.keyId, new Date().toISOString())
      .run();
    // The gate with the context, the insert, the context's end (which is the outbox probe).
    expect(meter).toMatchObject({ calls: 1, queries: 3 });
    const recorded = await env.DB.prepare("SELECT request_id FROM events WHERE workspace_id = ?1 AND type = 'seat_metric.created'")
      .bind(tenant.workspaceId)
      .all();
    expect(recorded.results).toEqual([{ request_id: context.requestId }]);
    expect(await env.DB.prepare("SELECT count(*) AS n FROM write_context").first("n")).toBe(0);
  });
});
