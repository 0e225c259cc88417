import { keysetPage, sortedTail, type KeysetPage } from "./keyset";
import { Params } from "./params";
import { countRows } from "./rowCounts";

/*
 * Sequence's seat balances (migration 0014, docs/seat-ledger.md): per
 * customer and seat type the latest current seat event's total, kept by
 * triggers in seat_balances (and, with the customer hierarchy, in
 * customer_seat_rollups), so a page reads its customers and their own rows,
 * never the events, the assignments or the users behind them.
 */

export interface SeatBalance {
  seatType: string;
  total: number;
  changeTimestamp: string;
}

export interface CustomerSeatBalances {
  customerId: string;
  workspaceId: string;
  legalName: string;
  createdAt: string;
  aliases: string[];
  balances: SeatBalance[];
}

/** GET /api/seat-balances: each filter narrows the list. */
export interface BalanceFilters {
  customerIds?: string[] | undefined;
  /** Customers that own one of these alias values. */
  customerAliases?: string[] | undefined;
  /** Only customers whose balances do not sum to 0 (now). */
  excludeZeroQuantity: boolean;
  /** The balances as the current events up to this moment describe them (UTC ISO 8601). */
  at?: string | undefined;
  /** Each customer's balances with those of the customers below it in the hierarchy. */
  includeMembers: boolean;
}

interface BalanceRow {
  id: string;
  workspace_id: string;
  legal_name: string;
  created_at: string;
  aliases: string;
  balances: string;
}

/** Per seat type of the customer: its balance now, or what the latest current event up to ?at said. */
function balancesOf(filters: BalanceFilters, params: Params): string {
  const ordered = (select: string) => `(SELECT json_group_array(json(balance)) FROM (${select}))`;
  const balance = (total: string, time: string) => `json_object('seatType', b.seat_type, 'total', ${total}, 'changeTimestamp', ${time}) AS balance`;
  const own = "WHERE b.workspace_id = c.workspace_id AND b.customer_id = c.id ORDER BY b.seat_type";
  if (filters.at === undefined) {
    // includeMembers: the rollups of the customer's hierarchy, kept as balances are.
    const table = filters.includeMembers ? "customer_seat_rollups" : "seat_balances";
    return ordered(`SELECT ${balance("b.total", "b.change_timestamp")} FROM ${table} AS b ${own}`);
  }
  // A seat type's balance row exists from its first event on, so it lists every seat type an event could name;
  // each then costs one seek on seat_events_current_by_pair.
  const at = params.add(filters.at);
  return ordered(`SELECT ${balance("e.total", "e.event_timestamp")} FROM seat_balances AS b
    JOIN seat_events AS e ON e.rowid = (
      SELECT rowid FROM seat_events
       WHERE workspace_id = b.workspace_id AND customer_id = b.customer_id AND seat_type = b.seat_type
         AND superseded_by IS NULL AND event_timestamp <= ${at}
       ORDER BY event_timestamp DESC, seq DESC LIMIT 1)
    ${own}`);
}

/** FROM and WHERE of the filtered customers: walked on customers' key, or on the customers with seats. */
function customersOf(filters: BalanceFilters, params: Params): { from: string; where: string[]; key: string } {
  const json = (values: string[]) => params.add(JSON.stringify(values));
  const where: string[] = [];
  const from = filters.excludeZeroQuantity
    ? "customer_seat_summaries AS s JOIN customers AS c ON c.workspace_id = s.workspace_id AND c.id = s.customer_id"
    : "customers AS c";
  if (filters.excludeZeroQuantity) where.push("s.workspace_id = ?1", "s.total <> 0");
  else where.push("c.workspace_id = ?1");
  if (filters.customerIds) where.push(`c.id IN (SELECT value FROM json_each(${json(filters.customerIds)}))`);
  if (filters.customerAliases) {
    where.push(`c.id IN (SELECT customer_id FROM customer_aliases WHERE workspace_id = ?1 AND value IN (SELECT value FROM json_each(${json(filters.customerAliases)})))`);
  }
  return { from, where, key: filters.excludeZeroQuantity ? "s.customer_id" : "c.id" };
}

/**
 * One page of customers (in id order: creation order) with their balances,
 * aliases and the total: kept by triggers without customer filters, counted
 * over the at most 25 named customers (or their aliases') with them. Rows
 * read: the page's customers, their aliases and seat types (and, with `at`,
 * one event each).
 */
export async function listSeatBalances(
  db: D1Database,
  workspaceId: string,
  filters: BalanceFilters,
  page: KeysetPage,
): Promise<{ items: CustomerSeatBalances[]; hasMore: boolean; total: number }> {
  const params = new Params([workspaceId]);
  const { from, where, key } = customersOf(filters, params);
  const counted = params.fork();
  const balances = balancesOf(filters, params);
  const cursor = (id: string | undefined) => (id === undefined ? undefined : [id]);
  const tail = sortedTail([key], { limit: page.limit, direction: "ASC", after: cursor(page.after), before: cursor(page.before) }, params);
  // Not the (workspace, value) index, which serves ORDER BY value by reading every alias of the workspace.
  const aliases = `(SELECT json_group_array(value) FROM (SELECT value FROM customer_aliases INDEXED BY customer_aliases_by_customer
    WHERE workspace_id = c.workspace_id AND customer_id = c.id ORDER BY value))`;
  const filtered = filters.customerIds !== undefined || filters.customerAliases !== undefined;
  const [rows, count] = await db.batch<unknown>([
    db
      .prepare(
        `SELECT c.id, c.workspace_id, c.legal_name, c.created_at, ${aliases} AS aliases, ${balances} AS balances
           FROM ${from} WHERE ${where.join(" AND ")} ${tail}`,
      )
      .bind(...params.values),
    filtered
      ? db.prepare(`SELECT count(*) AS total FROM ${from} WHERE ${where.join(" AND ")}`).bind(...counted.values)
      : countRows(db, workspaceId, filters.excludeZeroQuantity ? "customers_with_seats" : "customers"),
  ]);
  const { items, hasMore } = keysetPage(rows!.results as BalanceRow[], page);
  return { items: items.map(toCustomerSeatBalances), hasMore, total: (count!.results[0] as { total: number }).total };
}

function toCustomerSeatBalances(row: BalanceRow): CustomerSeatBalances {
  return {
    customerId: row.id,
    workspaceId: row.workspace_id,
    legalName: row.legal_name,
    createdAt: row.created_at,
    aliases: JSON.parse(row.aliases) as string[],
    balances: JSON.parse(row.balances) as SeatBalance[],
  };
}
