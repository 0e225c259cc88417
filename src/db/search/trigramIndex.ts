import { pageOf, whereSql, type UserPage, type Where } from "./page";
import { COLUMNS, type UserRow } from "../users";

/**
 * Search through users_search, the FTS5 trigram index over each user's key,
 * email, phone and name (migrations 0006, 0008, 0009). Every answer is
 * checked against the exact substring rule in `where`, so the index only
 * ever decides which users are read, never what the answer is.
 */

/** Trigram index hits (in the workspace) a search reads at most before it falls back to a bounded scan. */
export const SEARCH_CANDIDATES = 1000;

/**
 * A window with fewer hits than this stands in for the whole term. Each
 * window looked at reads up to this many index rows (D1 bills them), so
 * it is small: a window shared by more users is passed over.
 */
export const WINDOW_HITS = 8;

/**
 * The page among the index's hits for `search` (3+ characters), or null
 * when the term has more than SEARCH_CANDIDATES hits (the page could miss
 * some). A long term is looked up by its first rare window when it has one
 * (see windowsOf), else as a whole: the window's hits hold the term's and
 * are fewer than SEARCH_CANDIDATES, so the answer and the path are the same
 * either way. Each is its own statement: SQLite prepares a statement for
 * every D1 query, and one statement serving both ways cost twice the time
 * of either.
 */
export async function indexedPage(db: D1Database, where: Where, search: string, limit: number): Promise<UserPage | null> {
  const windows = windowsOf(search);
  if (windows.length > 0) {
    const found = await rareWindowPage(db, where, windows, limit);
    if (found) return found;
  }
  return phrasePage(db, where, search, limit);
}

/**
 * The workspace's partition of users_search, read from migration 0009's
 * `search_partitions` (the workspace id is ?1 of `where`): its range of
 * rowids (the workspace's rowid in the high 32 bits, the user's in the low
 * 32, migration 0008), so a search starts at its own workspace's entries,
 * and its mark, which starts each of its indexed values. Read in SQL, not
 * made in the Worker, so a statement needs only the workspace id, which the
 * key gate may bind for a key the Worker has not seen yet (src/db/keyGate.ts).
 */
const PARTITION = "own_partition AS MATERIALIZED (SELECT low, high, mark FROM search_partitions WHERE workspace_id = ?1)";
const IN_PARTITION = "rowid BETWEEN (SELECT low FROM own_partition) AND (SELECT high FROM own_partition)";
const LOW_32_BITS = 0xffffffff;

/**
 * The statement's answer: `counted`, then the users among `hits` (a CTE of
 * index rowids) that pass every filter, in id order, with those whose id
 * starts with the term (the index holds no ids: a range of the primary key,
 * up to the term followed by 'g', which sorts after every character of a
 * lower-case UUID, walked in id order, so the page's first `limit` suffice); the
 * LEFT JOIN keeps the count when no user is on the page (one row, its user
 * columns null).
 */
function answerSql(where: Where, counted: string, limit: string, guard = "1"): string {
  const firstKept = `${guard} AND ${whereSql(where)} ORDER BY id LIMIT ${limit}`;
  return `page AS (
    SELECT * FROM (SELECT users.* FROM hits CROSS JOIN users ON users.rowid = hits.rowid & ${LOW_32_BITS} WHERE ${firstKept})
    UNION SELECT * FROM (SELECT * FROM users WHERE id BETWEEN ${where.term} AND ${where.term} || 'g' AND ${firstKept})
    ORDER BY id LIMIT ${limit})
  SELECT ${counted} AS counted, ${COLUMNS.replace(/(\w+)/g, "page.$1")} FROM (SELECT 1) LEFT JOIN page ORDER BY page.id`;
}

type CountedRow = UserRow & { counted: number };
const usersOf = (rows: CountedRow[]) => rows.filter((row) => row.id !== null);

/**
 * The page among the hits of the first window with fewer than WINDOW_HITS
 * hits, or null when no window is that rare. Each window's match is
 * LIMITed (a common one stops early) and read once: its rows are the hits
 * when it is rare. `LIMIT -1` keeps the windows' subquery from being
 * flattened into its WHERE, which would match each window twice.
 */
async function rareWindowPage(db: D1Database, where: Where, windows: string[], limit: number): Promise<UserPage | null> {
  const params = where.params.fork();
  const phrases = params.add(JSON.stringify(windows.map(phraseOf)));
  const rareBelow = params.add(WINDOW_HITS);
  const { results } = await db
    .prepare(
      `WITH ${PARTITION},
       rare (ids) AS MATERIALIZED (
         SELECT ids FROM (
           SELECT (SELECT json_group_array(rowid) FROM (SELECT rowid FROM users_search
             WHERE users_search MATCH ${inWorkspace("window.value")} AND ${IN_PARTITION} LIMIT ${rareBelow})) AS ids
           FROM json_each(${phrases}) AS window LIMIT -1)
         WHERE json_array_length(ids) < ${rareBelow} LIMIT 1),
       hits (rowid) AS (SELECT value FROM rare, json_each(rare.ids)),
       ${answerSql(where, "(SELECT count(*) FROM rare)", params.add(limit + 1))}`,
    )
    .bind(...params.values)
    .all<CountedRow>();
  if (results[0]!.counted === 0) return null;
  return pageOf(usersOf(results), limit);
}

/** The page among the whole term's hits, or null when there are more than SEARCH_CANDIDATES. */
async function phrasePage(db: D1Database, where: Where, search: string, limit: number): Promise<UserPage | null> {
  const params = where.params.fork();
  const phrase = params.add(phraseOf(search));
  const candidates = params.add(SEARCH_CANDIDATES);
  const { results } = await db
    .prepare(
      `WITH ${PARTITION},
       hits (rowid) AS MATERIALIZED (SELECT rowid FROM users_search
         WHERE users_search MATCH ${inWorkspace(phrase)} AND ${IN_PARTITION} LIMIT ${candidates} + 1),
       ${answerSql(where, "(SELECT count(*) FROM hits)", params.add(limit + 1), `(SELECT count(*) FROM hits) <= ${candidates}`)}`,
    )
    .bind(...params.values)
    .all<CountedRow>();
  if (results[0]!.counted > SEARCH_CANDIDATES) return null;
  return pageOf(usersOf(results), limit);
}

/** The FTS5 phrase of `search`: with the trigram tokenizer, its substrings in any one field (case folded). */
function phraseOf(search: string): string {
  return `"${search.replaceAll('"', '""')}"`;
}

/**
 * An FTS5 query (SQL) for the phrase `phrase` (SQL) within the workspace:
 * NEAR its mark. FTS5 tests a rowid upper bound only after a match, so a
 * bare phrase walked on through later workspaces' entries after this
 * workspace's last match; a NEAR group stops as soon as one of its trigrams
 * runs out, and the mark's run out at the end of the workspace.
 */
function inWorkspace(phrase: string): string {
  return `('NEAR("' || (SELECT mark FROM own_partition) || '" ' || ${phrase} || ', ${MARK_DISTANCE})')`;
}

/** Trigrams from the mark to anywhere in a value: more than any value has (a request body is at most 1 MiB). */
const MARK_DISTANCE = 1_048_576;

/** Characters per window of a long term; windows start at least WINDOW_STEP apart, at most MAX_WINDOWS of them. */
const WINDOW = 8;
const WINDOW_STEP = 6;
const MAX_WINDOWS = 8;

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
