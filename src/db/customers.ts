import { keysetPage, keysetTail, type KeysetPage } from "./keyset";
import { Params } from "./params";
import { mintId, nowIso } from "../shared/ids";
import { countRows } from "./rowCounts";
import { groupOrganizations, organizationRowsSql, organizationsOf, type CustomerOrganization } from "./organizations";

export type TaxStatus = "TAXED" | "TAX_EXEMPT" | "REVERSE_CHARGED";

export interface Address {
  line1: string;
  line2: string | null;
  town: string;
  state: string | null;
  postcode: string;
  country: string;
}

/** A customer's id in another system (Xero, Stripe, ...). */
export interface IntegrationId {
  service: string;
  id: string;
}

/** What a client sets on a customer (create and replace). */
export interface CustomerFields {
  legalName: string;
  email: string;
  contactName: string | null;
  address: Address;
  billingEmails: string[];
  telephone: string | null;
  url: string | null;
  label: string | null;
  taxStatus: TaxStatus;
  customerAliases: string[];
  integrationIds: IntegrationId[];
}

export interface Customer extends CustomerFields {
  id: string;
  workspaceId: string;
  createdAt: string;
  updatedAt: string;
  /** The organizations it owns or belongs to, in creation order. */
  organizations: CustomerOrganization[];
}

export interface CustomerFilters {
  legalName?: string | undefined;
  email?: string | undefined;
}

interface CustomerRow {
  id: string;
  workspace_id: string;
  legal_name: string;
  email: string;
  contact_name: string | null;
  address_line1: string;
  address_line2: string | null;
  address_town: string;
  address_state: string | null;
  address_postcode: string;
  address_country: string;
  billing_emails: string;
  telephone: string | null;
  url: string | null;
  label: string | null;
  tax_status: TaxStatus;
  customer_aliases: string;
  integration_ids: string;
  created_at: string;
  updated_at: string;
}

// The settable columns, in the order fieldParams() binds them (from ?3 on).
const FIELD_COLUMNS = [
  "legal_name", "email", "contact_name", "address_line1", "address_line2", "address_town", "address_state",
  "address_postcode", "address_country", "billing_emails", "telephone", "url", "label", "tax_status",
  "customer_aliases", "integration_ids",
] as const;
const COLUMNS = `id, workspace_id, ${FIELD_COLUMNS.join(", ")}, created_at, updated_at`;

function fieldParams(fields: CustomerFields): (string | null)[] {
  const { address } = fields;
  return [
    fields.legalName, fields.email, fields.contactName, address.line1, address.line2, address.town, address.state,
    address.postcode, address.country, JSON.stringify(fields.billingEmails), fields.telephone, fields.url, fields.label,
    fields.taxStatus, JSON.stringify(fields.customerAliases), JSON.stringify(fields.integrationIds),
  ];
}

const toCustomer = (row: CustomerRow, organizations: CustomerOrganization[]): Customer => ({
  id: row.id,
  workspaceId: row.workspace_id,
  legalName: row.legal_name,
  email: row.email,
  contactName: row.contact_name,
  address: {
    line1: row.address_line1,
    line2: row.address_line2,
    town: row.address_town,
    state: row.address_state,
    postcode: row.address_postcode,
    country: row.address_country,
  },
  billingEmails: JSON.parse(row.billing_emails) as string[],
  telephone: row.telephone,
  url: row.url,
  label: row.label,
  taxStatus: row.tax_status,
  customerAliases: JSON.parse(row.customer_aliases) as string[],
  integrationIds: JSON.parse(row.integration_ids) as IntegrationId[],
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  organizations: organizationsOf(row.id, organizations),
});

/** The organizations that customer ?2 owns or belongs to. */
const ORGANIZATIONS_OF_ONE = organizationRowsSql(`picked (id) AS (
  SELECT id FROM customer_organizations WHERE workspace_id = ?1 AND owner_id = ?2
  UNION
  SELECT organization_id FROM customer_organization_members WHERE workspace_id = ?1 AND customer_id = ?2)`);

export async function insertCustomer(db: D1Database, workspaceId: string, fields: CustomerFields): Promise<Customer> {
  const { id, now } = mintId();
  const params = new Params([id, workspaceId]);
  const values = fieldParams(fields).map((value) => params.add(value));
  const at = params.add(now);
  const row = await db
    .prepare(`INSERT INTO customers (${COLUMNS}) VALUES (?1, ?2, ${values.join(", ")}, ${at}, ${at}) RETURNING ${COLUMNS}`)
    .bind(...params.values)
    .first<CustomerRow>();
  return toCustomer(row!, []);
}

export async function findCustomer(db: D1Database, workspaceId: string, id: string): Promise<Customer | null> {
  const [rows, organizations] = await db.batch<unknown>([
    db.prepare(`SELECT ${COLUMNS} FROM customers WHERE workspace_id = ?1 AND id = ?2`).bind(workspaceId, id),
    db.prepare(ORGANIZATIONS_OF_ONE).bind(workspaceId, id),
  ]);
  return withOrganizations(rows!, organizations!);
}

/** The customer of a one-row result with its organizations; null when the row is absent. */
function withOrganizations(rows: D1Result<unknown>, organizations: D1Result<unknown>): Customer | null {
  const row = rows.results[0] as CustomerRow | undefined;
  return row ? toCustomer(row, groupOrganizations(organizations.results)) : null;
}

/** Replaces every settable field; null when no such customer in the workspace. */
export async function replaceCustomer(
  db: D1Database,
  workspaceId: string,
  id: string,
  fields: CustomerFields,
): Promise<Customer | null> {
  const params = new Params([workspaceId, id]);
  const values = fieldParams(fields);
  const assignments = FIELD_COLUMNS.map((column, index) => `${column} = ${params.add(values[index]!)}`).join(", ");
  const updatedAt = params.add(nowIso());
  const [rows, organizations] = await db.batch<unknown>([
    db
      .prepare(`UPDATE customers SET ${assignments}, updated_at = ${updatedAt} WHERE workspace_id = ?1 AND id = ?2 RETURNING ${COLUMNS}`)
      .bind(...params.values),
    db.prepare(ORGANIZATIONS_OF_ONE).bind(workspaceId, id),
  ]);
  return withOrganizations(rows!, organizations!);
}

/**
 * One page in creation order with its organizations, and the total matching
 * the filters, in one round trip. Each filter is an exact match (email
 * case-insensitively) served by its index.
 */
export async function listCustomers(
  db: D1Database,
  workspaceId: string,
  filters: CustomerFilters,
  page: KeysetPage,
): Promise<{ items: Customer[]; hasMore: boolean; total: number }> {
  const filtered = new Params([workspaceId]);
  const where = filterSql(filters, filtered);
  const params = filtered.fork();
  const pageSql = `SELECT ${COLUMNS} FROM customers WHERE workspace_id = ?1 ${where} ${keysetTail(page, params)}`;
  const [rows, count, organizations] = await db.batch<unknown>([
    db.prepare(pageSql).bind(...params.values),
    // Unfiltered: the trigger-kept count; filtered: the filter's own index, read as far as it matches.
    where === ""
      ? countRows(db, workspaceId, "customers")
      : db.prepare(`SELECT COUNT(*) AS total FROM customers WHERE workspace_id = ?1 ${where}`).bind(...filtered.values),
    db.prepare(organizationRowsSql(`page AS (${pageSql}),
      picked (id) AS (
        SELECT o.id FROM page CROSS JOIN customer_organizations AS o ON o.workspace_id = ?1 AND o.owner_id = page.id
        UNION
        SELECT m.organization_id FROM page
          CROSS JOIN customer_organization_members AS m ON m.workspace_id = ?1 AND m.customer_id = page.id)`)).bind(...params.values),
  ]);
  const all = groupOrganizations(organizations!.results);
  const { items, hasMore } = keysetPage(rows!.results as CustomerRow[], page);
  return {
    items: items.map((row) => toCustomer(row, all)),
    hasMore,
    total: (count!.results[0] as { total: number }).total,
  };
}

/** The filters as `AND ...` clauses, their parameters added to `params`; "" for none. */
function filterSql(filters: CustomerFilters, params: Params): string {
  const clauses: string[] = [];
  if (filters.legalName !== undefined) clauses.push(`AND legal_name = ${params.add(filters.legalName)}`);
  if (filters.email !== undefined) clauses.push(`AND email = ${params.add(filters.email)}`);
  return clauses.join(" ");
}
