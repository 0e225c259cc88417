import { COLUMNS, toUser, type User, type UserRow } from "./users";

export interface UserFilter {
  /** Substring of the full name, email, phone or key, ignoring the case of ASCII letters. */
  search?: string | null | undefined;
  /** ISO 8601 UTC timestamp (ms precision); only users created strictly before it. */
  createdBefore?: string | undefined;
  /** Only these ids; an empty list matches no one. */
  ids?: string[] | undefined;
}

export interface UserPage {
  items: User[];
  hasMore: boolean;
  /**
   * Where the next page starts (after this id): the last item, or, when a
   * bounded scan stopped early, the last user it looked at.
   */
  resumeAfter: string | undefined;
}

/**
 * users_search's rowids: the workspace's rowid in the high 32 bits, the
 * user's in the low 32 (migration 0008), so a search reads only its own
 * workspace's entries.
 */
const LOW_32_BITS = 0xffffffff;

/** Trigram index hits (in the workspace) a search reads at most before it falls back to a bounded scan. */
export const SEARCH_CANDIDATES = 1000;
/** Users a bounded scan looks at per page. */
export const SCAN_WINDOW = 1000;

/**
 * One page of users in id (creation) order after `page.after`. Each filter
 * combination runs a statement whose cost is bounded by the page, the ids
 * given, SEARCH_CANDIDATES or SCAN_WINDOW, never by the workspace's size:
 * - ids: a primary key lookup per id (at most 500);
 * - no search: the keyset walk on the primary key;
 * - search of 3+ characters: the trigram index (users_search) yields the
 *   candidates (of a long term, those of a rare slice: see windowsOf),
 *   checked against the exact substring rule; when the term
 *   has more than SEARCH_CANDIDATES hits in the workspace, or is
 *   shorter than 3 characters, a bounded scan instead (see scanPage).
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

/** The filters over `users` as SQL, with their parameters numbered from ?1. */
interface Where {
  /** Everything but the search, joined with AND. */
  filters: string;
  /** The exact substring rule, when searching. */
  search: string | undefined;
  params: (string | number)[];
}

const SEARCHED = ["full_name", "email_address", "phone_number", "user_identity_key"];

function conditions(workspaceId: string, filter: UserFilter, after: string | undefined): Where {
  const params: (string | number)[] = [workspaceId];
  const clauses = ["workspace_id = ?1"];
  const param = (value: string | number) => `?${params.push(value)}`;
  if (after !== undefined) clauses.push(`id > ${param(after)}`);
  if (filter.ids !== undefined) clauses.push(`id IN (SELECT value FROM json_each(${param(JSON.stringify(filter.ids))}))`);
  if (filter.createdBefore !== undefined) {
    // created_at and the UUIDv7 id come from one clock reading (newRecord),
    // so the id bound holds for the same users and keeps the walk from
    // reading past them; created_at stays the rule.
    clauses.push(`id < ${param(idFloorOf(filter.createdBefore))}`, `created_at < ${param(filter.createdBefore)}`);
  }
  // instr() rather than LIKE: the text needs no escaping of % and _. SQLite's
  // lower() folds ASCII letters only, so the term is folded the same way.
  const text = filter.search ? param(filter.search.replace(/[A-Z]+/g, (letters) => letters.toLowerCase())) : undefined;
  const search = text && `(${SEARCHED.map((column) => `instr(lower(${column}), ${text})`).join(" OR ")})`;
  return { filters: clauses.join(" AND "), search, params };
}

const whereSql = (where: Where) => (where.search ? `${where.filters} AND ${where.search}` : where.filters);

/** The smallest UUIDv7 of the millisecond of `iso`: ids below it were minted before it. */
function idFloorOf(iso: string): string {
  const hex = new Date(iso).getTime().toString(16).padStart(12, "0");
  return `${hex.slice(0, 8)}-${hex.slice(8)}-0000-0000-000000000000`;
}

function finish(rows: UserRow[], limit: number): UserPage {
  const items = rows.slice(0, limit).map(toUser);
  return { items, hasMore: rows.length > limit, resumeAfter: items.at(-1)?.id };
}

/** The keyset walk: limit + 1 rows (or one lookup per listed id). */
async function walkPage(db: D1Database, where: Where, limit: number): Promise<UserPage> {
  const { results } = await db
    .prepare(`SELECT ${COLUMNS} FROM users WHERE ${whereSql(where)} ORDER BY id LIMIT ?${where.params.length + 1}`)
    .bind(...where.params, limit + 1)
    .all<UserRow>();
  return finish(results, limit);
}

/**
 * The page among the trigram index's hits, or null when the term has more
 * than SEARCH_CANDIDATES hits (the page could miss some). One statement:
 * the hits are read once (MATERIALIZED), counted, and joined to their users,
 * which the exact rule then filters (unless there are too many: that page
 * would be discarded); the LEFT JOIN keeps the count when no user of this
 * workspace is on the page. The hits are those of the first window of the
 * term with fewer than WINDOW_HITS hits, else of the whole term (see
 * windowsOf); the window's hits hold the whole term's, and are fewer than
 * SEARCH_CANDIDATES, so the answer and the choice of path stay the same.
 *
 * Each window is matched once: the rows its LIMITed match found are its
 * hits when it is rare (`rare`), and the whole term is then matched as the
 * empty phrase '""', which matches nothing at no cost. `LIMIT -1` keeps the
 * windows' subquery from being flattened into its WHERE, which would match
 * each window twice.
 */
async function indexedPage(db: D1Database, where: Where, search: string, limit: number): Promise<UserPage | null> {
  const n = where.params.length;
  const { results } = await db
    .prepare(
      `WITH part (low, high) AS (SELECT rowid << 32, (rowid << 32) | ${LOW_32_BITS} FROM workspaces WHERE id = ?1),
       rare (ids) AS MATERIALIZED (
         SELECT ids FROM (SELECT (SELECT json_group_array(rowid) FROM
                                    (SELECT rowid FROM users_search WHERE users_search MATCH window.value
                                        AND rowid BETWEEN (SELECT low FROM part) AND (SELECT high FROM part)
                                      LIMIT ?${n + 5})) AS ids
                            FROM json_each(?${n + 4}) AS window LIMIT -1)
          WHERE json_array_length(ids) < ?${n + 5} LIMIT 1),
       hits (rowid) AS MATERIALIZED (
         SELECT value FROM rare, json_each(rare.ids)
         UNION ALL
         SELECT rowid FROM (SELECT rowid FROM users_search
                             WHERE users_search MATCH (SELECT CASE WHEN EXISTS (SELECT 1 FROM rare) THEN '""' ELSE ?${n + 1} END)
                               AND rowid BETWEEN (SELECT low FROM part) AND (SELECT high FROM part)
                             LIMIT ?${n + 2} + 1)),
       page AS (SELECT users.* FROM hits CROSS JOIN users ON users.rowid = hits.rowid & ${LOW_32_BITS}
                 WHERE (SELECT count(*) FROM hits) <= ?${n + 2} AND ${whereSql(where)} ORDER BY id LIMIT ?${n + 3})
       SELECT (SELECT count(*) FROM hits) AS hits, ${COLUMNS.replace(/(\w+)/g, "page.$1")}
         FROM (SELECT 1) LEFT JOIN page ORDER BY page.id`,
    )
    .bind(...where.params, phraseOf(search), SEARCH_CANDIDATES, limit + 1, JSON.stringify(windowsOf(search).map(phraseOf)), WINDOW_HITS)
    .all<UserRow & { hits: number }>();
  if (results[0]!.hits > SEARCH_CANDIDATES) return null;
  return finish(results.filter((row) => row.id !== null), limit);
}

/** The FTS5 phrase of `search`: with the trigram tokenizer, its substrings in any one field (case folded). */
function phraseOf(search: string): string {
  return `"${search.replaceAll('"', '""')}"`;
}

/** Characters per window of a long term; windows start at least WINDOW_STEP apart, at most MAX_WINDOWS of them. */
const WINDOW = 8;
const WINDOW_STEP = 6;
const MAX_WINDOWS = 8;
/**
 * A window with fewer hits than this stands in for the whole term. Each
 * window looked at reads up to this many index rows (D1 bills them), so
 * it is small: a window shared by more users is passed over.
 */
export const WINDOW_HITS = 8;

/**
 * Overlapping slices of a term longer than WINDOW characters, spread from
 * its start to its end (the last one flush with the end); none for a
 * shorter term.
 *
 * Why: FTS5 matches a phrase by stepping through the list of rows of every
 * trigram in it, so a long term costs CPU time in proportion to how common
 * its commonest trigrams are (a 30-character key sharing a stem with every
 * user walks every user's entries), though it finds few rows. A window of
 * the term costs only its own trigrams; the first window that is rare
 * enough (counted with a LIMIT, so a common one stops early) yields the
 * candidates, and the exact rule removes rows that hold the window but not
 * the term. Any window is correct; the order only decides the cost.
 */
export function windowsOf(search: string): string[] {
  const chars = [...search];
  if (chars.length <= WINDOW) return [];
  const step = Math.max(WINDOW_STEP, Math.ceil((chars.length - WINDOW) / (MAX_WINDOWS - 1)));
  const starts: number[] = [];
  for (let start = 0; start + WINDOW < chars.length; start += step) starts.push(start);
  starts.push(chars.length - WINDOW);
  return starts.map((start) => chars.slice(start, start + WINDOW).join(""));
}

/**
 * Looks at the next SCAN_WINDOW users after the cursor and keeps those that
 * match. Bounded whatever the workspace's size, exact, but a page may hold
 * fewer than `limit` users (even none) while has_next_page is true: the
 * cursor then points at the last user looked at, and the next page goes on
 * from there. Rows outside the match carry only their id.
 */
async function scanPage(db: D1Database, where: Where, limit: number): Promise<UserPage> {
  const kept = COLUMNS.split(", ").filter((column) => column !== "id");
  const { results } = await db
    .prepare(
      `SELECT id, matched, ${kept.map((column) => `CASE WHEN matched THEN ${column} END AS ${column}`).join(", ")}
         FROM (SELECT *, ${where.search ?? "1"} AS matched FROM users
                WHERE ${where.filters} ORDER BY id LIMIT ?${where.params.length + 1})`,
    )
    .bind(...where.params, SCAN_WINDOW)
    .all<UserRow & { matched: number }>();
  const matched = results.filter((row) => row.matched);
  if (matched.length > limit || results.length < SCAN_WINDOW) return finish(matched, limit);
  return { items: matched.map(toUser), hasMore: true, resumeAfter: results.at(-1)!.id };
}
