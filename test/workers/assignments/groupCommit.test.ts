import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { STATEMENTS_PER_BATCH, STATEMENTS_PER_OPERATION } from "../../../src/db/seatAssignments";
import { MAX_GROUP_OPERATIONS, type SeatAssignments, type SeatOutcome } from "../../../src/objects/seatAssignments";
import { createTenant } from "../helpers";
import { createSeatType, holdersInDb, insertUsers, intercepted, REACHED, journalOf, seatObject, seatsHeld } from "./fixtures";

/** A fresh workspace with one seat type and some users, and its object. */
async function setup(users: number, maxSeats?: number) {
  const tenant = await createTenant();
  await createSeatType(tenant, "apm", maxSeats);
  const ids = await insertUsers(tenant.workspaceId, users);
  const stub = seatObject(tenant.workspaceId, "apm");
  const change = (userIds: string[]) => ({ workspaceId: tenant.workspaceId, productCode: "apm", userIds, requestId: crypto.randomUUID() });
  return { tenant, ids, stub, change };
}

type Instance = SeatAssignments & { env: Env };

/** The statements of a batch of `operations`: each one's, then the context's clearing (which is the outbox probe). */
const statementsFor = (operations: number) => operations * STATEMENTS_PER_OPERATION + STATEMENTS_PER_BATCH;

/**
 * Runs `calls` inside the object with its D1 binding wrapped (no mock: every
 * batch still reaches D1, or fails when `fail` says so), and returns how
 * many statements each batch carried, and each call's settled outcome.
 * `started` resolves when the first batch has been sent (and not answered).
 */
async function batched(
  stub: DurableObjectStub<SeatAssignments>,
  calls: (instance: SeatAssignments, started: Promise<void>) => Promise<Promise<unknown>[]> | Promise<unknown>[],
  fail: (batchIndex: number) => boolean = () => false,
) {
  return runInDurableObject(stub, async (object: SeatAssignments) => {
    const instance = object as Instance;
    const env = instance.env;
    const batches: number[] = [];
    let markStarted!: () => void;
    const started = new Promise<void>((resolve) => (markStarted = resolve));
    const wrapped = intercepted(env.DB, async (statements, run) => {
      batches.push(statements.length);
      markStarted();
      if (fail(batches.length - 1)) throw new Error("D1 is unavailable");
      return run();
    });
    instance.env = { ...env, DB: wrapped };
    try {
      const settled = await Promise.allSettled(await calls(instance, started));
      return { batches, settled: settled.map((s) => (s.status === "fulfilled" ? (s.value as SeatOutcome) : String(s.reason))) };
    } finally {
      instance.env = env;
    }
  });
}

describe("group commit in the SeatAssignments object", () => {
  it("puts the calls that wait behind a running batch into one batch, in arrival order, with serial semantics", async () => {
    const { ids, stub, change } = await setup(6, 4);
    const [a, b, c, d, e, f] = ids as [string, string, string, string, string, string];
    const { batches, settled } = await batched(stub, async (instance, started) => {
      const first = instance.assign(change([a]));
      await started;
      // Queued while the first batch runs: they go together, after it.
      return [first, instance.assign(change([a, b])), instance.unassign(change([a])), instance.assign(change([c, d, e])), instance.assign(change([f]))];
    });

    expect(batches).toEqual([statementsFor(1), statementsFor(4)]);
    expect(settled).toEqual([
      { ok: true, changed: [a], seq: 1, bookmark: REACHED, outboxWaiting: false },
      { ok: true, changed: [b], seq: 2, bookmark: REACHED, outboxWaiting: false },
      { ok: true, changed: [a], seq: 3, bookmark: REACHED, outboxWaiting: false },
      // b, c, d, e would be 4 holders: within the cap of 4.
      { ok: true, changed: [c, d, e], seq: 4, bookmark: REACHED, outboxWaiting: false },
      { ok: false, reason: { kind: "over_cap", maxSeats: 4, seatsHeld: 4, requested: 1 }, seq: 5, bookmark: REACHED, outboxWaiting: false },
    ]);
    expect(await holdersInDb(change([]).workspaceId, "apm")).toEqual([b, c, d, e].sort());
    expect(await seatsHeld(change([]).workspaceId, "apm")).toBe(4);
    expect((await journalOf(stub)).map((entry) => entry.seq)).toEqual([1, 2, 3, 4, 5]);
  });

  it("puts calls that arrive together into one batch", async () => {
    const { ids, stub, change } = await setup(3);
    const { batches, settled } = await batched(stub, (instance) => ids.map((id) => instance.unassign(change([id]))));
    expect(batches).toEqual([statementsFor(3)]);
    expect(settled.map((outcome) => (outcome as SeatOutcome).seq)).toEqual([1, 2, 3]);
  });

  it(`puts at most ${MAX_GROUP_OPERATIONS} operations in one batch`, async () => {
    const { ids, stub, change } = await setup(40);
    const { batches, settled } = await batched(stub, (instance) => ids.map((id) => instance.assign(change([id]))));
    expect(batches.every((statements) => statements <= statementsFor(MAX_GROUP_OPERATIONS))).toBe(true);
    expect(batches.reduce((sum, statements) => sum + statements - STATEMENTS_PER_BATCH, 0)).toBe(STATEMENTS_PER_OPERATION * ids.length);
    expect(settled.map((outcome) => (outcome as SeatOutcome).seq)).toEqual(ids.map((_, i) => i + 1));
  });

  it("fails every operation of a failed batch, writes and journals none of them, and goes on with the next", async () => {
    const { ids, stub, change } = await setup(4);
    const [a, b, c, d] = ids as [string, string, string, string];
    const { batches, settled } = await batched(
      stub,
      async (instance, started) => {
        const first = instance.assign(change([a]));
        await started;
        return [first, instance.assign(change([b])), instance.assign(change([c]))];
      },
      (batch) => batch === 1,
    );
    expect(batches).toEqual([statementsFor(1), statementsFor(2)]);
    const failed = "Error: D1 is unavailable";
    expect(settled).toEqual([{ ok: true, changed: [a], seq: 1, bookmark: REACHED, outboxWaiting: false }, failed, failed]);
    expect(await holdersInDb(change([]).workspaceId, "apm")).toEqual([a]);
    expect(await stub.assign(change([d]))).toEqual({ ok: true, changed: [d], seq: 2, bookmark: REACHED, outboxWaiting: false });
  });

  it("refuses a call for another (workspace, product code) alone, without failing its group", async () => {
    const { ids, stub, change } = await setup(3);
    const [a, b, c] = ids as [string, string, string];
    const other = await createTenant();
    const { settled } = await batched(stub, (instance) => [
      instance.assign(change([a])),
      instance.assign(change([b])),
      instance.assign({ workspaceId: other.workspaceId, productCode: "apm", userIds: [c], requestId: crypto.randomUUID() }),
      instance.assign(change([c])),
    ]);
    expect(settled[0]).toEqual({ ok: true, changed: [a], seq: 1, bookmark: REACHED, outboxWaiting: false });
    expect(settled[1]).toEqual({ ok: true, changed: [b], seq: 2, bookmark: REACHED, outboxWaiting: false });
    expect(settled[2]).toMatch(/called for/);
    expect(settled[3]).toEqual({ ok: true, changed: [c], seq: 3, bookmark: REACHED, outboxWaiting: false });
  });
});
