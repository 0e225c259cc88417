import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { findCustomer } from "../../../src/db/customers";
import { toLegacyCustomerWire } from "../../../src/resources/customers/aliasSchemas";
import { toCustomerWire } from "../../../src/resources/customers/schemas";

// Migration 0011 on customers written in the 2024-05-09 shape (by 0003):
// the migrations before it run on a spare database, old rows go in, then
// 0011 and whatever follows it run.
const db = () => env.MIGRATION_DB;
const FIRST_NEW = "0011";

const WS1 = "0193a0d0-0000-7000-8000-0000000000a1";
const WS2 = "0193a0d0-0000-7000-8000-0000000000a2";
const C1 = "0193a0d0-1000-7000-8000-000000000001";
const C2 = "0193a0d0-2000-7000-8000-000000000002";
const C3 = "0193a0d0-3000-7000-8000-000000000003";
const ORG = "0193a0d0-4000-7000-8000-000000000004";
const created = (id: string) => new Date(parseInt(id.replaceAll("-", "").slice(0, 12), 16)).toISOString();

/** A customer row as 0003 shaped them. */
function oldCustomer(workspace: string, id: string, fields: Record<string, unknown>): D1PreparedStatement {
  const row = {
    legal_name: "Customer", email: "x@example.com", contact_name: null, address_line1: "1 Main Street", address_line2: null,
    address_town: "London", address_state: null, address_postcode: "EC1A 1BB", address_country: "GB", billing_emails: "[]",
    telephone: null, url: null, label: null, tax_status: "TAXED", customer_aliases: "[]", integration_ids: "[]",
    created_at: created(id), updated_at: "2026-02-01T00:00:00.000Z", ...fields,
  };
  const columns = Object.keys(row);
  return db()
    .prepare(`INSERT INTO customers (workspace_id, id, ${columns.join(", ")}) VALUES (?1, ?2, ${columns.map((_, i) => `?${i + 3}`).join(", ")})`)
    .bind(workspace, id, ...Object.values(row));
}

beforeAll(async () => {
  const migrations = env.TEST_MIGRATIONS;
  await applyD1Migrations(db(), migrations.filter((migration) => migration.name < FIRST_NEW), "migrations_applied");
  await db().batch([
    db().prepare("INSERT INTO workspaces (id, name, created_at) VALUES (?1, 'one', 'now'), (?2, 'two', 'now')").bind(WS1, WS2),
    oldCustomer(WS1, C1, {
      legal_name: "Acme Inc", email: "ap@acme.example", contact_name: "Jo Bloggs",
      billing_emails: JSON.stringify(["inv@acme.example", "ap@acme.example"]),
      telephone: "+15555550100", url: "https://www.acme.example/", label: "gold", tax_status: "REVERSE_CHARGED",
      address_state: "ny", address_country: "US",
      customer_aliases: JSON.stringify(["acme", "shared", "acme"]),
      integration_ids: JSON.stringify([{ service: "xero", id: "1" }, { service: "crm", id: "42" }, { service: "Stripe", id: "cus_1" }]),
    }),
    oldCustomer(WS1, C2, {
      legal_name: "B Ltd", email: "b@b.example", address_state: "Greater London",
      customer_aliases: JSON.stringify(["b-own", "shared"]),
    }),
    oldCustomer(WS2, C3, { legal_name: "Elsewhere", customer_aliases: JSON.stringify(["shared"]) }),
    db().prepare("INSERT INTO customer_organizations (workspace_id, id, owner_id, created_at) VALUES (?1, ?2, ?3, 'now')").bind(WS1, ORG, C1),
    db()
      .prepare("INSERT INTO customer_organization_members (workspace_id, customer_id, organization_id, owner_id, created_at) VALUES (?1, ?2, ?3, ?4, 'now')")
      .bind(WS1, C2, ORG, C1),
  ]);
  await applyD1Migrations(db(), migrations, "migrations_applied");
});

const contact = (name: string, email: string, billingPreference: string, customerId: string) => ({
  id: expect.stringMatching(new RegExp(`^${customerId.slice(0, 8)}-${customerId.slice(9, 13)}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)),
  customerId,
  name,
  email,
  billingPreference,
  createdAt: created(customerId),
  updatedAt: "2026-02-01T00:00:00.000Z",
  archivedAt: null,
});

describe("migration 0011 on 2024-05-09 customers", () => {
  it("turns email and contactName into a PRIMARY contact and each billing email into a STANDARD one", async () => {
    const acme = (await findCustomer(db(), WS1, C1))!;
    expect(acme.contacts).toEqual([
      contact("Jo Bloggs", "ap@acme.example", "PRIMARY", C1),
      contact("inv@acme.example", "inv@acme.example", "STANDARD", C1),
      contact("ap@acme.example", "ap@acme.example", "STANDARD", C1),
    ]);
    // No contact name: the contact is named by the legal name.
    expect((await findCustomer(db(), WS1, C2))!.contacts).toEqual([contact("B Ltd", "b@b.example", "PRIMARY", C2)]);
  });

  it("keeps every other field, and the organizations, in the 2024-07-30 answer", async () => {
    const acme = toCustomerWire((await findCustomer(db(), WS1, C1))!);
    expect(acme).toMatchObject({
      id: C1,
      createdAt: created(C1),
      legalName: "Acme Inc",
      address: { line1: "1 Main Street", town: "London", state: "NY", postcode: "EC1A 1BB", country: "US" },
      url: "https://www.acme.example/",
      domain: "acme.example",
      label: "gold",
      taxStatus: "REVERSE_CHARGED",
      status: "ACTIVE",
      integrationIds: [
        { service: "Xero", id: "1", isPending: false },
        { service: "Stripe", id: "cus_1", isPending: false },
      ],
      customProperties: { legacyIntegrationIds: JSON.stringify([{ service: "crm", id: "42" }]) },
    });
    expect(acme).not.toHaveProperty("archivedAt");
    expect(acme.organizations).toEqual([{ id: ORG, owner: { id: C1, name: "Acme Inc" }, members: [{ id: C2, name: "B Ltd" }] }]);
  });

  it("reads back through GET /customers/by-alias in the 2024-05-09 shape as it was written", async () => {
    expect(toLegacyCustomerWire((await findCustomer(db(), WS1, C1))!)).toEqual({
      id: C1,
      createdAt: created(C1),
      legalName: "Acme Inc",
      contactName: "Jo Bloggs",
      address: { line1: "1 Main Street", town: "London", state: "NY", postcode: "EC1A 1BB", country: "US" },
      email: "ap@acme.example",
      telephone: "+15555550100",
      url: "https://www.acme.example/",
      label: "gold",
      integrationIds: [
        { service: "Xero", id: "1", isPending: false },
        { service: "Stripe", id: "cus_1", isPending: false },
      ],
      billingEmails: ["inv@acme.example", "ap@acme.example"],
      taxStatus: "REVERSE_CHARGED",
    });
  });

  it("makes aliases rows, one customer per value: the oldest keeps a shared value, the others keep it as a custom property", async () => {
    const aliases = async (workspace: string) =>
      (await db().prepare("SELECT customer_id, value FROM customer_aliases WHERE workspace_id = ?1 ORDER BY rowid").bind(workspace).all()).results;
    expect(await aliases(WS1)).toEqual([
      { customer_id: C1, value: "acme" },
      { customer_id: C1, value: "shared" },
      { customer_id: C2, value: "b-own" },
    ]);
    expect(await aliases(WS2)).toEqual([{ customer_id: C3, value: "shared" }]);
    expect((await findCustomer(db(), WS1, C2))!.customProperties).toEqual({
      legacyAddressState: "Greater London",
      legacyDuplicateAliases: '["shared"]',
    });
    expect((await findCustomer(db(), WS1, C2))!.address.state).toBeNull();
    expect((await findCustomer(db(), WS2, C3))!.customProperties).toEqual({});
  });

  it("starts the counts the lists and the property keys read", async () => {
    const counts = await db()
      .prepare("SELECT workspace_id, table_name, row_count FROM row_counts WHERE table_name IN ('customers', 'customer_aliases') ORDER BY 1, 2")
      .all();
    expect(counts.results).toEqual([
      { workspace_id: WS1, table_name: "customer_aliases", row_count: 3 },
      { workspace_id: WS1, table_name: "customers", row_count: 2 },
      { workspace_id: WS2, table_name: "customer_aliases", row_count: 1 },
      { workspace_id: WS2, table_name: "customers", row_count: 1 },
    ]);
    const keys = await db().prepare("SELECT key, customer_count FROM customer_property_keys WHERE workspace_id = ?1 ORDER BY key").bind(WS1).all();
    expect(keys.results).toEqual([
      { key: "legacyAddressState", customer_count: 1 },
      { key: "legacyDuplicateAliases", customer_count: 1 },
      { key: "legacyIntegrationIds", customer_count: 1 },
    ]);
  });

  it("leaves no helper behind and no 2024-05-09 column", async () => {
    const { results } = await db().prepare("SELECT name FROM sqlite_master WHERE name LIKE 'migration_0011%'").all();
    expect(results).toEqual([]);
    const columns = (await db().prepare("SELECT name FROM pragma_table_info('customers')").all<{ name: string }>()).results.map((c) => c.name);
    expect(columns).not.toContain("email");
    expect(columns).not.toContain("billing_emails");
    expect(columns).not.toContain("customer_aliases");
    expect(columns).toEqual(expect.arrayContaining(["status", "archived_at", "telephone"]));
  });
});
