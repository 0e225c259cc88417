/**
 * Row counts per workspace kept by triggers (migrations/0005_row_counts.sql,
 * 0006_scale_free_reads.sql, 0011, 0014): tables, `customers_archived`, the
 * customers with an archivedAt, `customers_with_seats`, those whose seat
 * balances do not sum to 0, and `seat_events`, the current seat events.
 */
export type CountedTable =
  | "seat_metrics"
  | "users"
  | "customers"
  | "customer_organizations"
  | "customer_aliases"
  | "customers_archived"
  | "customers_with_seats"
  | "seat_events";

const COUNT = (param: string) => `coalesce((SELECT row_count FROM row_counts WHERE workspace_id = ?1 AND table_name = ${param}), 0)`;

/**
 * The workspace's row count of a counted table, as a statement to batch
 * with a page query: one row read, whatever the table's size.
 */
export function countRows(db: D1Database, workspaceId: string, table: CountedTable): D1PreparedStatement {
  return db.prepare(`SELECT ${COUNT("?2")} AS total`).bind(workspaceId, table);
}

/** One count less another (customers less the archived ones): two rows read. */
export function countRowsLess(db: D1Database, workspaceId: string, table: CountedTable, less: CountedTable): D1PreparedStatement {
  return db.prepare(`SELECT ${COUNT("?2")} - ${COUNT("?3")} AS total`).bind(workspaceId, table, less);
}
