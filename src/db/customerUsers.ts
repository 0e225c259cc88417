import { nowIso } from "../shared/ids";
import { keysetPage, sortedTail, type KeysetPage } from "./keyset";
import { Params } from "./params";
import { COLUMNS, toUser, type User, type UserRow } from "./users";

/*
 * Which customer a user belongs to (migration 0014, docs/seat-ledger.md):
 * at most one. Linking, unlinking and archiving move the user's seats
 * between customers' counts in the same statement (triggers), so the seat
 * balances follow at once.
 */

/** A user as a customer's users list shows it. */
export interface LinkedUser extends User {
  linkedAt: string;
}

/** Why a link request was refused as a whole; nothing was written. */
export type LinkRefusal =
  | { kind: "customer_not_found" }
  | { kind: "customer_archived" }
  | { kind: "unknown_users"; userIds: string[] }
  | { kind: "linked_elsewhere"; links: { userId: string; customerId: string }[] };

export interface LinkedUsersPage {
  items: LinkedUser[];
  hasMore: boolean;
  total: number;
}

interface VerdictRow {
  customer_state: "active" | "archived" | null;
  unknown_ids: string;
  taken: string;
}

// ?1 workspace, ?2 customer, ?3 the user ids as one JSON array (json_each:
// far below D1's bound-parameter limit), ?4 now. Read once for the answer
// and again as the guard of each write, in the same batch (one transaction).
const VERDICT = `WITH requested AS (SELECT DISTINCT value AS user_id FROM json_each(?3)),
verdict AS (
  SELECT
    (SELECT CASE WHEN archived_at IS NULL THEN 'active' ELSE 'archived' END FROM customers WHERE workspace_id = ?1 AND id = ?2)
      AS customer_state,
    (SELECT json_group_array(r.user_id) FROM requested AS r
      WHERE NOT EXISTS (SELECT 1 FROM users AS u WHERE u.workspace_id = ?1 AND u.id = r.user_id)) AS unknown_ids,
    (SELECT json_group_array(json_object('userId', l.user_id, 'customerId', l.customer_id)) FROM requested AS r
      CROSS JOIN customer_users AS l ON l.workspace_id = ?1 AND l.user_id = r.user_id WHERE l.customer_id <> ?2) AS taken
)`;

const ACCEPTED = "(SELECT customer_state = 'active' AND unknown_ids = '[]' AND taken = '[]' FROM verdict)";

/**
 * PUT: the customer's users left out are unlinked. By user id: a DELETE of
 * this WITHOUT ROWID table by customer alone walks every link of the workspace.
 */
const UNLINK_OTHERS = `${VERDICT}
DELETE FROM customer_users
 WHERE workspace_id = ?1 AND ${ACCEPTED}
   AND user_id IN (SELECT user_id FROM customer_users
     WHERE workspace_id = ?1 AND customer_id = ?2 AND user_id NOT IN (SELECT user_id FROM requested))`;

const LINK = `${VERDICT}
INSERT INTO customer_users (workspace_id, user_id, customer_id, linked_at)
SELECT ?1, r.user_id, ?2, ?4 FROM requested AS r WHERE ${ACCEPTED}
ON CONFLICT (workspace_id, user_id) DO NOTHING`;

/**
 * Links the users to the customer ("add": those linked already stay;
 * "replace": the customer's users become exactly these), all or nothing,
 * in one batch that also reads the first page of the customer's users.
 * Refused when the customer is unknown or archived, a user is unknown in
 * the workspace, or belongs to another customer.
 */
export async function linkUsers(
  db: D1Database,
  mode: "add" | "replace",
  workspaceId: string,
  customerId: string,
  userIds: string[],
  page: KeysetPage,
): Promise<{ ok: true; page: LinkedUsersPage } | { ok: false; reason: LinkRefusal }> {
  // D1 refuses more bindings than a statement numbers: only LINK uses ?4.
  const params = [workspaceId, customerId, JSON.stringify(userIds)];
  const writes = [
    ...(mode === "replace" ? [db.prepare(UNLINK_OTHERS).bind(...params)] : []),
    db.prepare(LINK).bind(...params, nowIso()),
  ];
  const listing = pageStatements(db, workspaceId, customerId, page);
  const results = await db.batch<unknown>([db.prepare(`${VERDICT} SELECT * FROM verdict`).bind(...params), ...writes, ...listing]);
  const refusal = refusalOf(results[0]!.results[0] as VerdictRow);
  if (refusal) return { ok: false, reason: refusal };
  return { ok: true, page: pageOf(results.slice(-2), page) };
}

/** One page of the customer's users in user-id order (creation order); null when there is no such customer. */
export async function listCustomerUsers(db: D1Database, workspaceId: string, customerId: string, page: KeysetPage): Promise<LinkedUsersPage | null> {
  const [customer, ...listing] = await db.batch<unknown>([
    db.prepare("SELECT 1 AS found FROM customers WHERE workspace_id = ?1 AND id = ?2").bind(workspaceId, customerId),
    ...pageStatements(db, workspaceId, customerId, page),
  ]);
  return customer!.results.length === 0 ? null : pageOf(listing, page);
}

/** The page (on customer_users_by_customer) and the customer's user count (its summary row). */
function pageStatements(db: D1Database, workspaceId: string, customerId: string, page: KeysetPage): D1PreparedStatement[] {
  const params = new Params([workspaceId, customerId]);
  const cursor = (id: string | undefined) => (id === undefined ? undefined : [id]);
  const tail = sortedTail(["l.user_id"], { limit: page.limit, direction: "ASC", after: cursor(page.after), before: cursor(page.before) }, params);
  const columns = COLUMNS.replace(/(\w+)/g, "u.$1");
  return [
    db
      .prepare(
        // Not the primary key's walk in user-id order, which the planner prefers and which reads every link of the workspace.
        `SELECT ${columns}, l.linked_at FROM customer_users AS l INDEXED BY customer_users_by_customer
           JOIN users AS u ON u.workspace_id = l.workspace_id AND u.id = l.user_id
          WHERE l.workspace_id = ?1 AND l.customer_id = ?2 ${tail}`,
      )
      .bind(...params.values),
    db
      .prepare("SELECT coalesce((SELECT users FROM customer_seat_summaries WHERE workspace_id = ?1 AND customer_id = ?2), 0) AS total")
      .bind(workspaceId, customerId),
  ];
}

function pageOf([rows, count]: D1Result<unknown>[], page: KeysetPage): LinkedUsersPage {
  const { items, hasMore } = keysetPage(rows!.results as (UserRow & { linked_at: string })[], page);
  return {
    items: items.map((row) => ({ ...toUser(row), linkedAt: row.linked_at })),
    hasMore,
    total: (count!.results[0] as { total: number }).total,
  };
}

function refusalOf(verdict: VerdictRow): LinkRefusal | undefined {
  if (verdict.customer_state === null) return { kind: "customer_not_found" };
  if (verdict.customer_state === "archived") return { kind: "customer_archived" };
  const unknown = JSON.parse(verdict.unknown_ids) as string[];
  if (unknown.length > 0) return { kind: "unknown_users", userIds: unknown };
  const taken = JSON.parse(verdict.taken) as { userId: string; customerId: string }[];
  if (taken.length > 0) return { kind: "linked_elsewhere", links: taken };
  return undefined;
}
