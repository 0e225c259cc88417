import { replaceContactsStatements, type ContactFields } from "./contacts";
import { replaceAliasesStatements, takenAliases, type TakenAlias } from "./customerAliases";
import { readCustomer, readCustomerStatements, type Customer, type CustomerBasics, type CustomerStatus } from "./customers";
import { writeOrDiagnose, type WriteOutcome } from "./diagnosedWrite";
import { CYCLE_REFUSAL, parentLink, type HierarchyProblem, type ParentLink } from "./hierarchy";
import { Params } from "./params";
import { mintId, nowIso } from "../shared/ids";

/**
 * What POST and PUT /api/customers write (Sequence 2024-07-30's
 * CreateOrUpdateCustomerRequest). The optional ones left undefined stay as
 * they are on a replace (a create gives status ACTIVE and none of the others).
 */
export interface CustomerFields extends CustomerBasics {
  /** Replaces every contact the customer had. */
  contacts: ContactFields[];
  status?: CustomerStatus | undefined;
  /** Replaces every property the customer had. */
  customProperties?: Record<string, string> | undefined;
  /** Become exactly the customer's alias values. */
  aliases?: string[] | undefined;
  /** The customer becomes (or stays) a child of this one. */
  parentId?: string | undefined;
}

/** Why a customer write was refused whole: an alias value of another customer, or the hierarchy's rules. */
export type CustomerWriteProblem = ({ kind: "alias_taken" } & TakenAlias) | HierarchyProblem;

export type CustomerWriteOutcome<T> = WriteOutcome<T, CustomerWriteProblem>;

// The settable columns, in the order fieldParams() gives them.
const FIELD_COLUMNS = [
  "legal_name", "address_line1", "address_line2", "address_town", "address_state", "address_postcode", "address_country",
  "url", "label", "tax_status", "integration_ids",
] as const;

function fieldParams(fields: CustomerFields): (string | null)[] {
  const { address } = fields;
  return [
    fields.legalName, address.line1, address.line2, address.town, address.state, address.postcode, address.country,
    fields.url, fields.label, fields.taxStatus, JSON.stringify(fields.integrationIds),
  ];
}

/** Creates the customer with its contacts, aliases, properties and parent, all in one batch, or refuses it whole. */
export async function insertCustomer(db: D1Database, workspaceId: string, fields: CustomerFields): Promise<CustomerWriteOutcome<Customer>> {
  const { id, now } = mintId();
  const params = new Params([workspaceId, id]);
  const values = fieldParams(fields).map((value) => params.add(value));
  const status = params.add(fields.status ?? "ACTIVE");
  const at = params.add(now);
  const row = db
    .prepare(`INSERT INTO customers (workspace_id, id, ${FIELD_COLUMNS.join(", ")}, status, created_at, updated_at)
      VALUES (?1, ?2, ${values.join(", ")}, ${status}, ${at}, ${at})`)
    .bind(...params.values);
  // A create always reads its customer back (save() diagnoses otherwise).
  return save(db, workspaceId, id, fields, row, true) as Promise<CustomerWriteOutcome<Customer>>;
}

/**
 * Replaces the customer's fields and contacts (and the optional parts the
 * body gives) in one batch, or refuses it whole; the value is null when
 * there is no such customer in the workspace (nothing written).
 */
export async function replaceCustomer(
  db: D1Database,
  workspaceId: string,
  id: string,
  fields: CustomerFields,
): Promise<CustomerWriteOutcome<Customer | null>> {
  const params = new Params([workspaceId, id]);
  const values = fieldParams(fields);
  const assignments = FIELD_COLUMNS.map((column, index) => `${column} = ${params.add(values[index]!)}`);
  assignments.push(`status = coalesce(${params.add(fields.status ?? null)}, status)`, `updated_at = ${params.add(nowIso())}`);
  const row = db.prepare(`UPDATE customers SET ${assignments.join(", ")} WHERE workspace_id = ?1 AND id = ?2`).bind(...params.values);
  return save(db, workspaceId, id, fields, row, false);
}

/**
 * The customer's row write, then its contacts, aliases, properties and
 * parent link (each a no-op for a customer that is not there), then the
 * customer read back, as one batch.
 */
async function save(
  db: D1Database,
  workspaceId: string,
  id: string,
  fields: CustomerFields,
  row: D1PreparedStatement,
  isNew: boolean,
): Promise<CustomerWriteOutcome<Customer | null>> {
  const link: ParentLink | undefined = fields.parentId === undefined ? undefined : parentLink(db, workspaceId, fields.parentId, id, isNew);
  const writes = [
    row,
    ...replaceContactsStatements(db, workspaceId, id, fields.contacts, isNew),
    ...(fields.aliases ? replaceAliasesStatements(db, workspaceId, id, fields.aliases) : []),
    ...(fields.customProperties ? replacePropertiesStatements(db, workspaceId, id, fields.customProperties, isNew) : []),
    ...(link?.writes ?? []),
    ...readCustomerStatements(db, workspaceId, id),
  ];
  const diagnose = async (): Promise<CustomerWriteProblem[]> => [
    ...(fields.aliases ? await takenAliases(db, workspaceId, id, fields.aliases) : []).map((taken) => ({ kind: "alias_taken" as const, ...taken })),
    ...((await link?.problems()) ?? []),
  ];
  // A create always reads its customer back; a replace reads null when there was none.
  const read = (results: D1Result<unknown>[]) => (isNew ? (readCustomer(results) ?? undefined) : readCustomer(results));
  return writeOrDiagnose(db, writes, read, diagnose, [CYCLE_REFUSAL]);
}

/** The statements (?1 workspace, ?2 customer) that make `properties` the customer's custom properties (a new one has none to delete). */
function replacePropertiesStatements(
  db: D1Database,
  workspaceId: string,
  id: string,
  properties: Record<string, string>,
  isNew: boolean,
): D1PreparedStatement[] {
  return [
    ...(isNew ? [] : [db.prepare("DELETE FROM customer_properties WHERE workspace_id = ?1 AND customer_id = ?2").bind(workspaceId, id)]),
    db
      .prepare(
        `INSERT INTO customer_properties (workspace_id, customer_id, key, value)
         SELECT ?1, ?2, p.key, p.value FROM json_each(?3) AS p
          WHERE EXISTS (SELECT 1 FROM customers WHERE workspace_id = ?1 AND id = ?2)`,
      )
      .bind(workspaceId, id, JSON.stringify(properties)),
  ];
}
