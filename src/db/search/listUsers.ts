import { Params } from "../params";
import { pageOf, whereSql, type UserPage, type Where } from "./page";
import { COLUMNS, toUser, type UserRow } from "../users";
import { indexedPage } from "./trigramIndex";

export interface UserFilter {
  /** Substring of the full name, email, phone or key, or the start of the id, ignoring the case of ASCII letters. */
  search?: string | null | undefined;
  /** ISO 8601 UTC timestamp (ms precision); only users created strictly before it. */
  createdBefore?: string | undefined;
  /** Only these ids; an empty list matches no one. */
  ids?: string[] | undefined;
}

/** Users a bounded scan looks at per page. */
export const SCAN_WINDOW = 10_000;

/**
 * One page of users in id (creation) order after `page.after`. Each filter
 * combination runs statements whose cost is bounded by the page, the ids
 * given, SEARCH_CANDIDATES or SCAN_WINDOW, never by the workspace's size:
 * - ids: a primary key lookup per id (at most 500);
 * - no search: the keyset walk on the primary key;
 * - search of 3+ characters: the trigram index yields the candidates,
 *   checked against the exact substring rule (./trigramIndex.ts);
 *   when the term has more than SEARCH_CANDIDATES hits in the workspace, or
 *   is shorter than 3 characters, a bounded scan instead (see scanPage).
 */
export async function listUsers(
  db: D1Database,
  workspaceId: string,
  filter: UserFilter,
  page: { limit: number; after?: string | undefined },
): Promise<UserPage> {
  const where = conditions(workspaceId, filter, page.after);
  if (filter.ids !== undefined || !filter.search) return walkPage(db, where, page.limit);
  if ([...filter.search].length >= 3) {
    const found = await indexedPage(db, where, filter.search, page.limit);
    if (found) return found;
  }
  return scanPage(db, where, page.limit);
}

const SEARCHED = ["full_name", "email_address", "phone_number", "user_identity_key"];

function conditions(workspaceId: string, filter: UserFilter, after: string | undefined): Where {
  const params = new Params([workspaceId]);
  const clauses = ["workspace_id = ?1"];
  const param = (value: string | number) => params.add(value);
  if (after !== undefined) clauses.push(`id > ${param(after)}`);
  if (filter.ids !== undefined) clauses.push(`id IN (SELECT value FROM json_each(${param(JSON.stringify(filter.ids))}))`);
  if (filter.createdBefore !== undefined) {
    // created_at and the UUIDv7 id come from one clock reading (mintId),
    // so the id bound holds for the same users and keeps the walk from
    // reading past them; created_at stays the rule.
    clauses.push(`id < ${param(idFloorOf(filter.createdBefore))}`, `created_at < ${param(filter.createdBefore)}`);
  }
  // instr() rather than LIKE: the text needs no escaping of % and _. SQLite's
  // lower() folds ASCII letters only, so the term is folded the same way.
  const text = filter.search ? param(filter.search.replace(/[A-Z]+/g, (letters) => letters.toLowerCase())) : undefined;
  // Seam's search also matches user_identity_id "partially": from its start, as it does a device_id.
  const search = text && `(instr(id, ${text}) = 1 OR ${SEARCHED.map((column) => `instr(lower(${column}), ${text})`).join(" OR ")})`;
  return { filters: clauses.join(" AND "), search, term: text, params };
}

/** The smallest UUIDv7 of the millisecond of `iso`: ids below it were minted before it. */
function idFloorOf(iso: string): string {
  const hex = new Date(iso).getTime().toString(16).padStart(12, "0");
  return `${hex.slice(0, 8)}-${hex.slice(8)}-0000-0000-000000000000`;
}

/** The keyset walk: limit + 1 rows (or one lookup per listed id). */
async function walkPage(db: D1Database, where: Where, limit: number): Promise<UserPage> {
  const params = where.params.fork();
  const { results } = await db
    .prepare(`SELECT ${COLUMNS} FROM users WHERE ${whereSql(where)} ORDER BY id LIMIT ${params.add(limit + 1)}`)
    .bind(...params.values)
    .all<UserRow>();
  return pageOf(results, limit);
}

/**
 * Looks at up to SCAN_WINDOW users after the cursor and keeps the first
 * limit + 1 that match, in one batch: the matches (SQLite stops reading at
 * the last it needs) and how far the window reaches. Bounded whatever the
 * workspace's size, exact, but a page may hold fewer than `limit` users
 * (even none) while has_next_page is true: the cursor then points at the
 * last user looked at, and the next page goes on from there.
 */
async function scanPage(db: D1Database, where: Where, limit: number): Promise<UserPage> {
  const window = (params: Params, columns: string) =>
    `SELECT ${columns} FROM users WHERE ${where.filters} ORDER BY id LIMIT ${params.add(SCAN_WINDOW)}`;
  const [matches, extent] = [where.params.fork(), where.params.fork()];
  const [found, reach] = await db.batch<unknown>([
    db.prepare(`SELECT * FROM (${window(matches, COLUMNS)}) WHERE ${where.search ?? "1"} ORDER BY id LIMIT ${matches.add(limit + 1)}`).bind(...matches.values),
    db.prepare(`SELECT count(*) AS scanned, max(id) AS last FROM (${window(extent, "id")})`).bind(...extent.values),
  ]);
  const rows = found!.results as UserRow[];
  const { scanned, last } = reach!.results[0] as { scanned: number; last: string | null };
  if (rows.length > limit || scanned < SCAN_WINDOW) return pageOf(rows, limit);
  return { items: rows.map(toUser), hasMore: true, resumeAfter: last! };
}
