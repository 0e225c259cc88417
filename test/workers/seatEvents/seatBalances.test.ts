import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { assigned, createSeatType, insertUsers } from "../assignments/fixtures";
import { createCustomer, organization } from "../customers/fixtures";
import { call, createTenant } from "../helpers";
import { BALANCES, balances, balanceTotals, linkUsers, postEvent, refusal } from "./fixtures";

const at = (minute: number) => `2024-07-30T12:${String(minute).padStart(2, "0")}:00.000Z`;

/** Customers a (alias "a"), b (alias "b", "b2") and c (no events); admin and viewer seat types. */
async function setUp() {
  const tenant = await createTenant();
  await createSeatType(tenant, "admin");
  await createSeatType(tenant, "viewer");
  const a = await createCustomer(tenant, "A Ltd", { customerAliases: ["a"] });
  const b = await createCustomer(tenant, "B Ltd", { customerAliases: ["b2", "b"] });
  const c = await createCustomer(tenant, "C Ltd");
  return { tenant, a: a.id as string, b: b.id as string, c: c.id as string, cCreatedAt: c.createdAt as string };
}

describe("GET /api/seat-balances", () => {
  it("lists every customer with each seat type's latest total, their sum and latest change", async () => {
    const { tenant, a, b, c, cCreatedAt } = await setUp();
    await postEvent(tenant, { customerAlias: "a", seatType: "admin", eventTimestamp: at(1), total: 4 });
    await postEvent(tenant, { customerAlias: "a", seatType: "admin", eventTimestamp: at(0), total: 9 });
    await postEvent(tenant, { customerAlias: "a", seatType: "viewer", eventTimestamp: at(2), total: 1 });
    await postEvent(tenant, { customerAlias: "b2", seatType: "admin", eventTimestamp: at(3), total: 0 });
    const page = await balances(tenant);
    expect(page).toEqual({
      items: [
        {
          id: a, sequenceAccountId: tenant.workspaceId, legalName: "A Ltd", customerAliases: ["a"], total: 5, changeTimestamp: at(2),
          balances: [{ seatType: "admin", total: 4, changeTimestamp: at(1) }, { seatType: "viewer", total: 1, changeTimestamp: at(2) }],
        },
        {
          id: b, sequenceAccountId: tenant.workspaceId, legalName: "B Ltd", customerAliases: ["b", "b2"], total: 0, changeTimestamp: at(3),
          balances: [{ seatType: "admin", total: 0, changeTimestamp: at(3) }],
        },
        { id: c, sequenceAccountId: tenant.workspaceId, legalName: "C Ltd", customerAliases: [], total: 0, changeTimestamp: cCreatedAt, balances: [] },
      ],
      pagination: { after: null, before: null, totalResultSize: 3 },
    });
  });

  it("filters by excludeZeroQuantity, customerIds and customerAliases, and pages", async () => {
    const { tenant, a, b, c } = await setUp();
    await postEvent(tenant, { customerAlias: "a", seatType: "admin", eventTimestamp: at(1), total: 4 });
    await postEvent(tenant, { customerAlias: c, seatType: "admin", eventTimestamp: at(1), total: 2 });
    const ids = async (query: string) => (await balances(tenant, query)).items.map((item) => item.id);
    expect(await ids("excludeZeroQuantity=true")).toEqual([a, c]);
    expect((await balances(tenant, "excludeZeroQuantity=true")).pagination.totalResultSize).toBe(2);
    expect(await ids(`customerIds=${c},${b}`)).toEqual([b, c]);
    expect(await ids("customerAliases=b2,a")).toEqual([a, b]);
    expect(await ids(`customerAliases=b2,a&customerIds=${b}`)).toEqual([b]);
    expect((await balances(tenant, "customerAliases=b2,a")).pagination.totalResultSize).toBe(2);
    const first = await balances(tenant, "limit=2");
    expect(first.items.map((item) => item.id)).toEqual([a, b]);
    const second = await balances(tenant, `limit=2&after=${first.pagination.after}`);
    expect(second.items.map((item) => item.id)).toEqual([c]);
    expect(second.pagination).toEqual({ after: null, before: c, totalResultSize: 3 });
    const zeroSecond = await balances(tenant, `excludeZeroQuantity=true&limit=1&after=${a}`);
    expect(zeroSecond.items.map((item) => item.id)).toEqual([c]);
  });

  it("at=<ISO 8601> (extension): the balances the current events up to then describe", async () => {
    const { tenant, a } = await setUp();
    await postEvent(tenant, { customerAlias: "a", seatType: "admin", eventTimestamp: at(1), total: 4 });
    await postEvent(tenant, { customerAlias: "a", seatType: "admin", eventTimestamp: at(5), total: 7 });
    await postEvent(tenant, { customerAlias: "a", seatType: "viewer", eventTimestamp: at(3), total: 1 });
    const totals = async (moment: string) => (await balanceTotals(tenant, `customerIds=${a}&at=${moment}`))[a];
    expect(await totals(at(0))).toBeUndefined();
    expect(await totals(at(2))).toEqual({ admin: 4 });
    expect(await totals(at(3))).toEqual({ admin: 4, viewer: 1 });
    expect(await totals("2030-01-01T00:00:00Z")).toEqual({ admin: 7, viewer: 1 });
    const [then] = (await balances(tenant, `customerIds=${a}&at=${at(4)}`)).items;
    expect(then).toMatchObject({ total: 5, changeTimestamp: at(3) });
  });

  it("includeMembers=true (extension): an organization owner's balances include its members' and theirs", async () => {
    const { tenant, a, b, c } = await setUp();
    await organization(tenant, a, [b]);
    await postEvent(tenant, { customerAlias: "a", seatType: "admin", eventTimestamp: at(1), total: 1 });
    await postEvent(tenant, { customerAlias: "b", seatType: "admin", eventTimestamp: at(1), total: 2 });
    await postEvent(tenant, { customerAlias: c, seatType: "viewer", eventTimestamp: at(1), total: 4 });
    await organization(tenant, b, [c]);
    expect(await balanceTotals(tenant, "includeMembers=true")).toEqual({
      [a]: { admin: 3, viewer: 4 },
      [b]: { admin: 2, viewer: 4 },
      [c]: { viewer: 4 },
    });
    await postEvent(tenant, { customerAlias: c, seatType: "viewer", eventTimestamp: at(2), total: 1 });
    expect((await balanceTotals(tenant, "includeMembers=true"))[a]).toEqual({ admin: 3, viewer: 1 });
    const [organizationOfB] = (await (await call("GET", "/api/customer-organizations?limit=100", tenant.headers.sequence)).json() as any).items
      .filter((org: { owner: { id: string } }) => org.owner.id === b);
    await call("DELETE", `/api/customer-organizations/${organizationOfB.id}`, tenant.headers.sequence);
    expect(await balanceTotals(tenant, "includeMembers=true")).toEqual({ [a]: { admin: 3, viewer: 0 }, [b]: { admin: 2, viewer: 0 }, [c]: { viewer: 1 } });
    expect(await balanceTotals(tenant)).toEqual({ [a]: { admin: 1 }, [b]: { admin: 2 }, [c]: { viewer: 1 } });
  });

  // docs/seat-ledger.md: with includeMembers the time is the hierarchy's latest change and never moves back,
  // while the plain balance's is the latest current event's: a back-dated post sets them apart, not the totals.
  it("includeMembers=true: a back-dated supersede keeps the totals equal and the change time from moving back", async () => {
    const { tenant, a } = await setUp();
    const event = { customerAlias: "a", seatType: "admin", customerEventId: "x1" };
    await postEvent(tenant, { ...event, eventTimestamp: at(2), total: 4 });
    const before = (await balances(tenant, `customerIds=${a}&includeMembers=true`)).items[0]!;
    await postEvent(tenant, { ...event, eventTimestamp: at(1), total: 6 });
    const plain = (await balances(tenant, `customerIds=${a}`)).items[0]!;
    const rolledUp = (await balances(tenant, `customerIds=${a}&includeMembers=true`)).items[0]!;
    expect(plain.balances).toEqual([{ seatType: "admin", total: 6, changeTimestamp: at(1) }]);
    expect(rolledUp.balances.map(({ seatType, total }) => ({ seatType, total }))).toEqual([{ seatType: "admin", total: 6 }]);
    expect(rolledUp.balances[0]!.changeTimestamp >= before.balances[0]!.changeTimestamp).toBe(true);
    expect(rolledUp.balances[0]!.changeTimestamp > plain.balances[0]!.changeTimestamp).toBe(true);
  });

  it("follows seat assignments of linked users", async () => {
    const { tenant, a, b } = await setUp();
    const users = await insertUsers(tenant.workspaceId, 3);
    await linkUsers(tenant, a, users.slice(0, 2));
    await linkUsers(tenant, b, [users[2]!]);
    await assigned(tenant, "admin", users);
    await assigned(tenant, "viewer", [users[2]!]);
    expect(await balanceTotals(tenant)).toEqual({ [a]: { admin: 2 }, [b]: { admin: 1, viewer: 1 } });
  });

  it("refuses combined extensions, unknown parameters and bad values with 400", async () => {
    const { tenant } = await setUp();
    const many = Array.from({ length: 26 }, (_, i) => `alias${i}`).join(",");
    for (const query of ["excludeZeroQuantity=true&at=2024-01-01T00:00:00Z", "includeMembers=true&excludeZeroQuantity=true", "at=2024-01-01T00:00:00Z&includeMembers=true",
      "excludeZeroQuantity=yes", `customerAliases=${many}`, "at=tomorrow", "sortBy=total", "after=x"]) {
      expect((await refusal(await call("GET", `${BALANCES}?${query}`, tenant.headers.sequence))).status, query).toBe(400);
    }
  });

  it("never shows another workspace's customers", async () => {
    const { tenant, a } = await setUp();
    await postEvent(tenant, { customerAlias: "a", seatType: "admin", eventTimestamp: at(1), total: 4 });
    const other = await createTenant();
    expect(await balances(other, `customerIds=${a}`)).toEqual({ items: [], pagination: { after: null, before: null, totalResultSize: 0 } });
    expect((await balances(other, "customerAliases=a")).items).toEqual([]);
    expect((await balances(other)).items).toEqual([]);
  });
});

describe("a workspace's deletion", () => {
  it("takes its links, events, balances and sums along", async () => {
    const { tenant, a, b } = await setUp();
    const users = await insertUsers(tenant.workspaceId, 2);
    await linkUsers(tenant, a, users);
    await assigned(tenant, "admin", users);
    await organization(tenant, b, [a]);
    await postEvent(tenant, { customerAlias: "b", seatType: "viewer", eventTimestamp: at(1), total: 2 });
    await env.DB.prepare("DELETE FROM workspaces WHERE id = ?1").bind(tenant.workspaceId).run();
    const tables = ["customer_users", "customer_seat_holdings", "seat_events", "seat_balances", "customer_seat_summaries", "customer_seat_rollups", "seat_event_marks"];
    for (const table of tables) {
      const left = await env.DB.prepare(`SELECT count(*) AS n FROM ${table} WHERE workspace_id = ?1`).bind(tenant.workspaceId).first();
      expect(left, table).toEqual({ n: 0 });
    }
  });
});
