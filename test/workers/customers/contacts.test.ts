import { describe, expect, it } from "vitest";
import { call, createTenant, expectJson, type Tenant } from "../helpers";
import { BILLING_CONTACT, CONTACTS, countRows, createCustomer, CUSTOMERS } from "./fixtures";
import { CONTACT_REQUEST } from "./sequenceExamples";

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

const contacts = async (tenant: Tenant, customerId: string, query = "") =>
  (await expectJson(await call("GET", `${CONTACTS(customerId)}${query}`, tenant.headers.sequence), 200)).items;
const add = (tenant: Tenant, customerId: string, body: unknown) => call("POST", CONTACTS(customerId), tenant.headers.sequence, body);
const replace = (tenant: Tenant, customerId: string, id: string, body: unknown) =>
  call("PUT", `${CONTACTS(customerId)}/${id}`, tenant.headers.sequence, body);
const archive = (tenant: Tenant, customerId: string, id: string) => call("POST", `${CONTACTS(customerId)}/${id}/archive`, tenant.headers.sequence);

describe("customer contacts", () => {
  it("adds Sequence's example contact (201), lists it, and shows it in the customer", async () => {
    const tenant = await createTenant();
    const customer = await createCustomer(tenant, "Acme");
    const contact = await expectJson(await add(tenant, customer.id, CONTACT_REQUEST), 201);
    expect(contact).toEqual({ id: expect.any(String), ...CONTACT_REQUEST, createdAt: expect.stringMatching(ISO), updatedAt: contact.createdAt });
    expect(await contacts(tenant, customer.id)).toEqual([customer.contacts[0], contact]);
    const read = await expectJson(await call("GET", `${CUSTOMERS}/${customer.id}`, tenant.headers.sequence), 200);
    expect(read.contacts).toEqual([customer.contacts[0], contact]);
  });

  it("replaces a contact's three fields (PUT), keeping its id and creation time", async () => {
    const tenant = await createTenant();
    const customer = await createCustomer(tenant, "Acme");
    const contact = await expectJson(await add(tenant, customer.id, { name: "A", email: "a@example.com", billingPreference: "NONE" }), 201);
    const replaced = await expectJson(await replace(tenant, customer.id, contact.id, CONTACT_REQUEST), 200);
    expect(replaced).toEqual({ ...contact, ...CONTACT_REQUEST, updatedAt: expect.stringMatching(ISO) });
    expect(await contacts(tenant, customer.id)).toEqual([customer.contacts[0], replaced]);
  });

  it("archives a contact once; archived ones are listed only with includeArchived=true and stay in the customer", async () => {
    const tenant = await createTenant();
    const customer = await createCustomer(tenant, "Acme");
    const contact = await expectJson(await add(tenant, customer.id, { name: "B", email: "b@example.com", billingPreference: "STANDARD" }), 201);
    const archived = await expectJson(await archive(tenant, customer.id, contact.id), 200);
    expect(archived).toEqual({ ...contact, archivedAt: expect.stringMatching(ISO), updatedAt: archived.archivedAt });
    expect((await expectJson(await archive(tenant, customer.id, contact.id), 200)).archivedAt).toBe(archived.archivedAt);
    expect(await contacts(tenant, customer.id)).toEqual([customer.contacts[0]]);
    expect(await contacts(tenant, customer.id, "?includeArchived=false")).toEqual([customer.contacts[0]]);
    expect(await contacts(tenant, customer.id, "?includeArchived=true")).toEqual([customer.contacts[0], archived]);
    const read = await expectJson(await call("GET", `${CUSTOMERS}/${customer.id}`, tenant.headers.sequence), 200);
    expect(read.contacts).toEqual([customer.contacts[0], archived]);
  });

  it("keeps one active PRIMARY contact: demoting or archiving the last is refused (409), another PRIMARY frees it", async () => {
    const tenant = await createTenant();
    const customer = await createCustomer(tenant, "Acme");
    const primary = customer.contacts[0];
    const demote = await expectJson(await replace(tenant, customer.id, primary.id, { ...BILLING_CONTACT, billingPreference: "STANDARD" }), 409);
    expect(demote.error.type).toBe("PrimaryContactRequired");
    expect((await expectJson(await archive(tenant, customer.id, primary.id), 409)).error.type).toBe("PrimaryContactRequired");
    expect(await contacts(tenant, customer.id)).toEqual([primary]);

    const second = await expectJson(await add(tenant, customer.id, { name: "P2", email: "p2@example.com", billingPreference: "PRIMARY" }), 201);
    await expectJson(await archive(tenant, customer.id, primary.id), 200);
    expect((await expectJson(await archive(tenant, customer.id, second.id), 409)).error.type).toBe("PrimaryContactRequired");
    // Editing the last PRIMARY without demoting it is fine; so is editing an archived contact.
    await expectJson(await replace(tenant, customer.id, second.id, { name: "P2 renamed", email: "p2@example.com", billingPreference: "PRIMARY" }), 200);
    await expectJson(await replace(tenant, customer.id, primary.id, { ...BILLING_CONTACT, billingPreference: "NONE" }), 200);
  });

  it("never leaves a customer without an active PRIMARY contact, whatever races", async () => {
    const tenant = await createTenant();
    const customer = await createCustomer(tenant, "Acme", {
      contacts: ["a", "b", "c", "d"].map((name) => ({ name, email: `${name}@example.com`, billingPreference: "PRIMARY" })),
    });
    const ids: string[] = customer.contacts.map((contact: { id: string }) => contact.id);
    const answers = await Promise.all(
      ids.flatMap((id, i) => [
        archive(tenant, customer.id, id),
        replace(tenant, customer.id, id, { name: `x${i}`, email: `${i}@example.com`, billingPreference: "STANDARD" }),
      ]),
    );
    const statuses = answers.map((response) => response.status);
    expect(statuses.every((status) => status === 200 || status === 409)).toBe(true);
    expect(statuses.filter((status) => status === 409).length).toBeGreaterThan(0);
    const left = (await contacts(tenant, customer.id)).filter((contact: { billingPreference: string }) => contact.billingPreference === "PRIMARY");
    expect(left).toHaveLength(1);
  });

  it("answers 404 for an unknown customer or contact, and for a contact of another customer", async () => {
    const tenant = await createTenant();
    const [a, b] = [await createCustomer(tenant, "A"), await createCustomer(tenant, "B")];
    const missing = crypto.randomUUID();
    const type = async (response: Response) => (await expectJson(response, 404)).error.type;
    expect(await type(await call("GET", CONTACTS(missing), tenant.headers.sequence))).toBe("CustomerNotFound");
    expect(await type(await add(tenant, missing, CONTACT_REQUEST))).toBe("CustomerNotFound");
    expect(await type(await replace(tenant, a.id, missing, CONTACT_REQUEST))).toBe("ContactNotFound");
    expect(await type(await archive(tenant, a.id, missing))).toBe("ContactNotFound");
    expect(await type(await replace(tenant, b.id, a.contacts[0].id, CONTACT_REQUEST))).toBe("ContactNotFound");
    expect(await type(await archive(tenant, missing, a.contacts[0].id))).toBe("ContactNotFound");
    expect(await countRows("customer_contacts", tenant)).toBe(2);
  });

  const good = CONTACT_REQUEST;
  it.each([
    [{ ...good, name: undefined }, "name"],
    [{ ...good, name: " " }, "name"],
    [{ ...good, name: "x".repeat(201) }, "name"],
    [{ ...good, email: "nope" }, "email"],
    [{ ...good, email: undefined }, "email"],
    [{ ...good, billingPreference: "primary" }, "billingPreference"],
    [{ ...good, billingPreference: undefined }, "billingPreference"],
    [[good], "expected object"],
  ])("refuses %j with 400 naming %s on POST and PUT, writing nothing", async (body, field) => {
    const tenant = await createTenant();
    const customer = await createCustomer(tenant, "Acme");
    for (const response of [await add(tenant, customer.id, body), await replace(tenant, customer.id, customer.contacts[0].id, body)]) {
      const error = await expectJson(response, 400);
      expect(error.error.type).toBe("InvalidInput");
      expect(error.error.message).toContain(field);
    }
    expect(await contacts(tenant, customer.id)).toEqual(customer.contacts);
  });

  it("refuses an unknown list parameter or a bad includeArchived with 400", async () => {
    const tenant = await createTenant();
    const customer = await createCustomer(tenant, "Acme");
    for (const [query, field] of [["?includeArchived=1", "includeArchived"], ["?limit=5", "limit"]]) {
      const error = await expectJson(await call("GET", `${CONTACTS(customer.id)}${query}`, tenant.headers.sequence), 400);
      expect(error.error.message).toContain(field);
    }
  });
});
