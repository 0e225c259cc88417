import { describe, expect, it } from "vitest";
import { call, createTenant, expectJson, type Tenant } from "../helpers";
import { CONTACTS, createCustomer, customerBody, CUSTOMERS, organization } from "./fixtures";

interface Page {
  items: { id: string; legalName: string; organizations: unknown[]; customProperties: Record<string, string>; archivedAt?: string }[];
  pagination: { after?: string; before?: string; totalResultSize: number };
}

const list = async (tenant: Tenant, query: string): Promise<Page> =>
  expectJson(await call("GET", `${CUSTOMERS}?${query}`, tenant.headers.sequence), 200);

const ids = (page: Page) => page.items.map((customer) => customer.id);

/**
 * Every page from the first, following `after`; then back from the last page
 * with items, following `before`. Both must agree, and no page is too long.
 */
async function walk(tenant: Tenant, query: string, limit = 2): Promise<string[]> {
  const pages: Page[] = [await list(tenant, `${query}&limit=${limit}`)];
  while (pages.at(-1)!.pagination.after) pages.push(await list(tenant, `${query}&limit=${limit}&after=${pages.at(-1)!.pagination.after}`));
  const forward = pages.flatMap(ids);
  expect(pages[0]!.pagination.before).toBeUndefined();
  for (const page of pages) expect(page.items.length).toBeLessThanOrEqual(limit);
  const last = pages.findLast((page) => page.items.length > 0) ?? pages.at(-1)!;
  const back: string[][] = [ids(last)];
  let before = last.pagination.before;
  while (before) {
    const page = await list(tenant, `${query}&limit=${limit}&before=${before}`);
    back.unshift(ids(page));
    before = page.pagination.before;
  }
  expect(back.flat()).toEqual(forward);
  return forward;
}

async function tenantWith(count: number): Promise<{ tenant: Tenant; ids: string[] }> {
  const tenant = await createTenant();
  const made: string[] = [];
  for (let i = 0; i < count; i++) made.push((await createCustomer(tenant, `Customer ${i}`)).id);
  return { tenant, ids: made };
}

describe("GET /api/customers: order and pages", () => {
  it("walks newest first by default, leaving out the cursors at either end (PaginationMeta5)", async () => {
    const { tenant, ids: made } = await tenantWith(5);
    const newest = [...made].reverse();
    const first = await list(tenant, "limit=2");
    expect(ids(first)).toEqual(newest.slice(0, 2));
    expect(first.pagination).toEqual({ after: expect.any(String), totalResultSize: 5 });
    const second = await list(tenant, `limit=2&after=${first.pagination.after}`);
    expect(ids(second)).toEqual(newest.slice(2, 4));
    expect(second.pagination).toEqual({ after: expect.any(String), before: expect.any(String), totalResultSize: 5 });
    const last = await list(tenant, `limit=2&after=${second.pagination.after}`);
    expect(ids(last)).toEqual(newest.slice(4));
    expect(last.pagination).toEqual({ before: expect.any(String), totalResultSize: 5 });
    expect(await walk(tenant, "")).toEqual(newest);
    expect(await walk(tenant, "sortOrder=ASC")).toEqual(made);
    expect(await walk(tenant, "sortBy=createdAt&sortOrder=DESC", 3)).toEqual(newest);
  });

  it("keeps an ascending walk whole while customers are added during it", async () => {
    const { tenant, ids: made } = await tenantWith(4);
    const seen: string[] = [];
    let after: string | undefined;
    do {
      const page: Page = await list(tenant, `sortOrder=ASC&limit=2${after ? `&after=${after}` : ""}`);
      seen.push(...ids(page));
      after = page.pagination.after;
      if (after) made.push((await createCustomer(tenant, `Added after ${seen.length}`)).id);
    } while (after);
    expect(made).toHaveLength(6);
    expect(seen).toEqual(made);
  });

  it("defaults to 20 per page", async () => {
    const { tenant, ids: made } = await tenantWith(21);
    const page = await list(tenant, "");
    expect(ids(page)).toEqual([...made].reverse().slice(0, 20));
  });

  it("sorts by legal name, ties by creation, both ways", async () => {
    const tenant = await createTenant();
    const names = ["Beta", "alpha", "Alpha", "Beta", "Gamma"];
    const made = [];
    for (const name of names) made.push({ id: (await createCustomer(tenant, name)).id, name });
    // Binary order: capitals first; equal names by creation.
    const ascending = [made[2]!, made[0]!, made[3]!, made[4]!, made[1]!].map((customer) => customer.id);
    expect(await walk(tenant, "sortBy=legalName&sortOrder=ASC")).toEqual(ascending);
    expect(await walk(tenant, "sortBy=legalName")).toEqual([...ascending].reverse());
  });

  it("sorts by a custom property, customers without it last in either direction", async () => {
    const tenant = await createTenant();
    const tiers = ["silver", undefined, "gold", "silver", undefined, "bronze"];
    const made: string[] = [];
    for (const [i, tier] of tiers.entries()) {
      made.push((await createCustomer(tenant, `C${i}`, tier ? { customProperties: { tier, other: "x" } } : {})).id);
    }
    const [c0, c1, c2, c3, c4, c5] = made;
    for (const limit of [1, 2, 4, 10]) {
      expect(await walk(tenant, "sortBy=customProperties.tier&sortOrder=ASC", limit)).toEqual([c5, c2, c0, c3, c1, c4]);
      expect(await walk(tenant, "sortBy=customProperties.tier", limit)).toEqual([c3, c0, c2, c5, c4, c1]);
    }
    // Filtered lists sort the same way.
    expect(await walk(tenant, "sortBy=customProperties.tier&sortOrder=ASC&label=none")).toEqual([]);
    expect(await walk(tenant, "sortBy=customProperties.tier&email=billing%40example.com", 1)).toEqual([c3, c0, c2, c5, c4, c1]);
    expect(await walk(tenant, "sortBy=customProperties.tier&sortOrder=ASC&email=billing%40example.com", 4)).toEqual([c5, c2, c0, c3, c1, c4]);
    // A key nobody has: creation order. Keys named like Object members are keys like any other.
    expect(await walk(tenant, "sortBy=customProperties.nobody&sortOrder=ASC", 4)).toEqual(made);
    const nobodyDescending = await walk(tenant, "sortBy=customProperties.nobody", 2);
    expect(nobodyDescending).toEqual([...made].reverse());
    for (const key of ["constructor", "toString", "hasOwnProperty", "valueOf"]) {
      expect(await walk(tenant, `sortBy=customProperties.${key}&sortOrder=ASC`, 4), key).toEqual(made);
      expect(await walk(tenant, `sortBy=customProperties.${key}`, 2), key).toEqual(nobodyDescending);
    }
  });

  it("by a custom property, reads a page's worth at a time: pages skip archived customers and may come short, never wrong", async () => {
    const tenant = await createTenant();
    const made: { id: string; tier?: string; archived: boolean }[] = [];
    for (let i = 0; i < 12; i++) {
      const tier = i % 3 === 0 ? undefined : `t${i % 4}`;
      const customer = await createCustomer(tenant, `C${i}`, tier ? { customProperties: { tier } } : {});
      const archived = i % 2 === 1;
      if (archived) await expectJson(await call("POST", `${CUSTOMERS}/${customer.id}/archive`, tenant.headers.sequence), 200);
      made.push({ id: customer.id, tier, archived });
    }
    const expected = (archivedToo: boolean, ascending: boolean) => {
      const shown = made.filter((customer) => archivedToo || !customer.archived);
      const byTier = shown.filter((customer) => customer.tier !== undefined);
      byTier.sort((a, b) => (a.tier! < b.tier! ? -1 : a.tier! > b.tier! ? 1 : a.id < b.id ? -1 : 1));
      const without = shown.filter((customer) => customer.tier === undefined);
      return [...(ascending ? byTier : byTier.reverse()), ...(ascending ? without : without.reverse())].map((customer) => customer.id);
    };
    for (const limit of [1, 2, 3, 5]) {
      expect(await walk(tenant, "sortBy=customProperties.tier&sortOrder=ASC", limit)).toEqual(expected(false, true));
      expect(await walk(tenant, "sortBy=customProperties.tier", limit)).toEqual(expected(false, false));
      expect(await walk(tenant, "sortBy=customProperties.tier&includeArchived=true", limit)).toEqual(expected(true, false));
    }
  });

  it("carries each customer's organizations and custom properties", async () => {
    const tenant = await createTenant();
    const owner = await createCustomer(tenant, "Parent", { customProperties: { tier: "gold" } });
    const member = await createCustomer(tenant, "Child");
    const loner = await createCustomer(tenant, "Loner");
    const org = await organization(tenant, owner.id, [member.id]);
    const page = await list(tenant, "sortOrder=ASC");
    expect(page.items.map((c) => [c.legalName, c.organizations, c.customProperties])).toEqual([
      ["Parent", [org], { tier: "gold" }],
      ["Child", [org], {}],
      ["Loner", [], {}],
    ]);
    expect(loner.organizations).toEqual([]);
    // The list's items are Sequence's ListCustomerResponseModel: no contacts, no status.
    expect(page.items[0]).not.toHaveProperty("contacts");
    expect(page.items[0]).not.toHaveProperty("status");
  });
});

describe("GET /api/customers: filters", () => {
  it("filters by exact legalName, with totals and pages", async () => {
    const tenant = await createTenant();
    const acme = [];
    for (let i = 0; i < 3; i++) acme.push((await createCustomer(tenant, "Acme")).id);
    await createCustomer(tenant, "Acme Holdings");
    await createCustomer(tenant, "acme");
    const byName = await list(tenant, "legalName=Acme&limit=2&sortOrder=ASC");
    expect(ids(byName)).toEqual(acme.slice(0, 2));
    expect(byName.pagination.totalResultSize).toBe(3);
    expect(await walk(tenant, "legalName=Acme&sortOrder=ASC")).toEqual(acme);
    expect(await list(tenant, "legalName=Nobody")).toEqual({ items: [], pagination: { totalResultSize: 0 } });
  });

  it("filters by a contact's email, ignoring case, each customer once; archived contacts do not match", async () => {
    const tenant = await createTenant();
    const contact = (email: string, billingPreference = "STANDARD") => ({ name: "X", email, billingPreference });
    const main = (email: string) => ({ contacts: [contact(email, "PRIMARY")] });
    const a = await createCustomer(tenant, "A", main("ap@acme.example"));
    const b = await createCustomer(tenant, "B", { contacts: [contact("x@b.example", "PRIMARY"), contact("AP@acme.example"), contact("ap@ACME.example")] });
    const c = await createCustomer(tenant, "C", { contacts: [contact("c@c.example", "PRIMARY"), contact("ap@acme.example")] });
    await createCustomer(tenant, "D", main("other@acme.example"));
    const byEmail = await list(tenant, `email=${encodeURIComponent("Ap@Acme.Example")}&sortOrder=ASC`);
    expect(ids(byEmail)).toEqual([a.id, b.id, c.id]);
    expect(byEmail.pagination.totalResultSize).toBe(3);
    expect(await walk(tenant, "email=ap%40acme.example", 1)).toEqual([c.id, b.id, a.id]);

    const archived = c.contacts[1].id;
    await expectJson(await call("POST", `${CONTACTS(c.id)}/${archived}/archive`, tenant.headers.sequence), 200);
    expect(ids(await list(tenant, "email=ap%40acme.example"))).toEqual([b.id, a.id]);
    expect(ids(await list(tenant, "email=ap%40acme.example&legalName=B"))).toEqual([b.id]);
  });

  it("filters by alias and by label", async () => {
    const tenant = await createTenant();
    const gold = await createCustomer(tenant, "Gold", { label: "gold", customerAliases: ["acme-1", "acme-2"] });
    const gold2 = await createCustomer(tenant, "Gold 2", { label: "gold" });
    await createCustomer(tenant, "Silver", { label: "silver", customerAliases: ["zz"] });
    expect(ids(await list(tenant, "alias=acme-2"))).toEqual([gold.id]);
    expect((await list(tenant, "alias=acme")).items).toEqual([]);
    expect((await list(tenant, "alias=zzz")).pagination.totalResultSize).toBe(0);
    const byLabel = await list(tenant, "label=gold");
    expect(ids(byLabel)).toEqual([gold2.id, gold.id]);
    expect(byLabel.pagination.totalResultSize).toBe(2);
    expect(ids(await list(tenant, "label=gold&alias=acme-1"))).toEqual([gold.id]);
    expect(ids(await list(tenant, "label=silver&alias=acme-1"))).toEqual([]);
    expect(ids(await list(tenant, `label=gold&alias=acme-1&email=billing%40example.com`))).toEqual([gold.id]);
  });

  it("leaves archived customers out unless includeArchived=true, for every filter and total", async () => {
    const tenant = await createTenant();
    const kept = await createCustomer(tenant, "Acme", { label: "l", customerAliases: ["kept"] });
    const gone = await createCustomer(tenant, "Acme", { label: "l", customerAliases: ["gone"], customProperties: { tier: "t" } });
    await expectJson(await call("POST", `${CUSTOMERS}/${gone.id}/archive`, tenant.headers.sequence), 200);
    for (const query of ["", "legalName=Acme", "label=l", "email=billing%40example.com", "sortBy=legalName", "sortBy=customProperties.tier"]) {
      const active = await list(tenant, query);
      expect([ids(active), active.pagination.totalResultSize], query).toEqual([[kept.id], 1]);
      const all = await list(tenant, `${query}&includeArchived=true`);
      expect([new Set(ids(all)), all.pagination.totalResultSize], query).toEqual([new Set([kept.id, gone.id]), 2]);
    }
    expect(ids(await list(tenant, "alias=gone"))).toEqual([]);
    expect(ids(await list(tenant, "alias=gone&includeArchived=true"))).toEqual([gone.id]);
    expect((await list(tenant, "includeArchived=true&sortOrder=ASC")).items[1]!.archivedAt).toEqual(expect.any(String));
    expect(ids(await list(tenant, "includeArchived=false"))).toEqual([kept.id]);
    // Properties written to a customer already archived are left out with it.
    await expectJson(await call("PUT", `${CUSTOMERS}/${gone.id}`, tenant.headers.sequence, customerBody("Acme", { customProperties: { tier: "new" } })), 200);
    expect(ids(await list(tenant, "sortBy=customProperties.tier&sortOrder=ASC"))).toEqual([kept.id]);
    expect(ids(await list(tenant, "sortBy=customProperties.tier&sortOrder=ASC&includeArchived=true"))).toEqual([gone.id, kept.id]);
  });

  it("billingStatus: no customer has a billing schedule here, so ACTIVE matches none and INACTIVE every one", async () => {
    const { tenant, ids: made } = await tenantWith(3);
    expect(await list(tenant, "billingStatus=ACTIVE")).toEqual({ items: [], pagination: { totalResultSize: 0 } });
    const inactive = await list(tenant, "billingStatus=INACTIVE");
    expect([ids(inactive), inactive.pagination.totalResultSize]).toEqual([[...made].reverse(), 3]);
  });
});

describe("GET /api/customers: refused parameters", () => {
  const cursorOf = async (tenant: Tenant, query: string) => (await list(tenant, `${query}&limit=1`)).pagination.after!;
  it.each([
    ["limit=0", "limit"],
    ["limit=101", "limit"],
    ["limit=ten", "limit"],
    ["after=not-a-cursor", "after: is not a cursor of this list"],
    [`after=${crypto.randomUUID()}`, "after: is not a cursor of this list"],
    [`before=${btoa('["createdAt"]')}`, "before: is not a cursor of this list sorted by"],
    ["legalName=a&legalName=b", "legalName"],
    ["legalName=", "legalName"],
    ["email=not-an-email", "email"],
    ["alias=", "alias"],
    ["label=a&label=b", "label"],
    ["includeArchived=yes", "includeArchived"],
    ["billingStatus=active", "billingStatus"],
    ["sortBy=name", "sortBy: must be createdAt (the default), legalName, or customProperties.<key>"],
    ["sortBy=customProperties.", "sortBy"],
    ["sortOrder=desc", "sortOrder"],
    ["status=ACTIVE", 'Unrecognized key: "status"'],
  ])("refuses ?%s with 400 naming %s", async (query, field) => {
    const tenant = await createTenant();
    const error = await expectJson(await call("GET", `${CUSTOMERS}?${query}`, tenant.headers.sequence), 400);
    expect(error.error.type).toBe("InvalidInput");
    expect(error.error.message).toContain(field);
  });

  it("refuses both cursors at once, and a cursor of another sort or property", async () => {
    const { tenant } = await tenantWith(3);
    const [byCreation, byName, byTier] = [await cursorOf(tenant, ""), await cursorOf(tenant, "sortBy=legalName"), await cursorOf(tenant, "sortBy=customProperties.tier")];
    const refused = async (query: string) => (await expectJson(await call("GET", `${CUSTOMERS}?${query}`, tenant.headers.sequence), 400)).error.message;
    expect(await refused(`after=${byCreation}&before=${byCreation}`)).toContain("either after or before");
    expect(await refused(`sortBy=legalName&after=${byCreation}`)).toContain("after: is not a cursor of this list sorted by legalName");
    expect(await refused(`before=${byName}`)).toContain("before: is not a cursor of this list sorted by createdAt");
    expect(await refused(`sortBy=customProperties.region&after=${byTier}`)).toContain("is not a cursor of this list sorted by customProperties.region");
    // A cursor is a place in its sort, valid in either direction.
    expect(ids(await list(tenant, `sortBy=legalName&sortOrder=ASC&before=${byName}`))).toHaveLength(2);
  });
});
