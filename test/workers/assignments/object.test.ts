import { evictDurableObject, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { JOURNAL_KEPT } from "../../../src/objects/journal";
import type { SeatAssignments } from "../../../src/objects/seatAssignments";
import { createTenant } from "../helpers";
import { createSeatType, holdersInDb, insertUsers, intercepted, journalOf, REACHED, seatObject } from "./fixtures";

/** A fresh workspace (so a fresh object name) with one seat type and some users. */
async function setup(users: number, maxSeats?: number) {
  const tenant = await createTenant();
  await createSeatType(tenant, "apm", maxSeats);
  const ids = await insertUsers(tenant.workspaceId, users);
  const stub = seatObject(tenant.workspaceId, "apm");
  const change = (userIds: string[]) => ({ workspaceId: tenant.workspaceId, productCode: "apm", userIds, requestId: crypto.randomUUID() });
  return { tenant, ids, stub, change };
}

/** The error a call rejects with (fails when it resolves). */
function rejection(call: PromiseLike<unknown>): Promise<Error> {
  return Promise.resolve(call).then(
    () => {
      throw new Error("expected the call to be rejected");
    },
    (error: Error) => error,
  );
}

describe("SeatAssignments object", () => {
  it("applies its own schema once and keeps it across restarts", async () => {
    const { ids, stub, change } = await setup(1);
    await stub.assign(change(ids));
    const tables = await runInDurableObject(stub, (_instance: SeatAssignments, state) =>
      state.storage.sql.exec<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").toArray(),
    );
    expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(["_migrations", "identity", "operations"]));

    await evictDurableObject(stub);
    await stub.unassign(change(ids));
    const migrations = await runInDurableObject(stub, (_instance: SeatAssignments, state) =>
      state.storage.sql.exec<{ id: number }>("SELECT id FROM _migrations ORDER BY id").toArray(),
    );
    expect(migrations.map((m) => m.id)).toEqual([1, 2]);
  });

  it("journals each operation with its outcome, in the order applied, across a restart", async () => {
    const { ids, stub, change } = await setup(3, 2);
    const [a, b, c] = ids as [string, string, string];

    expect(await stub.assign(change([a, b]))).toEqual({ ok: true, changed: [a, b], seq: 1, bookmark: REACHED, outboxWaiting: false });
    expect(await stub.assign(change([c]))).toEqual({
      ok: false,
      reason: { kind: "over_cap", maxSeats: 2, seatsHeld: 2, requested: 1 },
      seq: 2,
      bookmark: REACHED,
      outboxWaiting: false,
    });
    await evictDurableObject(stub);
    expect(await stub.unassign(change([a, c]))).toEqual({ ok: true, changed: [a], seq: 3, bookmark: REACHED, outboxWaiting: false });

    const journal = await journalOf(stub);
    expect(journal.map(({ seq, kind, userIds, changed }) => ({ seq, kind, userIds, changed }))).toEqual([
      { seq: 1, kind: "assign", userIds: [a, b], changed: [a, b] },
      { seq: 2, kind: "assign", userIds: [c], changed: [] },
      { seq: 3, kind: "unassign", userIds: [a, c], changed: [a] },
    ]);
    expect(journal[1]!.refusal).toMatchObject({ kind: "over_cap" });
    expect(await journalOf(stub, 2)).toHaveLength(1);
  });

  it("runs concurrent calls one at a time, in arrival order", async () => {
    const { ids, stub, change } = await setup(20);
    const { maxInFlight, outcomes } = await runInDurableObject(stub, async (instance: SeatAssignments) => {
      // Count overlapping D1 batches by wrapping the real binding (no mock: every call still reaches D1).
      const env = (instance as unknown as { env: Env }).env;
      const real = env.DB;
      let inFlight = 0;
      let maxInFlight = 0;
      const counting = intercepted(real, async (_statements, run) => {
        maxInFlight = Math.max(maxInFlight, ++inFlight);
        try {
          return await run();
        } finally {
          inFlight--;
        }
      });
      (instance as unknown as { env: Env }).env = { ...env, DB: counting };
      try {
        const outcomes = await Promise.all(ids.map((id, i) => (i % 2 ? instance.unassign(change([id])) : instance.assign(change([id])))));
        return { maxInFlight, outcomes };
      } finally {
        (instance as unknown as { env: Env }).env = env;
      }
    });

    expect(maxInFlight).toBe(1);
    expect(outcomes.map((o) => o.seq)).toEqual(ids.map((_, i) => i + 1));
  });

  it("survives a D1 failure: nothing written, nothing journaled, the queue goes on", async () => {
    const { ids, stub, change } = await setup(2);
    const [a, b] = ids as [string, string];
    const failed = await runInDurableObject(stub, async (instance: SeatAssignments) => {
      const env = (instance as unknown as { env: Env }).env;
      const failing = intercepted(env.DB, async () => {
        throw new Error("D1 is unavailable");
      });
      (instance as unknown as { env: Env }).env = { ...env, DB: failing };
      const attempts = await Promise.allSettled([instance.assign(change([a])), instance.assign(change([b]))]);
      (instance as unknown as { env: Env }).env = env;
      return attempts.map((attempt) => attempt.status);
    });

    expect(failed).toEqual(["rejected", "rejected"]);
    expect(await journalOf(stub)).toEqual([]);
    expect(await stub.assign(change([a, b]))).toEqual({ ok: true, changed: [a, b], seq: 1, bookmark: REACHED, outboxWaiting: false });
    expect(await holdersInDb(change([]).workspaceId, "apm")).toEqual([a, b].sort());
  });

  it("keeps no trace of a call for a product code that does not exist", async () => {
    const tenant = await createTenant();
    const users = await insertUsers(tenant.workspaceId, 1);
    const stub = seatObject(tenant.workspaceId, "not_created");

    const outcome = await stub.assign({ workspaceId: tenant.workspaceId, productCode: "not_created", userIds: users, requestId: crypto.randomUUID() });

    expect(outcome).toEqual({
      ok: false,
      reason: { kind: "unknown_product_code", productCode: "not_created" },
      seq: 0,
      bookmark: REACHED,
      outboxWaiting: false,
    });
    // Not even its schema: any key that may assign seats could otherwise make objects hold storage at will.
    const tables = await runInDurableObject(stub, (_instance: SeatAssignments, state) =>
      state.storage.sql.exec("SELECT name FROM sqlite_master").toArray(),
    );
    expect(tables).toEqual([]);
    expect(await journalOf(stub)).toEqual([]);
  });

  // Programming errors are thrown, so these call the instance directly: a
  // rejection across RPC would also be logged by workerd as uncaught.
  it("refuses to serve another (workspace, product code) than the one it was first used for", async () => {
    const { ids, stub, change } = await setup(1);
    await stub.assign(change(ids));
    const other = await createTenant();
    const wronglyAddressed = () =>
      runInDurableObject(stub, (instance: SeatAssignments) =>
        rejection(instance.assign({ workspaceId: other.workspaceId, productCode: "apm", userIds: ids, requestId: crypto.randomUUID() })),
      );
    expect((await wronglyAddressed()).message).toMatch(/called for/);
    // The object remembers its identity from storage after a restart.
    await evictDurableObject(stub);
    expect((await wronglyAddressed()).message).toMatch(/called for/);
    expect(await journalOf(stub)).toHaveLength(1);
  });

  it(`keeps the last ${JOURNAL_KEPT} journal entries`, async () => {
    const { ids, stub, change } = await setup(1);
    const rounds = JOURNAL_KEPT / 2 + 3;
    for (let round = 0; round < rounds; round++) {
      // Concurrent pairs, so pruning also runs for groups of more than one entry.
      await Promise.all([stub.assign(change(ids)), stub.unassign(change(ids))]);
    }
    const journal = await journalOf(stub, 0, 2 * JOURNAL_KEPT);
    expect(journal).toHaveLength(JOURNAL_KEPT);
    expect(journal[0]!.seq).toBe(2 * rounds - JOURNAL_KEPT + 1);
    expect(journal.at(-1)!.seq).toBe(2 * rounds);
  }, 60_000);

  it("refuses an empty or oversized user list", async () => {
    const { stub, change } = await setup(0);
    const tooMany = Array.from({ length: 1001 }, () => crypto.randomUUID());
    const errors = await runInDurableObject(stub, async (instance: SeatAssignments) => [
      await rejection(instance.assign(change([]))),
      await rejection(instance.unassign(change(tooMany))),
    ]);
    expect(errors.map((error) => error.name)).toEqual(["RangeError", "RangeError"]);
    expect(errors[1]!.message).toMatch(/1 to 1000/);
  });
});
