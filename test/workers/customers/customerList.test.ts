import { describe, expect, it } from "vitest";
import { call, createTenant, expectJson, type Tenant } from "../helpers";
import { createCustomer, CUSTOMERS, organization } from "./fixtures";

interface Page {
  items: { id: string; legalName: string; email: string; organizations: unknown[] }[];
  pagination: { after: string | null; before: string | null; totalResultSize: number };
}

const list = async (tenant: Tenant, query: string): Promise<Page> =>
  expectJson(await call("GET", `${CUSTOMERS}?${query}`, tenant.headers.sequence), 200);

async function tenantWith(count: number): Promise<{ tenant: Tenant; ids: string[] }> {
  const tenant = await createTenant();
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push((await createCustomer(tenant, `Customer ${i}`)).id);
  return { tenant, ids };
}

describe("GET /api/customers", () => {
  it("walks forward and back in creation order, never skipping or repeating", async () => {
    const { tenant, ids } = await tenantWith(5);
    const first = await list(tenant, "limit=2");
    expect(first.items.map((c) => c.id)).toEqual(ids.slice(0, 2));
    expect(first.pagination).toEqual({ after: ids[1], before: null, totalResultSize: 5 });
    const second = await list(tenant, `limit=2&after=${first.pagination.after}`);
    expect(second.items.map((c) => c.id)).toEqual(ids.slice(2, 4));
    expect(second.pagination).toEqual({ after: ids[3], before: ids[2], totalResultSize: 5 });
    const last = await list(tenant, `limit=2&after=${second.pagination.after}`);
    expect(last.items.map((c) => c.id)).toEqual(ids.slice(4));
    expect(last.pagination).toEqual({ after: null, before: ids[4], totalResultSize: 5 });

    const back = await list(tenant, `limit=2&before=${last.pagination.before}`);
    expect(back.items.map((c) => c.id)).toEqual(ids.slice(2, 4));
    const front = await list(tenant, `limit=2&before=${back.pagination.before}`);
    expect(front.items.map((c) => c.id)).toEqual(ids.slice(0, 2));
    expect(front.pagination.before).toBeNull();
  });

  it("keeps a walk whole while customers are added during it", async () => {
    const { tenant, ids } = await tenantWith(4);
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: Page = await list(tenant, `limit=2${after ? `&after=${after}` : ""}`);
      seen.push(...page.items.map((c) => c.id));
      after = page.pagination.after;
      if (after) ids.push((await createCustomer(tenant, `Added after ${seen.length}`)).id);
    } while (after);
    expect(ids).toHaveLength(6);
    expect(seen).toEqual(ids);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it("defaults to 20 per page", async () => {
    const { tenant, ids } = await tenantWith(21);
    const page = await list(tenant, "");
    expect(page.items).toHaveLength(20);
    expect(page.pagination.after).toBe(ids[19]);
  });

  it("filters by exact legalName and by email ignoring case, with totals and pages", async () => {
    const tenant = await createTenant();
    const acme = [
      (await createCustomer(tenant, "Acme", { email: "ap@acme.example" })).id,
      (await createCustomer(tenant, "Acme", { email: "AP@acme.example" })).id,
      (await createCustomer(tenant, "Acme", { email: "other@acme.example" })).id,
    ];
    await createCustomer(tenant, "Acme Holdings", { email: "ap@acme.example" });
    await createCustomer(tenant, "acme");

    const byName = await list(tenant, "legalName=Acme&limit=2");
    expect(byName.items.map((c) => c.id)).toEqual(acme.slice(0, 2));
    expect(byName.pagination.totalResultSize).toBe(3);
    const rest = await list(tenant, `legalName=Acme&limit=2&after=${byName.pagination.after}`);
    expect(rest.items.map((c) => c.id)).toEqual(acme.slice(2));
    expect(rest.pagination.after).toBeNull();

    const byEmail = await list(tenant, `email=${encodeURIComponent("Ap@Acme.Example")}`);
    expect(byEmail.items.map((c) => c.legalName)).toEqual(["Acme", "Acme", "Acme Holdings"]);
    const both = await list(tenant, "legalName=Acme&email=ap%40acme.example");
    expect(both.items.map((c) => c.id)).toEqual(acme.slice(0, 2));
    expect(both.pagination.totalResultSize).toBe(2);
    const none = await list(tenant, "legalName=Nobody");
    expect(none).toEqual({ items: [], pagination: { after: null, before: null, totalResultSize: 0 } });
  });

  it("carries each customer's organizations", async () => {
    const tenant = await createTenant();
    const owner = await createCustomer(tenant, "Parent");
    const member = await createCustomer(tenant, "Child");
    const loner = await createCustomer(tenant, "Loner");
    const org = await organization(tenant, owner.id, [member.id]);
    const page = await list(tenant, "");
    expect(page.items.map((c) => [c.legalName, c.organizations])).toEqual([
      ["Parent", [org]],
      ["Child", [org]],
      ["Loner", []],
    ]);
    expect(loner.organizations).toEqual([]);
  });

  it.each([
    ["limit=0", "limit"],
    ["limit=101", "limit"],
    ["limit=ten", "limit"],
    ["after=not-a-cursor", "after"],
    ["legalName=a&legalName=b", "legalName"],
    [`after=${crypto.randomUUID()}&before=${crypto.randomUUID()}`, "either after or before"],
  ])("refuses ?%s with 400 naming %s", async (query, field) => {
    const tenant = await createTenant();
    const error = await expectJson(await call("GET", `${CUSTOMERS}?${query}`, tenant.headers.sequence), 400);
    expect(error.error.type).toBe("InvalidInput");
    expect(error.error.message).toContain(field);
  });
});
