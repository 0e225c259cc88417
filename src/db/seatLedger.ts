import { Params } from "./params";

/** Why a ledger entry was written (migration 0013). */
export type LedgerCause = "request" | "admin" | "user_deleted" | "migration" | "unattributed";

/** One change of who holds a seat of a product code. */
export interface LedgerEntry {
  /** The entry's place in its workspace's ledger, from 1. */
  seq: number;
  productCode: string;
  userId: string;
  direction: "assigned" | "unassigned";
  at: string;
  /** The request that made the change (for a cascade, the request whose write caused it). */
  requestId: string | null;
  keyId: string | null;
  cause: LedgerCause;
}

export interface LedgerFilters {
  productCode?: string | undefined;
  userId?: string | undefined;
  /** Entries at or after this time (ISO 8601, UTC). */
  from?: string | undefined;
  /** Entries before this time. */
  to?: string | undefined;
}

export interface LedgerRow {
  seq: number;
  product_code: string;
  user_id: string;
  direction: LedgerEntry["direction"];
  at: string;
  request_id: string | null;
  key_id: string | null;
  cause: LedgerCause;
}

/**
 * The first entry at or after time `param`, by seq: `at` never decreases
 * with seq (the ledger's triggers), so the time index's first match is it.
 */
const FIRST_AT_OR_AFTER = (param: string) =>
  `(SELECT seq FROM seat_ledger WHERE workspace_id = ?1 AND at >= ${param} ORDER BY at, seq LIMIT 1)`;

/**
 * One page of the workspace's ledger in the order written, after the entry
 * `after` (a seq). A time range becomes a range of seq (two index seeks),
 * so a page reads at most limit + 1 entries of the filter's index (product
 * code, else user), whatever the ledger holds.
 */
export async function listLedger(
  db: D1Database,
  workspaceId: string,
  filters: LedgerFilters,
  page: { limit: number; after: number },
): Promise<{ items: LedgerEntry[]; hasMore: boolean }> {
  const params = new Params([workspaceId]);
  const where = [`seq > ${params.add(page.after)}`];
  if (filters.productCode !== undefined) where.push(`product_code = ${params.add(filters.productCode)}`);
  if (filters.userId !== undefined) where.push(`user_id = ${params.add(filters.userId)}`);
  // No entry at or after `from`: nothing in range (NULL compares false).
  if (filters.from !== undefined) where.push(`seq >= ${FIRST_AT_OR_AFTER(params.add(filters.from))}`);
  if (filters.to !== undefined) where.push(`seq < coalesce(${FIRST_AT_OR_AFTER(params.add(filters.to))}, 9223372036854775807)`);
  const { results } = await db
    .prepare(
      `SELECT seq, product_code, user_id, direction, at, request_id, key_id, cause FROM seat_ledger
        WHERE workspace_id = ?1 AND ${where.join(" AND ")} ORDER BY seq LIMIT ${params.add(page.limit + 1)}`,
    )
    .bind(...params.values)
    .all<LedgerRow>();
  return { items: results.slice(0, page.limit).map(toLedgerEntry), hasMore: results.length > page.limit };
}

export function toLedgerEntry(row: LedgerRow): LedgerEntry {
  return {
    seq: row.seq,
    productCode: row.product_code,
    userId: row.user_id,
    direction: row.direction,
    at: row.at,
    requestId: row.request_id,
    keyId: row.key_id,
    cause: row.cause,
  };
}
