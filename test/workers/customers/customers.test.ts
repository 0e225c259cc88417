import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { BASE, call, createTenant, expectJson, type Tenant } from "../helpers";
import { BILLING_CONTACT, countRows, createCustomer, customerBody, CUSTOMERS, edges, organization } from "./fixtures";
import { CUSTOMER_REQUEST, sendableCustomerRequest } from "./sequenceExamples";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

const post = (tenant: Tenant, body: unknown) => call("POST", CUSTOMERS, tenant.headers.sequence, body);
const put = (tenant: Tenant, id: string, body: unknown) => call("PUT", `${CUSTOMERS}/${id}`, tenant.headers.sequence, body);
const get = async (tenant: Tenant, id: string) => expectJson(await call("GET", `${CUSTOMERS}/${id}`, tenant.headers.sequence), 200);

/** A contact as answered for one sent. */
const answered = (contact: object) => ({
  id: expect.stringMatching(UUID),
  ...contact,
  createdAt: expect.stringMatching(ISO),
  updatedAt: expect.stringMatching(ISO),
});

/** Every row a customer write touches, in the tenant's workspace. */
async function written(tenant: Tenant) {
  const tables = ["customers", "customer_contacts", "customer_aliases", "customer_properties", "customer_organizations", "customer_organization_members"];
  return Object.fromEntries(await Promise.all(tables.map(async (table) => [table, await countRows(table, tenant)])));
}
const NOTHING = {
  customers: 0, customer_contacts: 0, customer_aliases: 0, customer_properties: 0, customer_organizations: 0, customer_organization_members: 0,
};

describe("POST /api/customers with Sequence's own example", () => {
  it("refuses the example as the document gives it with 400 naming pushToIntegrations (no integration is linked), writing nothing", async () => {
    const tenant = await createTenant();
    const error = await expectJson(await post(tenant, CUSTOMER_REQUEST), 400);
    expect(error.error.type).toBe("InvalidInput");
    expect(error.error.message).toMatch(/^pushToIntegrations: no integration is linked/);
    expect(await written(tenant)).toEqual(NOTHING);
  });

  it("creates it, as a child of parentId, once the parent is real and pushToIntegrations empty: the 2024-07-30 Customer", async () => {
    const tenant = await createTenant();
    const parent = await createCustomer(tenant, "FinTech Solutions Inc.");
    const response = await post(tenant, sendableCustomerRequest(parent.id));
    expect(response.headers.get("sequence-version")).toBe("2024-07-30");
    const customer = await expectJson(response, 201);
    expect(customer).toEqual({
      id: expect.stringMatching(UUID),
      createdAt: expect.stringMatching(ISO),
      organizations: [
        { id: expect.stringMatching(UUID), owner: { id: parent.id, name: "FinTech Solutions Inc." }, members: [{ id: customer.id, name: "John Doe" }] },
      ],
      legalName: "John Doe",
      address: CUSTOMER_REQUEST.address,
      url: "https://example.com/",
      domain: "example.com",
      label: "Example customer",
      integrationIds: CUSTOMER_REQUEST.integrationIds.map((integration) => ({ ...integration, isPending: false })),
      taxStatus: "TAXED",
      contacts: CUSTOMER_REQUEST.contacts.map(answered),
      status: "ACTIVE",
      customProperties: { region: "EU", tier: "gold" },
    });
    expect(await get(tenant, customer.id)).toEqual(customer);
    // customerAliases are the alias endpoints' rows; the Customer answer does not carry them.
    const aliases = await expectJson(await call("GET", `${CUSTOMERS}/${customer.id}/aliases`, tenant.headers.sequence), 200);
    expect(aliases.items.map((alias: { value: string }) => alias.value)).toEqual(CUSTOMER_REQUEST.customerAliases);
    expect(await edges(tenant)).toEqual([`${parent.id}>${customer.id}`]);
  });
});

describe("POST /api/customers", () => {
  it("needs legalName, address, contacts and taxStatus; status is ACTIVE and customProperties {} unless given", async () => {
    const tenant = await createTenant();
    const body = customerBody("Minimal Ltd");
    expect(await expectJson(await post(tenant, body), 201)).toEqual({
      id: expect.stringMatching(UUID),
      createdAt: expect.stringMatching(ISO),
      organizations: [],
      legalName: "Minimal Ltd",
      address: body.address,
      integrationIds: [],
      taxStatus: "TAXED",
      contacts: [answered(BILLING_CONTACT)],
      status: "ACTIVE",
      customProperties: {},
    });
  });

  it("treats null optional fields as absent, and keeps a DRAFT status", async () => {
    const tenant = await createTenant();
    const nulls = { url: null, label: null, customerAliases: null, integrationIds: null, parentId: null, pushToIntegrations: null, customProperties: null };
    const customer = await expectJson(await post(tenant, customerBody("Nulls", { ...nulls, status: "DRAFT" })), 201);
    expect(customer).not.toHaveProperty("url");
    expect(customer).not.toHaveProperty("label");
    expect(customer).toMatchObject({ status: "DRAFT", integrationIds: [], customProperties: {}, organizations: [] });
  });

  it("keeps url as sent (the document types it as a string), deriving domain where it names a host", async () => {
    const tenant = await createTenant();
    const cases: [url: string, domain: string | undefined][] = [
      ["https://www.example.com/pricing", "example.com"],
      ["www.example.com", "example.com"],
      ["http://localhost:3000", "localhost"],
      ["our site", undefined],
    ];
    for (const [url, domain] of cases) {
      const customer = await expectJson(await post(tenant, customerBody(`Site ${url}`, { url })), 201);
      expect(customer.url).toBe(url);
      expect(customer.domain).toBe(domain);
    }
  });

  it("keeps custom property keys as sent, so keys that differ only in white space stay apart", async () => {
    const tenant = await createTenant();
    const customProperties = { region: "EU", "region ": "US" };
    const customer = await expectJson(await post(tenant, customerBody("Keys", { customProperties })), 201);
    expect(customer.customProperties).toEqual(customProperties);
    expect(await get(tenant, customer.id)).toMatchObject({ customProperties });
  });

  it("allows several PRIMARY contacts, kept in the order sent", async () => {
    const tenant = await createTenant();
    const contacts = [
      { name: "A", email: "a@example.com", billingPreference: "STANDARD" },
      { name: "B", email: "b@example.com", billingPreference: "PRIMARY" },
      { name: "C", email: "c@example.com", billingPreference: "PRIMARY" },
    ];
    const customer = await expectJson(await post(tenant, customerBody("Two primaries", { contacts })), 201);
    expect(customer.contacts).toEqual(contacts.map(answered));
  });

  it("refuses the 2024-05-09 body with 400 naming the fields missing and the ones unknown, writing nothing", async () => {
    const tenant = await createTenant();
    const old = {
      legalName: "FinTech Solutions Inc.",
      contactName: "John Doe",
      email: "john@example.com",
      address: { line1: "Flat 1", town: "London", postcode: "EC1A 1BB", country: "GB" },
      billingEmails: ["invoices@example.com"],
      telephone: "02010001000",
    };
    const { message } = (await expectJson(await post(tenant, old), 400)).error;
    expect(message).toContain("contacts");
    expect(message).toContain("taxStatus");
    expect(message).toContain("Unrecognized field(s): contactName, email, billingEmails, telephone (");
    expect(message).toContain("fields of API version 2024-05-09; 2024-07-30 takes contacts");
    expect(await written(tenant)).toEqual(NOTHING);
  });

  const base = customerBody("Invalid");
  const contact = BILLING_CONTACT;
  const badBodies: [object, string][] = [
    [{ ...base, legalName: undefined }, "legalName"],
    [{ ...base, legalName: "   " }, "legalName"],
    [{ ...base, legalName: 42 }, "legalName"],
    [{ ...base, legalName: "x".repeat(501) }, "legalName"],
    [{ ...base, address: undefined }, "address"],
    [{ ...base, address: "1 Main Street" }, "address"],
    [{ ...base, address: { ...base.address, line1: undefined } }, "address.line1"],
    [{ ...base, address: { ...base.address, town: "" } }, "address.town"],
    [{ ...base, address: { ...base.address, postcode: 12345 } }, "address.postcode"],
    [{ ...base, address: { ...base.address, country: "UK" } }, "address.country"],
    [{ ...base, address: { ...base.address, country: "gb" } }, "address.country"],
    [{ ...base, address: { ...base.address, country: undefined } }, "address.country"],
    [{ ...base, address: { ...base.address, state: "Greater London" } }, "address.state"],
    [{ ...base, address: { ...base.address, country: "US" } }, "address.state"],
    [{ ...base, address: { ...base.address, country: "US", state: "ON" } }, "address.state"],
    [{ ...base, address: { ...base.address, country: "CA", state: "NY" } }, "address.state"],
    [{ ...base, taxStatus: undefined }, "taxStatus"],
    [{ ...base, taxStatus: "EXEMPT" }, "taxStatus"],
    [{ ...base, contacts: undefined }, "contacts"],
    [{ ...base, contacts: [] }, "contacts"],
    [{ ...base, contacts: [{ ...contact, billingPreference: "STANDARD" }] }, "contacts"],
    [{ ...base, contacts: [{ ...contact, name: "" }] }, "contacts.0.name"],
    [{ ...base, contacts: [{ ...contact, email: "nope" }] }, "contacts.0.email"],
    [{ ...base, contacts: [{ ...contact, billingPreference: "primary" }] }, "contacts.0.billingPreference"],
    [{ ...base, contacts: [contact, { name: "No email", billingPreference: "NONE" }] }, "contacts.1.email"],
    [{ ...base, status: "ARCHIVED" }, "status"],
    [{ ...base, url: " " }, "url"],
    [{ ...base, label: "" }, "label"],
    [{ ...base, customerAliases: [""] }, "customerAliases.0"],
    [{ ...base, customerAliases: "acme" }, "customerAliases"],
    [{ ...base, integrationIds: [{ service: "Xero" }] }, "integrationIds.0.id"],
    [{ ...base, integrationIds: [{ service: "crm", id: "42" }] }, "integrationIds.0.service"],
    [{ ...base, parentId: "not-a-uuid" }, "parentId"],
    [{ ...base, pushToIntegrations: ["Xero"] }, "pushToIntegrations"],
    [{ ...base, pushToIntegrations: ["Stripe"] }, "pushToIntegrations.0"],
    [{ ...base, customProperties: { tier: 1 } }, "customProperties.tier"],
    [{ ...base, customProperties: ["gold"] }, "customProperties"],
    [{ ...base, customProperties: { " ": "blank key" } }, "customProperties"],
    [{ ...base, customProperties: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, "v"])) }, "customProperties"],
    [{ ...base, domain: "example.com" }, "Unrecognized field(s): domain"],
  ];
  it.each(badBodies.map(([body, field]) => [field, body] as const))("refuses a bad %s (case %#) with 400 naming it, writing nothing", async (field, body) => {
    const tenant = await createTenant();
    const error = await expectJson(await post(tenant, body), 400);
    expect(error.error.type).toBe("InvalidInput");
    expect(error.error.message).toContain(field);
    expect(await written(tenant)).toEqual(NOTHING);
  });

  it("refuses a body that is not JSON (415) and malformed JSON (400)", async () => {
    const tenant = await createTenant();
    const send = (contentType: string, body: string) =>
      exports.default.fetch(`${BASE}${CUSTOMERS}`, { method: "POST", headers: { ...tenant.headers.sequence, "content-type": contentType }, body });
    expect((await expectJson(await send("text/plain", JSON.stringify(customerBody())), 415)).error.type).toBe("UnsupportedMediaType");
    expect((await expectJson(await send("application/json", '{"legalName": "x",'), 400)).error.type).toBe("InvalidInput");
    expect(await written(tenant)).toEqual(NOTHING);
  });
});

describe("parentId", () => {
  it("joins the oldest organization the parent owns", async () => {
    const tenant = await createTenant();
    const parent = await createCustomer(tenant, "Parent");
    const first = await organization(tenant, parent.id, [(await createCustomer(tenant, "Sibling")).id]);
    await organization(tenant, parent.id, []);
    const child = await expectJson(await post(tenant, customerBody("Child", { parentId: parent.id })), 201);
    expect(child.organizations).toEqual([{ ...first, members: [...first.members, { id: child.id, name: "Child" }] }]);
  });

  it("refuses an unknown parent, or another workspace's customer, with 422, writing nothing", async () => {
    const tenant = await createTenant();
    const other = await createTenant();
    const foreign = await createCustomer(other, "Elsewhere");
    for (const parentId of [crypto.randomUUID(), foreign.id]) {
      const error = await expectJson(await post(tenant, customerBody("Orphan", { parentId })), 422);
      expect(error.error).toEqual({ type: "CustomerNotFound", message: `parentId names no customer of this workspace: ${parentId}` });
    }
    expect(await written(tenant)).toEqual(NOTHING);
  });

  it("on PUT: joins the parent, stays when repeated, and is refused for another parent, itself or its own child (409)", async () => {
    const tenant = await createTenant();
    const [a, b, c] = [await createCustomer(tenant, "A"), await createCustomer(tenant, "B"), await createCustomer(tenant, "C")];
    await expectJson(await put(tenant, b.id, customerBody("B", { parentId: a.id })), 200);
    await expectJson(await put(tenant, b.id, customerBody("B", { parentId: a.id })), 200);
    expect(await edges(tenant)).toEqual([`${a.id}>${b.id}`]);

    const elsewhere = await expectJson(await put(tenant, b.id, customerBody("B renamed", { parentId: c.id })), 409);
    expect(elsewhere.error.type).toBe("CustomerAlreadyInOrganization");
    const itself = await expectJson(await put(tenant, a.id, customerBody("A", { parentId: a.id })), 409);
    expect(itself.error.type).toBe("CustomerOrganizationCycle");
    const cycle = await expectJson(await put(tenant, a.id, customerBody("A renamed", { parentId: b.id })), 409);
    expect(cycle.error.type).toBe("CustomerOrganizationCycle");
    // Refused whole: the names did not change either.
    expect((await get(tenant, b.id)).legalName).toBe("B");
    expect((await get(tenant, a.id)).legalName).toBe("A");
    expect(await edges(tenant)).toEqual([`${a.id}>${b.id}`]);
    expect(await countRows("customer_organizations", tenant)).toBe(1);
  });
});

describe("GET /api/customers/{id}", () => {
  it("answers 404 CustomerNotFound for an unknown id", async () => {
    const tenant = await createTenant();
    for (const id of [crypto.randomUUID(), "not-a-uuid"]) {
      const missing = await expectJson(await call("GET", `${CUSTOMERS}/${id}`, tenant.headers.sequence), 404);
      expect(missing.error.type).toBe("CustomerNotFound");
    }
  });
});

describe("PUT /api/customers/{id}", () => {
  it("replaces the fields and every contact; url, label and integrationIds left out are cleared", async () => {
    const tenant = await createTenant();
    const created = await expectJson(await post(tenant, sendableCustomerRequest((await createCustomer(tenant, "Parent")).id)), 201);
    const contacts = [{ name: "New", email: "new@example.com", billingPreference: "PRIMARY" }];
    const replacement = customerBody("Renamed Ltd", { taxStatus: "TAX_EXEMPT", contacts });
    const updated = await expectJson(await put(tenant, created.id, replacement), 200);
    expect(updated).toEqual({
      id: created.id,
      createdAt: created.createdAt,
      organizations: [{ ...created.organizations[0], members: [{ id: created.id, name: "Renamed Ltd" }] }],
      legalName: "Renamed Ltd",
      address: replacement.address,
      integrationIds: [],
      taxStatus: "TAX_EXEMPT",
      contacts: contacts.map(answered),
      status: "ACTIVE",
      customProperties: { region: "EU", tier: "gold" },
    });
    expect(created.contacts.map((contact: { id: string }) => contact.id)).not.toContain(updated.contacts[0].id);
    expect(await get(tenant, created.id)).toEqual(updated);
    expect(await countRows("customer_contacts", tenant)).toBe(2);
  });

  it("keeps status, customProperties, customerAliases and the parent when left out; replaces them when given", async () => {
    const tenant = await createTenant();
    const created = await createCustomer(tenant, "Keeper", { status: "DRAFT", customProperties: { tier: "gold" }, customerAliases: ["keeper"] });
    const kept = await expectJson(await put(tenant, created.id, customerBody("Keeper")), 200);
    expect(kept).toMatchObject({ status: "DRAFT", customProperties: { tier: "gold" } });
    const aliasValues = async () =>
      (await expectJson(await call("GET", `${CUSTOMERS}/${created.id}/aliases`, tenant.headers.sequence), 200)).items.map((a: { value: string }) => a.value);
    expect(await aliasValues()).toEqual(["keeper"]);

    const changed = await expectJson(
      await put(tenant, created.id, customerBody("Keeper", { status: "ACTIVE", customProperties: { region: "EU" }, customerAliases: ["k2", "k3"] })),
      200,
    );
    expect(changed).toMatchObject({ status: "ACTIVE", customProperties: { region: "EU" } });
    expect(await aliasValues()).toEqual(["k2", "k3"]);
    const emptied = await expectJson(await put(tenant, created.id, customerBody("Keeper", { customProperties: {}, customerAliases: [] })), 200);
    expect(emptied.customProperties).toEqual({});
    expect(await aliasValues()).toEqual([]);
  });

  it("refuses bad input with 400 and leaves the customer as it was", async () => {
    const tenant = await createTenant();
    const created = await createCustomer(tenant, "Stable", { customProperties: { tier: "gold" } });
    const error = await expectJson(await put(tenant, created.id, customerBody("Changed", { address: { ...created.address, country: "ZZ" } })), 400);
    expect(error.error.message).toContain("address.country");
    const old = await expectJson(await put(tenant, created.id, { legalName: "Only a name", email: "a@example.com" }), 400);
    expect(old.error.message).toContain("contacts");
    expect(await get(tenant, created.id)).toEqual(created);
  });

  it("answers 404 for an unknown id, writing nothing (with a parentId too)", async () => {
    const tenant = await createTenant();
    const parent = await createCustomer(tenant, "Parent");
    for (const body of [customerBody(), customerBody("Child", { parentId: parent.id, customerAliases: ["x"], customProperties: { a: "b" } })]) {
      const missing = await put(tenant, crypto.randomUUID(), body);
      expect((await expectJson(missing, 404)).error.type).toBe("CustomerNotFound");
    }
    expect(await written(tenant)).toEqual({ ...NOTHING, customers: 1, customer_contacts: 1 });
  });
});

describe("POST /api/customers/{id}/archive", () => {
  it("sets archivedAt once; the customer stays readable and can still be replaced", async () => {
    const tenant = await createTenant();
    const created = await createCustomer(tenant, "Retired");
    const archived = await expectJson(await call("POST", `${CUSTOMERS}/${created.id}/archive`, tenant.headers.sequence), 200);
    expect(archived).toEqual({ ...created, archivedAt: expect.stringMatching(ISO) });
    const again = await expectJson(await call("POST", `${CUSTOMERS}/${created.id}/archive`, tenant.headers.sequence), 200);
    expect(again.archivedAt).toBe(archived.archivedAt);
    expect(await get(tenant, created.id)).toEqual(archived);
    expect((await expectJson(await put(tenant, created.id, customerBody("Retired Ltd")), 200)).archivedAt).toBe(archived.archivedAt);
  });

  it("answers 404 for an unknown id", async () => {
    const tenant = await createTenant();
    const missing = await call("POST", `${CUSTOMERS}/${crypto.randomUUID()}/archive`, tenant.headers.sequence);
    expect((await expectJson(missing, 404)).error.type).toBe("CustomerNotFound");
  });
});

describe("GET /api/customer-custom-property-keys", () => {
  it("lists every key some customer has, archived ones included, each once, in order", async () => {
    const tenant = await createTenant();
    const keys = async () => (await expectJson(await call("GET", "/api/customer-custom-property-keys", tenant.headers.sequence), 200)).items;
    expect(await keys()).toEqual([]);
    const a = await createCustomer(tenant, "A", { customProperties: { tier: "gold", region: "EU" } });
    await createCustomer(tenant, "B", { customProperties: { tier: "silver" } });
    await expectJson(await call("POST", `${CUSTOMERS}/${a.id}/archive`, tenant.headers.sequence), 200);
    expect(await keys()).toEqual(["region", "tier"]);
    await expectJson(await put(tenant, a.id, customerBody("A", { customProperties: { tier: "gold" } })), 200);
    expect(await keys()).toEqual(["tier"]);
  });
});
