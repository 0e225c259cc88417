import { describe, expect, it } from "vitest";
import { createTenant, type Tenant } from "../helpers";
import { replay, wholeLedger } from "../seatLedger/fixtures";
import { assign, createSeatType, holdersInDb, insertUsers, journalOf, seatObject, seatsHeld, unassign } from "./fixtures";

type Op = { kind: "assign" | "unassign"; userIds: string[] };

/** Sends every operation at once and returns each HTTP answer (status and assigned_ids). */
async function fireAll(tenant: Tenant, productCode: string, ops: Op[]) {
  const responses = await Promise.all(
    ops.map((op) => (op.kind === "assign" ? assign : unassign)(tenant, productCode, op.userIds)),
  );
  return Promise.all(
    responses.map(async (response) => {
      const text = await response.text();
      const assigned: string[] | undefined = response.status === 201 ? JSON.parse(text).data.attributes.assigned_ids : undefined;
      return { status: response.status, assigned };
    }),
  );
}

/** Request i names a window of `width` users starting at i * step: neighbours overlap. */
function overlapping(users: string[], count: number, width: number, step: number): string[][] {
  return Array.from({ length: count }, (_, i) => Array.from({ length: width }, (_, j) => users[(i * step + j) % users.length]!));
}

describe("50 simultaneous requests on one product code", () => {
  it("seat every user exactly once, and the answers name each user exactly once", async () => {
    const tenant = await createTenant();
    await createSeatType(tenant, "apm");
    const users = await insertUsers(tenant.workspaceId, 40);
    const requests = overlapping(users, 50, 6, 3);

    const answers = await fireAll(tenant, "apm", requests.map((userIds) => ({ kind: "assign", userIds })));

    expect(answers.every((a) => a.status === 201)).toBe(true);
    const named = answers.flatMap((a) => a.assigned!);
    expect(named).toHaveLength(new Set(named).size);
    expect(new Set(named)).toEqual(new Set(requests.flat()));
    expect(await holdersInDb(tenant.workspaceId, "apm")).toEqual([...new Set(requests.flat())].sort());
    expect(await seatsHeld(tenant.workspaceId, "apm")).toBe(new Set(requests.flat()).size);
  });

  it.each([
    [7, 20],
    [25, 20],
  ])("under a cap of %i with %i distinct users, seat exactly min(cap, users)", async (cap, distinct) => {
    const tenant = await createTenant();
    await createSeatType(tenant, "apm", cap);
    const users = await insertUsers(tenant.workspaceId, distinct);
    // One user per request, every user asked for two or three times.
    const requests = Array.from({ length: 50 }, (_, i) => [users[i % distinct]!]);

    const answers = await fireAll(tenant, "apm", requests.map((userIds) => ({ kind: "assign", userIds })));

    const expected = Math.min(cap, distinct);
    const named = answers.flatMap((a) => a.assigned ?? []);
    expect(named).toHaveLength(expected);
    expect(new Set(named).size).toBe(expected);
    expect(answers.every((a) => a.status === 201 || a.status === 422)).toBe(true);
    expect(await holdersInDb(tenant.workspaceId, "apm")).toEqual([...named].sort());
    expect(await seatsHeld(tenant.workspaceId, "apm")).toBe(expected);
  });

  it("under a cap with overlapping multi-user requests, never pass the cap and match a serial replay", async () => {
    const tenant = await createTenant();
    await createSeatType(tenant, "apm", 10);
    const users = await insertUsers(tenant.workspaceId, 30);
    const ops: Op[] = overlapping(users, 50, 3, 2).map((userIds) => ({ kind: "assign", userIds }));

    const answers = await fireAll(tenant, "apm", ops);

    const holders = await holdersInDb(tenant.workspaceId, "apm");
    expect(holders.length).toBeLessThanOrEqual(10);
    const named = answers.flatMap((a) => a.assigned ?? []);
    expect([...named].sort()).toEqual(holders);
    await expectSerialReplay(tenant, "apm", ops, answers, 10);
  });

  it("interleaving assigns and unassigns ends where a serial replay in the object's order ends", async () => {
    const tenant = await createTenant();
    await createSeatType(tenant, "apm", 12);
    const users = await insertUsers(tenant.workspaceId, 16);
    const ops: Op[] = overlapping(users, 50, 4, 3).map((userIds, i) => ({ kind: i % 3 === 2 ? "unassign" : "assign", userIds }));

    const answers = await fireAll(tenant, "apm", ops);

    expect(answers.every((a) => [201, 204, 422].includes(a.status))).toBe(true);
    await expectSerialReplay(tenant, "apm", ops, answers, 12);
  });
});

describe("64 simultaneous clients on one product code", () => {
  it("leave a ledger whose replay gives exactly the holders after every operation, each operation's entries together", async () => {
    const tenant = await createTenant();
    await createSeatType(tenant, "apm", 14);
    const users = await insertUsers(tenant.workspaceId, 20);
    const ops: Op[] = overlapping(users, 64, 5, 3).map((userIds, i) => ({ kind: i % 4 === 3 ? "unassign" : "assign", userIds }));

    const answers = await fireAll(tenant, "apm", ops);

    expect(answers.every((a) => [201, 204, 422].includes(a.status))).toBe(true);
    await expectSerialReplay(tenant, "apm", ops, answers, 14);
    const journal = await journalOf(seatObject(tenant.workspaceId, "apm"));
    const ledger = await wholeLedger(tenant, "filter[product_code]=apm", 7);
    expect(ledger).toHaveLength(journal.reduce((sum, entry) => sum + entry.changed.length, 0));
    // Step by step: each applied operation's entries come together, in the object's order, from one request.
    const held = new Set<string>();
    const requests = new Set<string>();
    let next = 0;
    for (const entry of journal) {
      const own = ledger.slice(next, (next += entry.changed.length));
      // Within one operation, in whatever order its statement wrote them.
      expect(own.map((e) => e.attributes.user_uuid).sort()).toEqual([...entry.changed].sort());
      expect(new Set(own.map((e) => e.attributes.direction))).toEqual(new Set(own.length ? [entry.kind === "assign" ? "assigned" : "unassigned"] : []));
      const ids = new Set(own.map((e) => e.attributes.request_id));
      expect(ids.size).toBeLessThanOrEqual(1);
      for (const id of ids) {
        expect(requests.has(id!), "one request's entries are never apart").toBe(false);
        requests.add(id!);
      }
      replay(own, "apm", held);
      // The serial replay's holders after this operation.
      for (const id of entry.changed) expect(held.has(id)).toBe(entry.kind === "assign");
    }
    expect([...held].sort()).toEqual(await holdersInDb(tenant.workspaceId, "apm"));
  });
});

/**
 * Replays the object's journal one operation at a time on a plain set, as a
 * serial implementation would, and checks every step against what the object
 * did and what the HTTP callers were told, then the end state against D1.
 * Identical requests cannot be told apart, so each step takes any one
 * unclaimed answer of its request that matches.
 */
async function expectSerialReplay(
  tenant: Tenant,
  productCode: string,
  ops: Op[],
  answers: { status: number; assigned?: string[] | undefined }[],
  cap: number,
) {
  const journal = await journalOf(seatObject(tenant.workspaceId, productCode));
  expect(journal.map((entry) => entry.seq)).toEqual(ops.map((_, i) => i + 1));

  const unclaimed = new Map<string, string[]>();
  ops.forEach((op, i) => {
    const key = `${op.kind}:${JSON.stringify(op.userIds)}`;
    unclaimed.set(key, [...(unclaimed.get(key) ?? []), JSON.stringify(answers[i])]);
  });
  const claim = (kind: string, userIds: string[], answer: object) => {
    const pending = unclaimed.get(`${kind}:${JSON.stringify(userIds)}`) ?? [];
    const index = pending.indexOf(JSON.stringify(answer));
    expect(index, `a ${kind} of ${userIds.length} users was answered ${JSON.stringify(answer)}`).toBeGreaterThanOrEqual(0);
    pending.splice(index, 1);
  };

  const held = new Set<string>();
  for (const entry of journal) {
    if (entry.kind === "unassign") {
      const removed = entry.userIds.filter((id) => held.has(id));
      removed.forEach((id) => held.delete(id));
      expect(entry.changed).toEqual(removed);
      claim("unassign", entry.userIds, { status: 204 });
      continue;
    }
    const fresh = entry.userIds.filter((id) => !held.has(id));
    if (held.size + fresh.length > cap) {
      expect(entry.refusal).toEqual({ kind: "over_cap", maxSeats: cap, seatsHeld: held.size, requested: fresh.length });
      claim("assign", entry.userIds, { status: 422 });
      continue;
    }
    fresh.forEach((id) => held.add(id));
    expect(entry.changed).toEqual(fresh);
    claim("assign", entry.userIds, { status: 201, assigned: fresh });
  }
  expect(await holdersInDb(tenant.workspaceId, productCode)).toEqual([...held].sort());
  expect(await seatsHeld(tenant.workspaceId, productCode)).toBe(held.size);
}
