import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { BASE, call, createTenant, expectJson, type Tenant } from "../helpers";
import { countRows, customerBody, CUSTOMERS } from "./fixtures";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const FULL = {
  legalName: "FinTech Solutions Inc.",
  contactName: "John Doe",
  email: "john@example.com",
  address: { line1: "Flat 1", line2: "123 Fake Street", town: "New York", state: "NY", postcode: "AB1 2EF", country: "US" },
  billingEmails: ["invoices@example.com", "ap@example.com"],
  telephone: "02010001000",
  url: "https://example.com/",
  label: "Example customer",
  taxStatus: "REVERSE_CHARGED",
  customerAliases: ["b1c87177-088a-40ec-8917-9809343f3f9c", "fintech"],
  integrationIds: [
    { service: "Xero", id: "123456789" },
    { service: "Stripe", id: "cus_OCtCxqQDgu1uX9" },
  ],
};

const post = (tenant: Tenant, body: unknown) => call("POST", CUSTOMERS, tenant.headers.sequence, body);

describe("POST /api/customers", () => {
  it("creates a customer with every field, as Sequence answers it", async () => {
    const tenant = await createTenant();
    const response = await post(tenant, FULL);
    expect(response.headers.get("sequence-version")).toBe("2024-07-30");
    const customer = await expectJson(response, 201);
    expect(customer).toEqual({ id: expect.stringMatching(UUID), createdAt: expect.any(String), ...FULL, organizations: [] });
    expect(new Date(customer.createdAt).toISOString()).toBe(customer.createdAt);
  });

  it("needs only legalName, email and address; taxStatus defaults to TAXED and unset fields are omitted", async () => {
    const tenant = await createTenant();
    const body = customerBody("Minimal Ltd");
    const customer = await expectJson(await post(tenant, body), 201);
    expect(customer).toEqual({
      id: expect.stringMatching(UUID),
      createdAt: expect.any(String),
      ...body,
      billingEmails: [],
      taxStatus: "TAXED",
      customerAliases: [],
      integrationIds: [],
      organizations: [],
    });
  });

  it("treats null optional fields as unset", async () => {
    const tenant = await createTenant();
    const customer = await expectJson(
      await post(tenant, customerBody("Nulls", { contactName: null, url: null, billingEmails: null, taxStatus: null })),
      201,
    );
    expect(customer).not.toHaveProperty("contactName");
    expect(customer).not.toHaveProperty("url");
    expect(customer.billingEmails).toEqual([]);
    expect(customer.taxStatus).toBe("TAXED");
  });

  const base = customerBody("Invalid");
  it.each([
    [{ ...base, legalName: undefined }, "legalName"],
    [{ ...base, legalName: "   " }, "legalName"],
    [{ ...base, legalName: 42 }, "legalName"],
    [{ ...base, email: "not-an-email" }, "email"],
    [{ ...base, email: undefined }, "email"],
    [{ ...base, address: undefined }, "address"],
    [{ ...base, address: "1 Main Street" }, "address"],
    [{ ...base, address: { ...base.address, line1: undefined } }, "address.line1"],
    [{ ...base, address: { ...base.address, town: "" } }, "address.town"],
    [{ ...base, address: { ...base.address, postcode: 12345 } }, "address.postcode"],
    [{ ...base, address: { ...base.address, country: "UK" } }, "address.country"],
    [{ ...base, address: { ...base.address, country: "GBR" } }, "address.country"],
    [{ ...base, address: { ...base.address, country: "gb" } }, "address.country"],
    [{ ...base, address: { ...base.address, country: "XX" } }, "address.country"],
    [{ ...base, address: { ...base.address, country: undefined } }, "address.country"],
    [{ ...base, taxStatus: "EXEMPT" }, "taxStatus"],
    [{ ...base, billingEmails: "a@example.com" }, "billingEmails"],
    [{ ...base, billingEmails: ["a@example.com", "nope"] }, "billingEmails.1"],
    [{ ...base, url: "not a url" }, "url"],
    [{ ...base, url: "ftp://example.com/" }, "url"],
    [{ ...base, telephone: 2010001000 }, "telephone"],
    [{ ...base, customerAliases: [""] }, "customerAliases.0"],
    [{ ...base, integrationIds: [{ service: "Xero" }] }, "integrationIds.0.id"],
    [{ ...base, integrationIds: ["123"] }, "integrationIds.0"],
  ])("refuses %j with 400 naming %s, writing nothing", async (body, field) => {
    const tenant = await createTenant();
    const error = await expectJson(await post(tenant, body), 400);
    expect(error.error.type).toBe("InvalidInput");
    expect(error.error.message).toContain(field);
    expect(await countRows("customers", tenant)).toBe(0);
  });

  it("refuses a body that is not JSON (415) and malformed JSON (400)", async () => {
    const tenant = await createTenant();
    const asText = await exports.default.fetch(`${BASE}${CUSTOMERS}`, {
      method: "POST",
      headers: { ...tenant.headers.sequence, "content-type": "text/plain" },
      body: JSON.stringify(FULL),
    });
    expect((await expectJson(asText, 415)).error.type).toBe("UnsupportedMediaType");
    const malformed = await exports.default.fetch(`${BASE}${CUSTOMERS}`, {
      method: "POST",
      headers: { ...tenant.headers.sequence, "content-type": "application/json" },
      body: '{"legalName": "x",',
    });
    expect((await expectJson(malformed, 400)).error.type).toBe("InvalidInput");
    expect(await countRows("customers", tenant)).toBe(0);
  });
});

describe("GET /api/customers/{id}", () => {
  it("returns the customer, and 404 CustomerNotFound for an unknown id", async () => {
    const tenant = await createTenant();
    const created = await expectJson(await post(tenant, FULL), 201);
    expect(await expectJson(await call("GET", `${CUSTOMERS}/${created.id}`, tenant.headers.sequence), 200)).toEqual(created);
    for (const id of [crypto.randomUUID(), "not-a-uuid"]) {
      const missing = await expectJson(await call("GET", `${CUSTOMERS}/${id}`, tenant.headers.sequence), 404);
      expect(missing.error.type).toBe("CustomerNotFound");
    }
  });
});

describe("PUT /api/customers/{id}", () => {
  it("replaces every field: what the body leaves out is cleared", async () => {
    const tenant = await createTenant();
    const created = await expectJson(await post(tenant, FULL), 201);
    const replacement = customerBody("Renamed Ltd", { taxStatus: "TAX_EXEMPT", label: "New label" });
    const updated = await expectJson(await call("PUT", `${CUSTOMERS}/${created.id}`, tenant.headers.sequence, replacement), 200);
    expect(updated).toEqual({
      id: created.id,
      createdAt: created.createdAt,
      ...replacement,
      billingEmails: [],
      customerAliases: [],
      integrationIds: [],
      organizations: [],
    });
    expect(await expectJson(await call("GET", `${CUSTOMERS}/${created.id}`, tenant.headers.sequence), 200)).toEqual(updated);
  });

  it("refuses bad input with 400 and leaves the customer as it was", async () => {
    const tenant = await createTenant();
    const created = await expectJson(await post(tenant, FULL), 201);
    const error = await expectJson(
      await call("PUT", `${CUSTOMERS}/${created.id}`, tenant.headers.sequence, { ...FULL, address: { ...FULL.address, country: "ZZ" } }),
      400,
    );
    expect(error.error.message).toContain("address.country");
    const missingRequired = await call("PUT", `${CUSTOMERS}/${created.id}`, tenant.headers.sequence, { legalName: "Only a name" });
    expect((await expectJson(missingRequired, 400)).error.message).toContain("email");
    expect(await expectJson(await call("GET", `${CUSTOMERS}/${created.id}`, tenant.headers.sequence), 200)).toEqual(created);
  });

  it("answers 404 for an unknown id", async () => {
    const tenant = await createTenant();
    const missing = await call("PUT", `${CUSTOMERS}/${crypto.randomUUID()}`, tenant.headers.sequence, customerBody());
    expect((await expectJson(missing, 404)).error.type).toBe("CustomerNotFound");
    expect(await countRows("customers", tenant)).toBe(0);
  });
});
