import { describe, expect, it } from "vitest";
import { assigned, createSeatType, insertUsers, unassign } from "../assignments/fixtures";
import { createCustomer } from "../customers/fixtures";
import { call, createTenant, expectJson, type Tenant } from "../helpers";
import { seam } from "../users";
import { balanceTotals, EVENTS, events, linkUsers, postEvent, refusal, type WireEvent } from "./fixtures";

/** Sequence's own request example (2024-07-30): its alias and seat type made real first. */
const EXAMPLE = {
  customerEventId: "event-id-H4twuTWpYx1rkd8OMTki2hTUcZ",
  customerAlias: "customer-id-2H4u5BBwBWsS5V2sroRFqJfTXpW",
  seatType: "admin",
  eventTimestamp: "2022-10-01T00:00:00Z",
  total: 1,
};

/** A workspace with seat types admin and viewer and customers acme (alias "acme") and globex (alias "globex"). */
async function setUp(): Promise<{ tenant: Tenant; acme: string; globex: string }> {
  const tenant = await createTenant();
  await createSeatType(tenant, "admin");
  await createSeatType(tenant, "viewer");
  const acme = (await createCustomer(tenant, "Acme", { customerAliases: ["acme", EXAMPLE.customerAlias] })).id as string;
  const globex = (await createCustomer(tenant, "Globex", { customerAliases: ["globex"] })).id as string;
  return { tenant, acme, globex };
}

const at = (minute: number) => `2024-07-30T12:${String(minute).padStart(2, "0")}:00.000Z`;

describe("POST /api/seat-events", () => {
  it("records Sequence's example as sent, and GET /api/seat-events/{id} answers it", async () => {
    const { tenant } = await setUp();
    const event = await postEvent(tenant, EXAMPLE);
    expect(event).toEqual({ ...EXAMPLE, id: expect.any(String), sequenceAccountId: tenant.workspaceId, eventTimestamp: "2022-10-01T00:00:00.000Z" });
    expect(await expectJson(await call("GET", `${EVENTS}/${event.id}`, tenant.headers.sequence), 200)).toEqual(event);
  });

  it("gives an event without customerEventId its own id as one, and takes a customer id as customerAlias", async () => {
    const { tenant, acme } = await setUp();
    const event = await postEvent(tenant, { ...EXAMPLE, customerEventId: null, customerAlias: acme.toUpperCase(), eventTimestamp: "2024-07-30T14:00:00+02:00" });
    expect(event).toMatchObject({ customerEventId: event.id, customerAlias: acme.toUpperCase(), eventTimestamp: "2024-07-30T12:00:00.000Z" });
    const { customerEventId: _, ...without } = EXAMPLE;
    const second = await postEvent(tenant, without);
    expect(second.customerEventId).toBe(second.id);
  });

  it("trims customerAlias as alias values are trimmed when written: ' acme ' names acme", async () => {
    const { tenant, acme } = await setUp();
    const event = await postEvent(tenant, { ...EXAMPLE, customerAlias: " acme\t", eventTimestamp: at(0), total: 3 });
    expect(event.customerAlias).toBe("acme");
    expect(await balanceTotals(tenant)).toEqual({ [acme]: { admin: 3 } });
  });

  it("counts an event posted with a customer's id for that customer, even when another customer has that id as an alias", async () => {
    const { tenant, acme, globex } = await setUp();
    await expectJson(await call("POST", "/api/customer-aliases", tenant.headers.sequence, { customerId: acme, value: globex }), 201);
    const event = await postEvent(tenant, { ...EXAMPLE, customerAlias: globex, eventTimestamp: at(0), total: 5 });
    expect(event.customerAlias).toBe(globex);
    expect(await balanceTotals(tenant)).toEqual({ [globex]: { admin: 5 } });
    expect((await events(tenant, `customerIds=${globex}`)).items).toEqual([event]);
  });

  it("refuses an unknown alias or seat type and a malformed body with 400 in Sequence's shape, writing nothing", async () => {
    const { tenant } = await setUp();
    const cases: [object, string][] = [
      [{ ...EXAMPLE, customerAlias: "nobody" }, "CustomerNotFound"],
      [{ ...EXAMPLE, seatType: "owner" }, "SeatMetricNotFound"],
      [{ ...EXAMPLE, total: -1 }, "InvalidInput"],
      [{ ...EXAMPLE, total: 1.5 }, "InvalidInput"],
      [{ ...EXAMPLE, eventTimestamp: "yesterday" }, "InvalidInput"],
      [{ ...EXAMPLE, eventTimestamp: "2024-07-30T12:00:00" }, "InvalidInput"],
      [{ seatType: "admin", total: 1 }, "InvalidInput"],
    ];
    for (const [body, type] of cases) {
      expect(await refusal(await call("POST", EVENTS, tenant.headers.sequence, body))).toMatchObject({ status: 400, type });
    }
    expect((await events(tenant)).items).toEqual([]);
  });

  it("says once that a total past the integers JSON keeps exactly is too big", async () => {
    const { tenant } = await setUp();
    const body = await expectJson(await call("POST", EVENTS, tenant.headers.sequence, { ...EXAMPLE, total: 1e30 }), 400);
    expect(body.error.message).toMatch(/^total: [^;]+$/);
    expect((await events(tenant)).items).toEqual([]);
  });

  it("supersedes the current event of the same customerEventId: the list and the balance follow the new one", async () => {
    const { tenant, acme } = await setUp();
    const first = await postEvent(tenant, { ...EXAMPLE, customerAlias: "acme", eventTimestamp: at(0), total: 5 });
    expect(await balanceTotals(tenant)).toEqual({ [acme]: { admin: 5 } });
    const second = await postEvent(tenant, { ...EXAMPLE, customerAlias: "acme", eventTimestamp: at(0), total: 3 });
    expect(second.id).not.toBe(first.id);
    expect((await events(tenant)).items).toEqual([second]);
    expect((await events(tenant, `customerEventId=${EXAMPLE.customerEventId}`)).items).toEqual([second]);
    expect(await expectJson(await call("GET", `${EVENTS}/${first.id}`, tenant.headers.sequence), 200)).toEqual(first);
    expect(await balanceTotals(tenant)).toEqual({ [acme]: { admin: 3 } });
  });

  it("refuses to supersede an event Seatkeeper recorded (409)", async () => {
    const { tenant, acme } = await setUp();
    const [user] = await insertUsers(tenant.workspaceId, 1);
    await linkUsers(tenant, acme, [user!]);
    await assigned(tenant, "admin", [user!]);
    const [recorded] = (await events(tenant)).items;
    const refused = await refusal(await call("POST", EVENTS, tenant.headers.sequence, { ...EXAMPLE, customerEventId: recorded!.customerEventId }));
    expect(refused).toMatchObject({ status: 409, type: "RecordedSeatEvent" });
    expect((await events(tenant)).items).toEqual([recorded]);
  });
});

describe("seat events Seatkeeper records", () => {
  it("one per customer and seat type per request whose assignments change the customer's total; user deletion too", async () => {
    const { tenant, acme, globex } = await setUp();
    const users = await insertUsers(tenant.workspaceId, 5);
    await linkUsers(tenant, acme, users.slice(0, 3));
    await linkUsers(tenant, globex, [users[3]!]);
    await assigned(tenant, "admin", users);
    const summary = (list: WireEvent[]) => list.map((event) => `${event.customerAlias} ${event.seatType} ${event.total}`);
    // users[4] belongs to no customer: no event for it.
    expect(summary((await events(tenant, "sortOrder=ASC")).items)).toEqual([`${acme} admin 3`, `${globex} admin 1`]);
    expect((await unassign(tenant, "admin", [users[0]!])).status).toBe(204);
    await expectJson(await seam(tenant, "/user_identities/delete", { user_identity_id: users[3] }), 200);
    expect(summary((await events(tenant, "sortOrder=ASC")).items).slice(2)).toEqual([`${acme} admin 2`, `${globex} admin 0`]);
    expect(await balanceTotals(tenant)).toEqual({ [acme]: { admin: 2 }, [globex]: { admin: 0 } });
  });

  it("combine with posted totals by eventTimestamp: the latest event wins, whatever its source", async () => {
    const { tenant, acme } = await setUp();
    const users = await insertUsers(tenant.workspaceId, 2);
    await linkUsers(tenant, acme, users);
    await assigned(tenant, "admin", users);
    // An older posted total does not change the balance; a later one does, until a later change.
    await postEvent(tenant, { ...EXAMPLE, customerEventId: "old", customerAlias: "acme", eventTimestamp: "2020-01-01T00:00:00Z", total: 50 });
    expect(await balanceTotals(tenant)).toEqual({ [acme]: { admin: 2 } });
    const future = new Date(Date.now() + 60_000).toISOString();
    await postEvent(tenant, { ...EXAMPLE, customerEventId: "future", customerAlias: "acme", eventTimestamp: future, total: 40 });
    expect(await balanceTotals(tenant)).toEqual({ [acme]: { admin: 40 } });
    expect((await unassign(tenant, "admin", [users[0]!])).status).toBe(204);
    expect(await balanceTotals(tenant)).toEqual({ [acme]: { admin: 40 } });
  });
});

describe("GET /api/seat-events", () => {
  /** Six posted events: acme admin at minutes 0, 2, 4; globex admin at 1, 3; acme viewer at 5 (recorded in that order). */
  async function sixEvents() {
    const context = await setUp();
    const posted: WireEvent[] = [];
    const plan: [string, string, number][] = [["acme", "admin", 0], ["globex", "admin", 1], [context.acme, "admin", 2], ["globex", "admin", 3], ["acme", "admin", 4], ["acme", "viewer", 5]];
    for (const [customerAlias, seatType, minute] of plan) {
      posted.push(await postEvent(context.tenant, { customerAlias, seatType, eventTimestamp: at(minute), total: minute }));
    }
    return { ...context, posted };
  }
  const ids = (list: WireEvent[]) => list.map((event) => event.total);

  it("lists newest first by default, counts without filters, and pages both ways with opaque cursors", async () => {
    const { tenant } = await sixEvents();
    const first = await events(tenant, "limit=4");
    expect(ids(first.items)).toEqual([5, 4, 3, 2]);
    expect(first.pagination).toEqual({ after: expect.any(String), before: null, totalResultSize: 6 });
    const second = await events(tenant, `limit=4&after=${first.pagination.after}`);
    expect(ids(second.items)).toEqual([1, 0]);
    expect(second.pagination).toMatchObject({ after: null, before: expect.any(String) });
    const back = await events(tenant, `limit=4&before=${second.pagination.before}`);
    expect(ids(back.items)).toEqual([5, 4, 3, 2]);
  });

  it("applies every documented filter", async () => {
    const { tenant, acme, globex } = await sixEvents();
    expect(ids((await events(tenant, "customerAlias=acme")).items)).toEqual([5, 4, 0]);
    expect(ids((await events(tenant, `customerIds=${acme}`)).items)).toEqual([5, 4, 2, 0]);
    expect(ids((await events(tenant, `customerIds=${globex},${acme}&seatType=admin`)).items)).toEqual([4, 3, 2, 1, 0]);
    expect(ids((await events(tenant, "seatType=viewer,owner")).items)).toEqual([5]);
    expect(ids((await events(tenant, `eventTimestampAfter=${at(1)}&eventTimestampBefore=${at(4)}`)).items)).toEqual([3, 2]);
    const filtered = await events(tenant, "customerAlias=acme");
    expect(filtered.pagination.totalResultSize).toBeNull();
  });

  it("sorts by eventTimestamp or creation time, either way", async () => {
    const { tenant } = await sixEvents();
    await postEvent(tenant, { customerAlias: "globex", seatType: "viewer", eventTimestamp: at(0), total: 9 });
    expect(ids((await events(tenant, "sortBy=eventTimestamp&sortOrder=ASC&limit=3")).items)).toEqual([0, 9, 1]);
    const page = await events(tenant, "sortBy=eventTimestamp&sortOrder=ASC&limit=3");
    expect(ids((await events(tenant, `sortBy=eventTimestamp&sortOrder=ASC&limit=3&after=${page.pagination.after}`)).items)).toEqual([2, 3, 4]);
    expect(ids((await events(tenant, "sortBy=createdAt&sortOrder=ASC&limit=2")).items)).toEqual([0, 1]);
    const other = await events(tenant, "limit=2");
    const refused = await refusal(await call("GET", `${EVENTS}?sortBy=eventTimestamp&after=${other.pagination.after}`, tenant.headers.sequence));
    expect(refused.status).toBe(400);
  });

  it("refuses unknown parameters, sorts and too many ids with 400", async () => {
    const { tenant } = await setUp();
    const many = Array.from({ length: 26 }, () => crypto.randomUUID()).join(",");
    for (const query of ["sortBy=total", "sortOrder=UP", `customerIds=${many}`, "seatType=", "limit=101", "after=nonsense", "label=x", "eventTimestampAfter=soon"]) {
      expect((await refusal(await call("GET", `${EVENTS}?${query}`, tenant.headers.sequence))).status, query).toBe(400);
    }
  });

  it("never shows another workspace's events", async () => {
    const { tenant, posted } = await sixEvents();
    const other = await createTenant();
    expect((await events(other)).items).toEqual([]);
    expect((await refusal(await call("GET", `${EVENTS}/${posted[0]!.id}`, other.headers.sequence))).status).toBe(404);
    await createSeatType(other, "admin");
    expect((await refusal(await call("POST", EVENTS, other.headers.sequence, { ...EXAMPLE, customerAlias: "acme" }))).status).toBe(400);
    expect((await events(tenant)).items).toHaveLength(6);
  });
});
