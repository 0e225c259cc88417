import { describe, expect, it } from "vitest";
import { call, createTenant, expectJson, withKey } from "../helpers";
import { createUser, seam } from "../users";
import { assign, assigned, createSeatType, holdersInDb, insertUsers, unassign } from "../assignments/fixtures";
import { LEDGER, ledgerPage, replay, sql, wholeLedger } from "./fixtures";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("the seat ledger", () => {
  it("records each assignment and unassignment once, in order, with the request and key that made it", async () => {
    const tenant = await createTenant();
    await createSeatType(tenant, "apm");
    const [a, b, c] = (await insertUsers(tenant.workspaceId, 3)) as [string, string, string];

    await assigned(tenant, "apm", [a, b]);
    // Already held, and not held: no change, no entry.
    await assigned(tenant, "apm", [a]);
    expect((await unassign(tenant, "apm", [b, c])).status).toBe(204);

    const entries = await wholeLedger(tenant);
    expect(entries.map((entry) => [entry.id, entry.attributes.direction, entry.attributes.user_uuid])).toEqual([
      ["1", "assigned", a],
      ["2", "assigned", b],
      ["3", "unassigned", b],
    ]);
    for (const entry of entries) {
      expect(entry).toMatchObject({
        type: "seat-ledger-entries",
        attributes: { product_code: "apm", api_key_id: tenant.keyId, cause: "request", request_id: expect.stringMatching(UUID) },
      });
    }
    const [first, second, third] = entries.map((entry) => entry.attributes);
    expect(first!.request_id).toBe(second!.request_id);
    expect(third!.request_id).not.toBe(first!.request_id);
    const times = entries.map((entry) => entry.attributes.occurred_at);
    expect([...times].sort()).toEqual(times);
    expect(replay(entries, "apm")).toEqual(new Set(await holdersInDb(tenant.workspaceId, "apm")));
  });

  it("records nothing for a refused request", async () => {
    const tenant = await createTenant();
    await createSeatType(tenant, "apm", 1);
    const [a, b] = (await insertUsers(tenant.workspaceId, 2)) as [string, string];
    expect((await assign(tenant, "apm", [a, b])).status).toBe(422);
    expect((await assign(tenant, "apm", [a, crypto.randomUUID()])).status).toBe(422);
    expect(await wholeLedger(tenant)).toEqual([]);
  });

  it("records the seats a user deletion takes along, caused by that deletion's request and key", async () => {
    const tenant = await createTenant();
    await createSeatType(tenant, "apm");
    await createSeatType(tenant, "logs");
    const user = await createUser(tenant, { full_name: "Leaving" });
    await assigned(tenant, "apm", [user.user_identity_id]);
    await assigned(tenant, "logs", [user.user_identity_id]);
    const deleter = await withKey(tenant);

    await expectJson(await seam(deleter, "/user_identities/delete", { user_identity_id: user.user_identity_id }), 200);

    const entries = await wholeLedger(tenant);
    const removals = entries.slice(2).map((entry) => entry.attributes);
    expect(removals.map((entry) => entry.product_code).sort()).toEqual(["apm", "logs"]);
    for (const removal of removals) {
      expect(removal).toMatchObject({ direction: "unassigned", user_uuid: user.user_identity_id, cause: "user_deleted", api_key_id: deleter.keyId });
    }
    expect(removals[0]!.request_id).toBe(removals[1]!.request_id);
    expect(replay(entries, "apm")).toEqual(new Set());
  });

  it("says so when SQL outside the API changed a seat (no write context)", async () => {
    const tenant = await createTenant();
    await createSeatType(tenant, "apm");
    const [a] = (await insertUsers(tenant.workspaceId, 1)) as [string];
    await sql("INSERT INTO seat_assignments (workspace_id, product_code, user_id, assigned_at) VALUES (?1, 'apm', ?2, 'now')", tenant.workspaceId, a).run();
    const [entry] = await wholeLedger(tenant);
    expect(entry!.attributes).toMatchObject({ direction: "assigned", cause: "unattributed", request_id: null, api_key_id: null });
  });

  it("is never updated or deleted, but leaves with its workspace", async () => {
    const tenant = await createTenant();
    await createSeatType(tenant, "apm");
    await assigned(tenant, "apm", await insertUsers(tenant.workspaceId, 1));
    await expect(sql("UPDATE seat_ledger SET direction = 'unassigned' WHERE workspace_id = ?1", tenant.workspaceId).run()).rejects.toThrow(
      /seat_ledger_append_only/,
    );
    await expect(sql("DELETE FROM seat_ledger WHERE workspace_id = ?1", tenant.workspaceId).run()).rejects.toThrow(/seat_ledger_append_only/);
    expect(await wholeLedger(tenant)).toHaveLength(1);

    await sql("DELETE FROM workspaces WHERE id = ?1", tenant.workspaceId).run();
    expect(await sql("SELECT count(*) AS n FROM seat_ledger WHERE workspace_id = ?1", tenant.workspaceId).first("n")).toBe(0);
  });
});

describe("listing the ledger", () => {
  async function history() {
    const tenant = await createTenant();
    await createSeatType(tenant, "apm");
    await createSeatType(tenant, "logs");
    const users = (await insertUsers(tenant.workspaceId, 4)) as [string, string, string, string];
    const [a, b, c, d] = users;
    await assigned(tenant, "apm", [a, b, c]);
    await assigned(tenant, "logs", [a, d]);
    await unassign(tenant, "apm", [b]);
    await assigned(tenant, "logs", [b]);
    return { tenant, users, all: await wholeLedger(tenant) };
  }

  it("filters by product code and by user, walking pages that never skip or repeat", async () => {
    const { tenant, users, all } = await history();
    const b = users[1];
    expect(all).toHaveLength(7);
    for (const limit of [1, 2, 3, 100]) expect(await wholeLedger(tenant, "", limit)).toEqual(all);
    expect(await wholeLedger(tenant, "filter[product_code]=logs", 2)).toEqual(all.filter((e) => e.attributes.product_code === "logs"));
    expect(await wholeLedger(tenant, `filter[user_uuid]=${b.toUpperCase()}`, 1)).toEqual(all.filter((e) => e.attributes.user_uuid === b));
    expect(await wholeLedger(tenant, `filter[product_code]=apm&filter[user_uuid]=${b}`)).toEqual(
      all.filter((e) => e.attributes.user_uuid === b && e.attributes.product_code === "apm"),
    );
    expect(await wholeLedger(tenant, "filter[product_code]=nope")).toEqual([]);
  });

  it("answers Datadog's cursor meta: no cursor on the first page, no next_cursor on the last", async () => {
    const { tenant, all } = await history();
    const first = await ledgerPage(tenant, "page[limit]=5");
    expect(first.meta).toEqual({ limit: 5, next_cursor: "5" });
    const last = await ledgerPage(tenant, "page%5Blimit%5D=5&page%5Bcursor%5D=5");
    expect(last).toEqual({ data: all.slice(5), meta: { cursor: "5", limit: 5 } });
  });

  it("filters by a time range: from inclusive, to exclusive, in any offset", async () => {
    const { tenant, all } = await history();
    const at = (index: number) => all[index]!.attributes.occurred_at;
    const within = (from: string, to: string) => all.filter((e) => e.attributes.occurred_at >= from && e.attributes.occurred_at < to);
    const encoded = (time: string) => encodeURIComponent(time);
    expect(await wholeLedger(tenant, `filter[from]=${encoded(at(3))}`)).toEqual(all.filter((e) => e.attributes.occurred_at >= at(3)));
    expect(await wholeLedger(tenant, `filter[to]=${encoded(at(5))}`)).toEqual(all.filter((e) => e.attributes.occurred_at < at(5)));
    expect(await wholeLedger(tenant, `filter[from]=${encoded(at(2))}&filter[to]=${encoded(at(6))}&filter[product_code]=logs`, 1)).toEqual(
      within(at(2), at(6)).filter((e) => e.attributes.product_code === "logs"),
    );
    // The same instant written with an offset.
    const shifted = new Date(at(3)).toISOString().replace("Z", "+00:00");
    expect(await wholeLedger(tenant, `filter[from]=${encoded(shifted)}`)).toEqual(all.filter((e) => e.attributes.occurred_at >= at(3)));
    expect(await wholeLedger(tenant, "filter[from]=2999-01-01T00:00:00Z")).toEqual([]);
    expect(await wholeLedger(tenant, "filter[to]=2000-01-01T00:00:00Z")).toEqual([]);
  });

  it("refuses unknown parameters, bad times and cursors in Datadog's error shape", async () => {
    const tenant = await createTenant();
    for (const query of ["filter[from]=yesterday", "page[cursor]=abc", "page[cursor]=0", "page[limit]=0", "page[limit]=1001", "sort=-id", "filter[product_code]="]) {
      const body = await expectJson(await call("GET", `${LEDGER}?${query}`, tenant.headers.datadog), 400);
      expect(body).toEqual({ errors: [expect.any(String)] });
    }
  });

  it("shows a workspace only its own entries, and needs a seat-reading permission", async () => {
    const { tenant, users } = await history();
    const other = await createTenant();
    expect(await wholeLedger(other)).toEqual([]);
    expect(await wholeLedger(other, `filter[user_uuid]=${users[0]}`)).toEqual([]);
    const writerOnly = await withKey(tenant, ["users_read"]);
    expect((await call("GET", LEDGER, writerOnly.headers.datadog)).status).toBe(403);
    expect((await call("GET", LEDGER, {})).status).toBe(403);
    const reader = await withKey(tenant, ["billing_read"]);
    expect(await wholeLedger(reader)).toHaveLength(7);
  });
});
