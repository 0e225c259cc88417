/**
 * Tables whose rows per workspace are counted by triggers
 * (migrations/0005_row_counts.sql, 0006_scale_free_reads.sql).
 */
export type CountedTable = "seat_metrics" | "users" | "customers" | "customer_organizations";

/**
 * The workspace's row count of a counted table, as a statement to batch
 * with a page query: one row read, whatever the table's size.
 */
export function countRows(db: D1Database, workspaceId: string, table: CountedTable): D1PreparedStatement {
  return db
    .prepare(
      "SELECT coalesce((SELECT row_count FROM row_counts WHERE workspace_id = ?1 AND table_name = ?2), 0) AS total",
    )
    .bind(workspaceId, table);
}
