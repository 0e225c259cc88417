import { describe, expect, it } from "vitest";
import { call, createTenant, expectJson, type Tenant } from "../helpers";
import { ALIASES, BILLING_CONTACT, CONTACTS, countRows, createCustomer, customerBody, CUSTOMERS } from "./fixtures";

const post = (tenant: Tenant, body: unknown) => call("POST", CUSTOMERS, tenant.headers.sequence, body);

/** A customer of `tenant` with a second contact and an alias: every kind of record the endpoints address. */
async function records(tenant: Tenant, tag: string) {
  const customer = await createCustomer(tenant, `${tag} Customer`, {
    label: "shared",
    customerAliases: [`${tag}-alias`],
    customProperties: { [`${tag}Key`]: "v" },
    contacts: [BILLING_CONTACT, { name: "Shared", email: "shared@example.com", billingPreference: "STANDARD" }],
  });
  const alias = (await expectJson(await call("GET", `${ALIASES}?value=${tag}-alias`, tenant.headers.sequence), 200)).items[0];
  return { customer, contact: customer.contacts[1], alias };
}

/** Every customer endpoint with a method, path and body, for one customer, contact and alias. */
function endpoints(ids: { customer: string; contact: string; alias: string }): [string, string, unknown?][] {
  const contact = { name: "X", email: "x@example.com", billingPreference: "NONE" };
  return [
    ["POST", CUSTOMERS, customerBody()],
    ["GET", CUSTOMERS],
    ["GET", `${CUSTOMERS}/${ids.customer}`],
    ["PUT", `${CUSTOMERS}/${ids.customer}`, customerBody()],
    ["POST", `${CUSTOMERS}/${ids.customer}/archive`],
    ["GET", `${CUSTOMERS}/${ids.customer}/aliases`],
    ["GET", `${CUSTOMERS}/by-alias/some-alias`],
    ["GET", CONTACTS(ids.customer)],
    ["POST", CONTACTS(ids.customer), contact],
    ["PUT", `${CONTACTS(ids.customer)}/${ids.contact}`, contact],
    ["POST", `${CONTACTS(ids.customer)}/${ids.contact}/archive`],
    ["GET", ALIASES],
    ["POST", ALIASES, { customerId: ids.customer, value: "new-alias" }],
    ["PUT", `${ALIASES}/${ids.alias}`, { label: "x" }],
    ["DELETE", `${ALIASES}/${ids.alias}`],
    ["GET", "/api/customer-custom-property-keys"],
  ];
}

describe("credentials and permissions", () => {
  it("answers 401 without or with wrong credentials on every customer endpoint, writing nothing", async () => {
    const tenant = await createTenant();
    const { customer, contact, alias } = await records(tenant, "a");
    const wrong = { authorization: `Basic ${btoa(`${tenant.keyId}:wrong`)}` };
    for (const headers of [{}, wrong]) {
      for (const [method, path, body] of endpoints({ customer: customer.id, contact: contact.id, alias: alias.id })) {
        const error = await expectJson(await call(method, path, headers, body), 401);
        expect(error.error.type, `${method} ${path}`).toBe("Unauthorized");
      }
    }
    expect(await expectJson(await call("GET", `${CUSTOMERS}/${customer.id}`, tenant.headers.sequence), 200)).toEqual(customer);
    expect(await countRows("customer_aliases", tenant)).toBe(1);
  });

  it("needs customers_write to write and customers_read to read (403 otherwise)", async () => {
    const owner = await createTenant();
    const { customer, contact, alias } = await records(owner, "a");
    const reader = await createTenant(["customers_read"]);
    const writer = await createTenant(["customers_write"]);
    const other = await createTenant(["seat_metrics_read", "seat_metrics_write"]);
    for (const [method, path, body] of endpoints({ customer: customer.id, contact: contact.id, alias: alias.id })) {
      const denied = method === "GET" ? [writer, other] : [reader, other];
      for (const tenant of denied) {
        const response = await call(method, path, tenant.headers.sequence, body);
        expect([response.status, (await response.json<{ error: { type: string } }>()).error.type], `${method} ${path}`).toEqual([403, "Forbidden"]);
      }
    }
    expect((await call("GET", CUSTOMERS, reader.headers.sequence)).status).toBe(200);
    expect((await post(writer, customerBody())).status).toBe(201);
  });
});

describe("tenant isolation", () => {
  it("B never reads, changes, lists or filters to A's customers, contacts or aliases (404, not 403)", async () => {
    const [a, b] = [await createTenant(), await createTenant()];
    const mine = await records(a, "a");
    await records(b, "b");
    const ids = { customer: mine.customer.id, contact: mine.contact.id, alias: mine.alias.id };
    const names = (text: string) => text.includes(ids.customer) || text.includes(ids.alias);
    const addressed = endpoints(ids).filter(([, path, body]) => names(path) || names(JSON.stringify(body ?? {})));
    expect(addressed).toHaveLength(11);
    for (const [method, path, body] of addressed) {
      const response = await call(method, path, b.headers.sequence, body);
      // A body naming A's customer gets the answer of an unknown one.
      expect(response.status, `${method} ${path}`).toBe(path === ALIASES ? 422 : 404);
    }
    // Nor reached by what names them: an alias, a parent, a filter.
    expect((await call("GET", `${CUSTOMERS}/by-alias/a-alias`, b.headers.sequence)).status).toBe(404);
    expect((await post(b, customerBody("Child", { parentId: ids.customer }))).status).toBe(422);
    for (const query of ["", "legalName=a%20Customer", "email=shared%40example.com", "alias=a-alias", "label=shared", "sortBy=customProperties.aKey", "includeArchived=true"]) {
      const listed = await expectJson(await call("GET", `${CUSTOMERS}?${query}`, b.headers.sequence), 200);
      expect(listed.items.map((item: { id: string }) => item.id), query).not.toContain(ids.customer);
    }
    expect((await expectJson(await call("GET", `${ALIASES}?value=a-alias`, b.headers.sequence), 200)).items).toEqual([]);
    expect((await expectJson(await call("GET", ALIASES, b.headers.sequence), 200)).items.map((x: { value: string }) => x.value)).toEqual(["b-alias"]);
    expect((await expectJson(await call("GET", "/api/customer-custom-property-keys", b.headers.sequence), 200)).items).toEqual(["bKey"]);
    // A's value is free in B: the uniqueness is per workspace.
    const theirs = (await expectJson(await call("GET", `${ALIASES}?value=b-alias`, b.headers.sequence), 200)).items[0];
    await expectJson(await call("POST", ALIASES, b.headers.sequence, { customerId: theirs.customerId, value: "a-alias" }), 201);

    // A's records are untouched.
    expect(await expectJson(await call("GET", `${CUSTOMERS}/${ids.customer}`, a.headers.sequence), 200)).toEqual(mine.customer);
    expect((await expectJson(await call("GET", `${ALIASES}?value=a-alias`, a.headers.sequence), 200)).items).toEqual([mine.alias]);
  });
});
