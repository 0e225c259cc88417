import { mintId, nowIso } from "../shared/ids";

export type BillingPreference = "PRIMARY" | "STANDARD" | "NONE";

/** What a client sets on a contact. */
export interface ContactFields {
  name: string;
  email: string;
  billingPreference: BillingPreference;
}

export interface Contact extends ContactFields {
  id: string;
  customerId: string;
  createdAt: string;
  updatedAt: string;
  archivedAt: string | null;
}

export interface ContactRow {
  id: string;
  customer_id: string;
  name: string;
  email: string;
  billing_preference: BillingPreference;
  created_at: string;
  updated_at: string;
  archived_at: string | null;
}

export const CONTACT_COLUMNS = "id, customer_id, name, email, billing_preference, created_at, updated_at, archived_at";

export const toContact = (row: ContactRow): Contact => ({
  id: row.id,
  customerId: row.customer_id,
  name: row.name,
  email: row.email,
  billingPreference: row.billing_preference,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  archivedAt: row.archived_at,
});

/** The message of the trigger that keeps a customer's last active PRIMARY contact (migration 0011). */
const PRIMARY_REFUSAL = "customer_primary_contact_required";

const CUSTOMER_EXISTS = "EXISTS (SELECT 1 FROM customers WHERE workspace_id = ?1 AND id = ?2)";

/**
 * The statements (?1 workspace, ?2 customer) that make `contacts` the
 * customer's contacts, in that order, with new ids: every contact it had
 * goes, archived ones too, as Sequence's "replace all existing contacts"
 * says. Nothing happens for a customer that does not exist. `isNew`: the
 * batch creates the customer, so there is nothing to delete first.
 */
export function replaceContactsStatements(
  db: D1Database,
  workspaceId: string,
  customerId: string,
  contacts: ContactFields[],
  isNew: boolean,
): D1PreparedStatement[] {
  const rows = contacts.map((contact) => ({ ...contact, id: mintId().id }));
  return [
    ...(isNew ? [] : [db.prepare("DELETE FROM customer_contacts WHERE workspace_id = ?1 AND customer_id = ?2").bind(workspaceId, customerId)]),
    db
      .prepare(
        `INSERT INTO customer_contacts (workspace_id, id, customer_id, name, email, billing_preference, created_at, updated_at)
         SELECT ?1, c.value ->> '$.id', ?2, c.value ->> '$.name', c.value ->> '$.email', c.value ->> '$.billingPreference', ?4, ?4
           FROM json_each(?3) AS c
          WHERE ${CUSTOMER_EXISTS}
          ORDER BY c.key`,
      )
      .bind(workspaceId, customerId, JSON.stringify(rows), nowIso()),
  ];
}

/** The customer's contacts (archived ones when asked), in the order written; null when no such customer. */
export async function listContacts(
  db: D1Database,
  workspaceId: string,
  customerId: string,
  includeArchived: boolean,
): Promise<Contact[] | null> {
  const [customer, contacts] = await db.batch<unknown>([
    db.prepare(`SELECT ${CUSTOMER_EXISTS} AS found`).bind(workspaceId, customerId),
    db
      .prepare(
        `SELECT ${CONTACT_COLUMNS} FROM customer_contacts
          WHERE workspace_id = ?1 AND customer_id = ?2 AND (?3 OR archived_at IS NULL) ORDER BY rowid`,
      )
      .bind(workspaceId, customerId, includeArchived ? 1 : 0),
  ]);
  if (!(customer!.results[0] as { found: number }).found) return null;
  return (contacts!.results as ContactRow[]).map(toContact);
}

/** Adds a contact to the customer; null when no such customer. */
export async function addContact(db: D1Database, workspaceId: string, customerId: string, fields: ContactFields): Promise<Contact | null> {
  const { id, now } = mintId();
  const row = await db
    .prepare(
      `INSERT INTO customer_contacts (workspace_id, id, customer_id, name, email, billing_preference, created_at, updated_at)
       SELECT ?1, ?3, ?2, ?4, ?5, ?6, ?7, ?7 WHERE ${CUSTOMER_EXISTS}
       RETURNING ${CONTACT_COLUMNS}`,
    )
    .bind(workspaceId, customerId, id, fields.name, fields.email, fields.billingPreference, now)
    .first<ContactRow>();
  return row ? toContact(row) : null;
}

/** A contact changed, or why not: no such contact of that customer, or it is the customer's last active PRIMARY. */
export type ContactOutcome = { ok: true; contact: Contact } | { ok: false; reason: "not_found" | "last_primary" };

/** Replaces the contact's name, email and billing preference. */
export function replaceContact(
  db: D1Database,
  workspaceId: string,
  customerId: string,
  id: string,
  fields: ContactFields,
): Promise<ContactOutcome> {
  return changeContact(
    db.prepare(
      `UPDATE customer_contacts SET name = ?4, email = ?5, billing_preference = ?6, updated_at = ?7
        WHERE workspace_id = ?1 AND customer_id = ?2 AND id = ?3 RETURNING ${CONTACT_COLUMNS}`,
    ).bind(workspaceId, customerId, id, fields.name, fields.email, fields.billingPreference, nowIso()),
  );
}

/** Archives the contact; archiving again keeps the first time. */
export function archiveContact(db: D1Database, workspaceId: string, customerId: string, id: string): Promise<ContactOutcome> {
  return changeContact(
    db.prepare(
      `UPDATE customer_contacts
          SET updated_at = CASE WHEN archived_at IS NULL THEN ?4 ELSE updated_at END, archived_at = coalesce(archived_at, ?4)
        WHERE workspace_id = ?1 AND customer_id = ?2 AND id = ?3 RETURNING ${CONTACT_COLUMNS}`,
    ).bind(workspaceId, customerId, id, nowIso()),
  );
}

/** Runs one contact update; the keep-primary trigger refuses it whole. */
async function changeContact(update: D1PreparedStatement): Promise<ContactOutcome> {
  try {
    const row = await update.first<ContactRow>();
    return row ? { ok: true, contact: toContact(row) } : { ok: false, reason: "not_found" };
  } catch (error) {
    if (String(error).includes(PRIMARY_REFUSAL)) return { ok: false, reason: "last_primary" };
    throw error;
  }
}
