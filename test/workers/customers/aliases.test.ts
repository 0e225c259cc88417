import { describe, expect, it } from "vitest";
import { call, createTenant, expectJson, type Tenant } from "../helpers";
import { ALIASES, countRows, createCustomer, customerBody, CUSTOMERS } from "./fixtures";
import { CREATE_ALIAS_REQUEST, UPDATE_ALIAS_REQUEST } from "./sequenceExamples";

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

const create = (tenant: Tenant, body: unknown) => call("POST", ALIASES, tenant.headers.sequence, body);
const list = async (tenant: Tenant, query = "") => expectJson(await call("GET", `${ALIASES}?${query}`, tenant.headers.sequence), 200);
const valuesOf = async (tenant: Tenant, customerId: string) =>
  (await expectJson(await call("GET", `${CUSTOMERS}/${customerId}/aliases`, tenant.headers.sequence), 200)).items.map((a: { value: string }) => a.value);
const byAlias = (tenant: Tenant, alias: string) => call("GET", `${CUSTOMERS}/by-alias/${encodeURIComponent(alias)}`, tenant.headers.sequence);

describe("POST, PUT and DELETE /api/customer-aliases", () => {
  it("creates Sequence's example alias for a real customer, relabels it with the update example, deletes it", async () => {
    const tenant = await createTenant();
    const customer = await createCustomer(tenant, "Acme");
    const alias = await expectJson(await create(tenant, { ...CREATE_ALIAS_REQUEST, customerId: customer.id }), 201);
    expect(alias).toEqual({
      id: expect.any(String),
      sequenceAccountId: tenant.workspaceId,
      customerId: customer.id,
      value: "external-customer-alias-123",
      createdAt: expect.stringMatching(ISO),
      label: "CRM ID",
    });
    const relabelled = await expectJson(await call("PUT", `${ALIASES}/${alias.id}`, tenant.headers.sequence, { label: "Billing system" }), 200);
    expect(relabelled).toEqual({ ...alias, label: "Billing system" });
    expect(await expectJson(await call("PUT", `${ALIASES}/${alias.id}`, tenant.headers.sequence, UPDATE_ALIAS_REQUEST), 200)).toEqual(alias);
    const { label: _label, ...unlabelled } = alias;
    expect(await expectJson(await call("PUT", `${ALIASES}/${alias.id}`, tenant.headers.sequence, {}), 200)).toEqual(unlabelled);

    const deleted = await expectJson(await call("DELETE", `${ALIASES}/${alias.id}`, tenant.headers.sequence), 200);
    expect(deleted).toEqual({ ...unlabelled, deletedAt: expect.stringMatching(ISO) });
    expect(await valuesOf(tenant, customer.id)).toEqual([]);
    // The value is free again.
    await expectJson(await create(tenant, { customerId: customer.id, value: "external-customer-alias-123" }), 201);
  });

  it("is one set with customerAliases of the customer: either side sees the other's rows", async () => {
    const tenant = await createTenant();
    const customer = await createCustomer(tenant, "Acme", { customerAliases: ["a", "b", "a"] });
    expect(await valuesOf(tenant, customer.id)).toEqual(["a", "b"]);
    const c = await expectJson(await create(tenant, { customerId: customer.id, value: "c", label: "CRM" }), 201);
    expect(await valuesOf(tenant, customer.id)).toEqual(["a", "b", "c"]);
    const kept = (await list(tenant, "value=c")).items[0];
    await expectJson(await call("PUT", `${CUSTOMERS}/${customer.id}`, tenant.headers.sequence, customerBody("Acme", { customerAliases: ["c", "d"] })), 200);
    expect(await valuesOf(tenant, customer.id)).toEqual(["c", "d"]);
    // A value kept by the replace keeps its row: id, label and creation time.
    expect((await list(tenant, "value=c")).items[0]).toEqual({ ...kept, id: c.id });
  });

  it("refuses a value that names a customer already (409), from either side, writing nothing", async () => {
    const tenant = await createTenant();
    const a = await createCustomer(tenant, "A", { customerAliases: ["taken"] });
    const b = await createCustomer(tenant, "B");
    const conflict = await expectJson(await create(tenant, { customerId: b.id, value: "taken" }), 409);
    expect(conflict.error).toEqual({
      type: "CustomerAliasTaken",
      message: `'taken' already names customer ${a.id}. An alias value names one customer of the workspace.`,
    });
    expect((await expectJson(await create(tenant, { customerId: a.id, value: "taken" }), 409)).error.type).toBe("CustomerAliasTaken");
    const onCreate = await expectJson(await call("POST", CUSTOMERS, tenant.headers.sequence, customerBody("C", { customerAliases: ["new", "taken"] })), 409);
    expect(onCreate.error.message).toContain(`'taken' already names customer ${a.id}`);
    const onReplace = await call("PUT", `${CUSTOMERS}/${b.id}`, tenant.headers.sequence, customerBody("B renamed", { customerAliases: ["taken"] }));
    expect((await expectJson(onReplace, 409)).error.type).toBe("CustomerAliasTaken");
    expect(await countRows("customers", tenant)).toBe(2);
    expect(await countRows("customer_aliases", tenant)).toBe(1);
    expect((await expectJson(await call("GET", `${CUSTOMERS}/${b.id}`, tenant.headers.sequence), 200)).legalName).toBe("B");
  });

  it("gives a value to exactly one of many racing requests, the database deciding", async () => {
    const tenant = await createTenant();
    const customers = [];
    for (let i = 0; i < 6; i++) customers.push(await createCustomer(tenant, `C${i}`));
    const answers = await Promise.all([
      ...customers.slice(0, 3).map((customer) => create(tenant, { customerId: customer.id, value: "raced" })),
      ...customers.slice(3).map((customer) =>
        call("PUT", `${CUSTOMERS}/${customer.id}`, tenant.headers.sequence, customerBody(customer.legalName, { customerAliases: ["raced"] })),
      ),
      ...[1, 2, 3].map((i) => call("POST", CUSTOMERS, tenant.headers.sequence, customerBody(`New ${i}`, { customerAliases: ["raced"] }))),
    ]);
    const statuses = answers.map((response) => response.status);
    const winners = statuses.flatMap((status, i) => (status === 409 ? [] : [i]));
    expect(winners).toHaveLength(1);
    expect(statuses[winners[0]!]).toBe(winners[0]! < 3 || winners[0]! >= 6 ? 201 : 200);
    const { items } = await list(tenant, "value=raced");
    expect(items).toHaveLength(1);
    const winner = await answers[winners[0]!]!.json<{ id: string; customerId?: string }>();
    expect(items[0].customerId).toBe(winner.customerId ?? winner.id);
    // The losing creates wrote no customer.
    expect(await countRows("customers", tenant)).toBe(winners[0]! >= 6 ? 7 : 6);
  });

  it("answers 404 for an unknown alias, 422 for an unknown customer", async () => {
    const tenant = await createTenant();
    const missing = crypto.randomUUID();
    expect((await expectJson(await call("PUT", `${ALIASES}/${missing}`, tenant.headers.sequence, { label: "x" }), 404)).error.type).toBe(
      "CustomerAliasNotFound",
    );
    expect((await expectJson(await call("DELETE", `${ALIASES}/${missing}`, tenant.headers.sequence), 404)).error.type).toBe("CustomerAliasNotFound");
    const unknown = await expectJson(await create(tenant, CREATE_ALIAS_REQUEST), 422);
    expect(unknown.error).toEqual({ type: "CustomerNotFound", message: `customerId names no customer of this workspace: ${CREATE_ALIAS_REQUEST.customerId}` });
    expect(await countRows("customer_aliases", tenant)).toBe(0);
  });

  it.each([
    [{ value: "v" }, "customerId"],
    [{ customerId: "nope", value: "v" }, "customerId"],
    [{ customerId: "0193a0d0-0000-7000-8000-000000000000" }, "value"],
    [{ customerId: "0193a0d0-0000-7000-8000-000000000000", value: " " }, "value"],
    [{ customerId: "0193a0d0-0000-7000-8000-000000000000", value: "x".repeat(201) }, "value"],
    [{ customerId: "0193a0d0-0000-7000-8000-000000000000", value: "v", label: "" }, "label"],
  ])("refuses the create body %j with 400 naming %s", async (body, field) => {
    const tenant = await createTenant();
    const error = await expectJson(await create(tenant, body), 400);
    expect(error.error.message).toContain(field);
  });

  it("refuses changing the value, or a bad label, on PUT (400), leaving the alias as it was", async () => {
    const tenant = await createTenant();
    const customer = await createCustomer(tenant, "Acme");
    const alias = await expectJson(await create(tenant, { customerId: customer.id, value: "v", label: "l" }), 201);
    for (const [body, field] of [[{ value: "w" }, "Only label can change; unrecognized: value"], [{ label: 5 }, "label"], [{ label: "" }, "label"]] as const) {
      expect((await expectJson(await call("PUT", `${ALIASES}/${alias.id}`, tenant.headers.sequence, body), 400)).error.message).toContain(field);
    }
    expect((await list(tenant)).items).toEqual([alias]);
  });
});

describe("GET /api/customer-aliases", () => {
  it("pages newest first with PaginationMeta5 cursors, and finds one value", async () => {
    const tenant = await createTenant();
    const customer = await createCustomer(tenant, "Acme");
    const made = [];
    for (let i = 0; i < 5; i++) made.push(await expectJson(await create(tenant, { customerId: customer.id, value: `v${i}` }), 201));
    const newest = [...made].reverse();
    const first = await list(tenant, "limit=2");
    expect(first).toEqual({ items: newest.slice(0, 2), pagination: { after: expect.any(String), totalResultSize: 5 } });
    const second = await list(tenant, `limit=2&after=${first.pagination.after}`);
    expect(second.items).toEqual(newest.slice(2, 4));
    const last = await list(tenant, `limit=2&after=${second.pagination.after}`);
    expect(last).toEqual({ items: newest.slice(4), pagination: { before: expect.any(String), totalResultSize: 5 } });
    expect((await list(tenant, `limit=2&before=${last.pagination.before}`)).items).toEqual(newest.slice(2, 4));
    expect(await list(tenant, "value=v3")).toEqual({ items: [made[3]], pagination: { totalResultSize: 1 } });
    expect(await list(tenant, "value=v")).toEqual({ items: [], pagination: { totalResultSize: 0 } });
  });

  it.each([["limit=0", "limit"], ["after=x", "after"], ["value=", "value"], ["customerId=x", "Unrecognized key"]])(
    "refuses ?%s with 400 naming %s",
    async (query, field) => {
      const tenant = await createTenant();
      expect((await expectJson(await call("GET", `${ALIASES}?${query}`, tenant.headers.sequence), 400)).error.message).toContain(field);
    },
  );
});

describe("GET /api/customers/{id}/aliases and /api/customers/by-alias/{alias}", () => {
  it("lists a customer's aliases (CustomerAlias: no label), oldest first; 404 for an unknown customer", async () => {
    const tenant = await createTenant();
    const customer = await createCustomer(tenant, "Acme", { customerAliases: ["one"] });
    await expectJson(await create(tenant, { customerId: customer.id, value: "two", label: "CRM" }), 201);
    const { items } = await expectJson(await call("GET", `${CUSTOMERS}/${customer.id}/aliases`, tenant.headers.sequence), 200);
    expect(items).toEqual(
      ["one", "two"].map((value) => ({
        id: expect.any(String),
        sequenceAccountId: tenant.workspaceId,
        customerId: customer.id,
        value,
        createdAt: expect.stringMatching(ISO),
      })),
    );
    const missing = await call("GET", `${CUSTOMERS}/${crypto.randomUUID()}/aliases`, tenant.headers.sequence);
    expect((await expectJson(missing, 404)).error.type).toBe("CustomerNotFound");
  });

  it("finds the customer an alias names, in 2024-05-09's shape, even for values that look like routes", async () => {
    const tenant = await createTenant();
    const contacts = [
      { name: "Old", email: "old@example.com", billingPreference: "PRIMARY" },
      { name: "Jo", email: "jo@example.com", billingPreference: "PRIMARY" },
      { name: "AP", email: "ap@example.com", billingPreference: "STANDARD" },
      { name: "Nobody", email: "none@example.com", billingPreference: "NONE" },
    ];
    const customer = await createCustomer(tenant, "Acme", {
      contacts,
      customerAliases: ["aliases", "contacts", "a/b%c d"],
      url: "https://acme.example/",
      label: "gold",
      integrationIds: [{ service: "Stripe", id: "cus_1" }],
    });
    await expectJson(await call("POST", `${CUSTOMERS}/${customer.id}/contacts/${customer.contacts[0].id}/archive`, tenant.headers.sequence), 200);
    const expected = {
      id: customer.id,
      createdAt: customer.createdAt,
      legalName: "Acme",
      contactName: "Jo",
      address: customer.address,
      email: "jo@example.com",
      url: "https://acme.example/",
      label: "gold",
      integrationIds: [{ service: "Stripe", id: "cus_1", isPending: false }],
      billingEmails: ["ap@example.com"],
      taxStatus: "TAXED",
    };
    for (const alias of ["aliases", "contacts", "a/b%c d"]) expect(await expectJson(await byAlias(tenant, alias), 200)).toEqual(expected);
    expect((await expectJson(await byAlias(tenant, "unknown"), 404)).error.type).toBe("CustomerNotFound");
  });
});
