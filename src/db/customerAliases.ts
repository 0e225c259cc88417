import { isUniqueViolation } from "./constraints";
import { keysetPage, sortedTail, type SortedPage } from "./keyset";
import { Params } from "./params";
import { countRows } from "./rowCounts";
import { mintId, nowIso } from "../shared/ids";

/** An alias: a value (unique in the workspace) that names one customer. */
export interface CustomerAlias {
  id: string;
  workspaceId: string;
  customerId: string;
  value: string;
  label: string | null;
  createdAt: string;
}

interface AliasRow {
  id: string;
  workspace_id: string;
  customer_id: string;
  value: string;
  label: string | null;
  created_at: string;
}

const ALIAS_COLUMNS = "id, workspace_id, customer_id, value, label, created_at";

const toAlias = (row: AliasRow): CustomerAlias => ({
  id: row.id,
  workspaceId: row.workspace_id,
  customerId: row.customer_id,
  value: row.value,
  label: row.label,
  createdAt: row.created_at,
});

/** UNIQUE (workspace_id, value) of customer_aliases, as SQLite names it when refusing. */
const TAKEN = "customer_aliases.value";

/** An alias value that already names a customer. */
export interface TakenAlias {
  value: string;
  customerId: string;
}

/**
 * The statements (?1 workspace, ?2 customer) that make `values` exactly the
 * customer's aliases: values it keeps keep their row (id, label, time),
 * the others go, new ones are added. A value naming another customer fails
 * the batch (UNIQUE: the database decides, also between racing requests).
 * Nothing happens for a customer that does not exist.
 */
export function replaceAliasesStatements(db: D1Database, workspaceId: string, customerId: string, values: string[]): D1PreparedStatement[] {
  const rows = JSON.stringify(values.map((value) => ({ id: mintId().id, value })));
  return [
    db
      .prepare(
        `DELETE FROM customer_aliases
          WHERE workspace_id = ?1 AND customer_id = ?2 AND value NOT IN (SELECT value ->> '$.value' FROM json_each(?3))`,
      )
      .bind(workspaceId, customerId, rows),
    db
      .prepare(
        `INSERT INTO customer_aliases (workspace_id, id, customer_id, value, created_at)
         SELECT ?1, a.value ->> '$.id', ?2, a.value ->> '$.value', ?4 FROM json_each(?3) AS a
          WHERE EXISTS (SELECT 1 FROM customers WHERE workspace_id = ?1 AND id = ?2)
            AND NOT EXISTS (SELECT 1 FROM customer_aliases AS mine
              WHERE mine.workspace_id = ?1 AND mine.value = a.value ->> '$.value' AND mine.customer_id = ?2)
          ORDER BY a.key`,
      )
      .bind(workspaceId, customerId, rows, nowIso()),
  ];
}

/** Which of `values` name a customer other than `customerId` (after a refused batch, for the answer). */
export async function takenAliases(db: D1Database, workspaceId: string, customerId: string, values: string[]): Promise<TakenAlias[]> {
  const { results } = await db
    .prepare(
      `SELECT a.value, a.customer_id FROM json_each(?3) AS wanted
        CROSS JOIN customer_aliases AS a ON a.workspace_id = ?1 AND a.value = wanted.value
        WHERE a.customer_id <> ?2 ORDER BY wanted.key`,
    )
    .bind(workspaceId, customerId, JSON.stringify(values))
    .all<{ value: string; customer_id: string }>();
  return results.map((row) => ({ value: row.value, customerId: row.customer_id }));
}

export type CreateAliasOutcome =
  | { ok: true; alias: CustomerAlias }
  | { ok: false; reason: "customer_not_found" }
  | { ok: false; reason: "taken"; taken: TakenAlias };

/**
 * Gives the customer a new alias; refused when the customer is not there or
 * the value names a customer already (the UNIQUE index decides between
 * racing requests). A value freed again before its owner could be named is
 * simply tried once more.
 */
export async function createAlias(
  db: D1Database,
  workspaceId: string,
  customerId: string,
  value: string,
  label: string | null,
): Promise<CreateAliasOutcome> {
  for (let attempt = 1; ; attempt++) {
    const { id, now } = mintId();
    try {
      const row = await db
        .prepare(
          `INSERT INTO customer_aliases (workspace_id, id, customer_id, value, label, created_at)
           SELECT ?1, ?2, ?3, ?4, ?5, ?6 WHERE EXISTS (SELECT 1 FROM customers WHERE workspace_id = ?1 AND id = ?3) RETURNING ${ALIAS_COLUMNS}`,
        )
        .bind(workspaceId, id, customerId, value, label, now)
        .first<AliasRow>();
      return row ? { ok: true, alias: toAlias(row) } : { ok: false, reason: "customer_not_found" };
    } catch (error) {
      if (!isUniqueViolation(error, TAKEN) || attempt === 3) throw error;
      const [taken] = await takenAliases(db, workspaceId, "", [value]);
      if (taken) return { ok: false, reason: "taken", taken };
    }
  }
}

/** Sets the alias's label (null clears it); null when no such alias. */
export async function relabelAlias(db: D1Database, workspaceId: string, id: string, label: string | null): Promise<CustomerAlias | null> {
  const row = await db
    .prepare(`UPDATE customer_aliases SET label = ?3 WHERE workspace_id = ?1 AND id = ?2 RETURNING ${ALIAS_COLUMNS}`)
    .bind(workspaceId, id, label)
    .first<AliasRow>();
  return row ? toAlias(row) : null;
}

/** Deletes the alias (its value is free again) and returns it as it was; null when no such alias. */
export async function deleteAlias(db: D1Database, workspaceId: string, id: string): Promise<CustomerAlias | null> {
  const row = await db
    .prepare(`DELETE FROM customer_aliases WHERE workspace_id = ?1 AND id = ?2 RETURNING ${ALIAS_COLUMNS}`)
    .bind(workspaceId, id)
    .first<AliasRow>();
  return row ? toAlias(row) : null;
}

/** The customer's aliases in the order written (rowid: its index's order); null when no such customer. */
export async function aliasesOf(db: D1Database, workspaceId: string, customerId: string): Promise<CustomerAlias[] | null> {
  const [customer, aliases] = await db.batch<unknown>([
    db.prepare("SELECT EXISTS (SELECT 1 FROM customers WHERE workspace_id = ?1 AND id = ?2) AS found").bind(workspaceId, customerId),
    db
      .prepare(`SELECT ${ALIAS_COLUMNS} FROM customer_aliases WHERE workspace_id = ?1 AND customer_id = ?2 ORDER BY rowid`)
      .bind(workspaceId, customerId),
  ]);
  if (!(customer!.results[0] as { found: number }).found) return null;
  return (aliases!.results as AliasRow[]).map(toAlias);
}

/**
 * One page of the workspace's aliases in creation order (`page.direction`),
 * optionally only the one of a value, and the total, in one round trip:
 * the primary key walked from the cursor, the count kept by triggers.
 */
export async function listAliases(
  db: D1Database,
  workspaceId: string,
  value: string | undefined,
  page: SortedPage,
): Promise<{ items: CustomerAlias[]; hasMore: boolean; total: number }> {
  const filtered = new Params([workspaceId]);
  const where = value === undefined ? "" : `AND value = ${filtered.add(value)}`;
  const params = filtered.fork();
  const [rows, count] = await db.batch<unknown>([
    db
      .prepare(`SELECT ${ALIAS_COLUMNS} FROM customer_aliases WHERE workspace_id = ?1 ${where} ${sortedTail(["id"], page, params)}`)
      .bind(...params.values),
    where === ""
      ? countRows(db, workspaceId, "customer_aliases")
      : db.prepare(`SELECT COUNT(*) AS total FROM customer_aliases WHERE workspace_id = ?1 ${where}`).bind(...filtered.values),
  ]);
  const { items, hasMore } = keysetPage((rows!.results as AliasRow[]).map(toAlias), page);
  return { items, hasMore, total: (count!.results[0] as { total: number }).total };
}
