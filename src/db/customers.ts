import { groupOrganizations, organizationRowsSql, organizationsOf, type CustomerOrganization } from "./organizations";
import { CONTACT_COLUMNS, toContact, type Contact, type ContactRow } from "./contacts";
import { nowIso } from "../shared/ids";

export type TaxStatus = "TAXED" | "TAX_EXEMPT" | "REVERSE_CHARGED";
export type CustomerStatus = "DRAFT" | "ACTIVE";

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

/** The customer's own fields, as written and as read. */
export interface CustomerBasics {
  legalName: string;
  address: Address;
  url: string | null;
  label: string | null;
  taxStatus: TaxStatus;
  integrationIds: IntegrationId[];
}

/** A customer as the list shows it: everything but its contacts. */
export interface ListedCustomer extends CustomerBasics {
  id: string;
  workspaceId: string;
  status: CustomerStatus;
  /** 2024-05-09's field, kept from before 0011; only GET /customers/by-alias/{alias} answers it. */
  telephone: string | null;
  customProperties: Record<string, string>;
  createdAt: string;
  updatedAt: string;
  archivedAt: string | null;
  /** The organizations it owns or belongs to, in creation order. */
  organizations: CustomerOrganization[];
}

export interface Customer extends ListedCustomer {
  /** Archived ones included, in the order they were written. */
  contacts: Contact[];
}

export interface CustomerRow {
  id: string;
  workspace_id: string;
  legal_name: string;
  address_line1: string;
  address_line2: string | null;
  address_town: string;
  address_state: string | null;
  address_postcode: string;
  address_country: string;
  url: string | null;
  label: string | null;
  tax_status: TaxStatus;
  integration_ids: string;
  status: CustomerStatus;
  telephone: string | null;
  /** A JSON object, read with the row (PROPERTIES_OF). */
  custom_properties: string;
  created_at: string;
  updated_at: string;
  archived_at: string | null;
}

/** The custom properties of customer `c` as a JSON object, keys in order. */
const PROPERTIES_OF = `(SELECT json_group_object(p.key, p.value) FROM customer_properties AS p
   WHERE p.workspace_id = c.workspace_id AND p.customer_id = c.id) AS custom_properties`;

/** The columns of a customer row read from `customers AS c`. */
export const CUSTOMER_COLUMNS = [
  "id", "workspace_id", "legal_name", "address_line1", "address_line2", "address_town", "address_state",
  "address_postcode", "address_country", "url", "label", "tax_status", "integration_ids", "status", "telephone",
  "created_at", "updated_at", "archived_at",
].map((column) => `c.${column}`).join(", ") + `, ${PROPERTIES_OF}`;

/** A row of CUSTOMER_COLUMNS with its organizations picked from `organizations`. */
export function toListedCustomer(row: CustomerRow, organizations: CustomerOrganization[]): ListedCustomer {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    legalName: row.legal_name,
    address: {
      line1: row.address_line1,
      line2: row.address_line2,
      town: row.address_town,
      state: row.address_state,
      postcode: row.address_postcode,
      country: row.address_country,
    },
    url: row.url,
    label: row.label,
    taxStatus: row.tax_status,
    integrationIds: JSON.parse(row.integration_ids) as IntegrationId[],
    status: row.status,
    telephone: row.telephone,
    customProperties: JSON.parse(row.custom_properties) as Record<string, string>,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    archivedAt: row.archived_at,
    organizations: organizationsOf(row.id, organizations),
  };
}

/** The customer ?2 names: its id. */
const BY_ID = "?2";
/** The customer ?2 names: an alias value. */
export const BY_ALIAS = "(SELECT a.customer_id FROM customer_aliases AS a WHERE a.workspace_id = ?1 AND a.value = ?2)";

/**
 * The statements (?1 workspace, ?2 per `which`) that read one customer
 * whole: its row, its contacts, the organizations it owns or belongs to.
 * Batched after a write, they read what the write left.
 */
export function readCustomerStatements(db: D1Database, workspaceId: string, key: string, which = BY_ID): D1PreparedStatement[] {
  const sql = [
    `SELECT ${CUSTOMER_COLUMNS} FROM customers AS c WHERE c.workspace_id = ?1 AND c.id = ${which}`,
    `SELECT ${CONTACT_COLUMNS} FROM customer_contacts WHERE workspace_id = ?1 AND customer_id = ${which} ORDER BY rowid`,
    organizationRowsSql(`customer (id) AS (SELECT ${which}),
      picked (id) AS (
        SELECT o.id FROM customer CROSS JOIN customer_organizations AS o ON o.workspace_id = ?1 AND o.owner_id = customer.id
        UNION
        SELECT m.organization_id FROM customer
          CROSS JOIN customer_organization_members AS m ON m.workspace_id = ?1 AND m.customer_id = customer.id)`),
  ];
  return sql.map((statement) => db.prepare(statement).bind(workspaceId, key));
}

/** The customer the last three results of readCustomerStatements() describe; null when absent. */
export function readCustomer(results: D1Result<unknown>[]): Customer | null {
  const [rows, contacts, organizations] = results.slice(-3);
  const row = rows!.results[0] as CustomerRow | undefined;
  if (!row) return null;
  const customer = toListedCustomer(row, groupOrganizations(organizations!.results));
  return { ...customer, contacts: (contacts!.results as ContactRow[]).map(toContact) };
}

/** The customer of `key` (an id, or an alias value with BY_ALIAS) in the workspace; null when none. */
export async function findCustomer(db: D1Database, workspaceId: string, key: string, which = BY_ID): Promise<Customer | null> {
  return readCustomer(await db.batch<unknown>(readCustomerStatements(db, workspaceId, key, which)));
}

/** Archives the customer (archiving again keeps the first time); null when absent. */
export async function archiveCustomer(db: D1Database, workspaceId: string, id: string): Promise<Customer | null> {
  return readCustomer(
    await db.batch<unknown>([
      db
        .prepare("UPDATE customers SET archived_at = ?3, updated_at = ?3 WHERE workspace_id = ?1 AND id = ?2 AND archived_at IS NULL")
        .bind(workspaceId, id, nowIso()),
      ...readCustomerStatements(db, workspaceId, id),
    ]),
  );
}

/** The workspace's distinct custom property keys, in order (one row read per key). */
export async function listCustomPropertyKeys(db: D1Database, workspaceId: string): Promise<string[]> {
  const { results } = await db
    .prepare("SELECT key FROM customer_property_keys WHERE workspace_id = ?1 ORDER BY key")
    .bind(workspaceId)
    .all<{ key: string }>();
  return results.map((row) => row.key);
}
