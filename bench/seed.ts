/**
 * Seeds Seatkeeper's tables straight through its D1 binding (reached from
 * Node through the harness), far faster than the API. Rows are copies of a
 * template row that the real API (or a plain INSERT) made, so they hold
 * whatever columns the schema has; each copy gets a fresh UUIDv7-shaped id,
 * matching created_at/updated_at, and fresh values in every column that a
 * UNIQUE index covers or that holds an email or phone number.
 */

/** The slice of a D1 binding the bench uses (the harness hands it to Node). */
export interface SqlResult<T> {
  results: T[];
  meta: { rows_read: number; rows_written: number; changes: number; size_after?: number };
}
export interface SqlStatement {
  bind(...values: unknown[]): SqlStatement;
  all<T = Record<string, unknown>>(): Promise<SqlResult<T>>;
  run(): Promise<SqlResult<unknown>>;
  first<T = Record<string, unknown>>(): Promise<T | null>;
}
export interface SqlDb {
  prepare(sql: string): SqlStatement;
}

const CHUNK = 25_000;

// Every seeded row gets its own millisecond of a clock that starts 60 days
// back: ids, timestamps and unique values derive from it and never collide,
// and the rows sort before anything the API creates during the run.
let clock = Date.now() - 60 * 86_400_000;

export async function tableExists(db: SqlDb, table: string): Promise<boolean> {
  const row = await db.prepare("SELECT 1 AS found FROM sqlite_master WHERE type = 'table' AND name = ?1").bind(table).first();
  return row !== null;
}

export async function countRows(db: SqlDb, table: string, workspaceId: string): Promise<number> {
  const row = await db.prepare(`SELECT count(*) AS n FROM "${table}" WHERE workspace_id = ?1`).bind(workspaceId).first<{ n: number }>();
  return row?.n ?? 0;
}

/** The database's size in bytes, as D1 reports it after a statement (`meta.size_after`). */
export async function databaseBytes(db: SqlDb): Promise<number | undefined> {
  return (await db.prepare("SELECT 1").run()).meta.size_after;
}

/** Adds copies of the template until the workspace holds `target` rows of `table`; returns how many it added. */
export async function growTo(db: SqlDb, table: string, workspaceId: string, templateId: string, target: number): Promise<number> {
  const missing = target - (await countRows(db, table, workspaceId));
  if (missing > 0) await cloneRows(db, table, workspaceId, templateId, missing);
  return Math.max(0, missing);
}

/** Inserts `count` copies of the template row and returns their ids in creation order. */
export async function cloneRows(db: SqlDb, table: string, workspaceId: string, templateId: string, count: number): Promise<string[]> {
  const template = await db.prepare(`SELECT * FROM "${table}" WHERE workspace_id = ?1 AND id = ?2`).bind(workspaceId, templateId).first();
  if (!template) throw new Error(`no template row ${templateId} in ${table}`);
  const format = idFormat(templateId);
  const unique = await uniqueColumns(db, table);
  const columns = Object.keys(template);
  const exprs = columns.map((column) => columnExpr(column, template[column], unique.has(column), format));
  const sql = `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")})
    WITH RECURSIVE seq(n) AS (SELECT CAST(?3 AS INTEGER) UNION ALL SELECT n + 1 FROM seq WHERE n < ?4)
    SELECT ${exprs.join(", ")} FROM seq, (SELECT * FROM "${table}" WHERE workspace_id = ?1 AND id = ?2) AS t`;
  const first = clock;
  clock += count;
  for (let start = first; start < first + count; start += CHUNK) {
    const end = Math.min(start + CHUNK, first + count) - 1;
    await db.prepare(sql).bind(workspaceId, templateId, start, end).run();
  }
  const ids = await db
    .prepare(`SELECT id FROM "${table}" WHERE workspace_id = ?1 AND id BETWEEN ?2 AND ?3 ORDER BY id`)
    .bind(workspaceId, makeId(first, format), makeId(first + count - 1, format))
    .all<{ id: string }>();
  return ids.results.map((row) => row.id);
}

type IdFormat = "uuid" | "hex32" | "hex64";

function idFormat(templateId: string): IdFormat {
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(templateId)) return "uuid";
  if (/^[0-9a-f]{32}$/i.test(templateId)) return "hex32";
  // API key ids that name their workspace (src/auth/keys.ts); the clones' tags are not valid, which only seat changes read.
  if (/^[0-9a-f]{64}$/i.test(templateId)) return "hex64";
  throw new Error(`cannot derive fresh ids from template id '${templateId}'`);
}

// A UUIDv7 layout: the first 48 bits are the millisecond, so ids sort by the
// seeded clock exactly as the API's ids sort by creation time.
const ID_SQL: Record<IdFormat, string> = {
  uuid: "printf('%08x-%04x-7000-8000-%012x', seq.n >> 16, seq.n & 65535, seq.n)",
  hex32: "printf('%016x%016x', seq.n, seq.n)",
  hex64: "printf('%016x%016x%016x%016x', seq.n, seq.n, seq.n, seq.n)",
};

/** The id the SQL above gives the row of millisecond `ms` (to read a clone's ids back by range). */
function makeId(ms: number, format: IdFormat): string {
  const hex = (value: number, width: number) => value.toString(16).padStart(width, "0");
  if (format === "hex32") return hex(ms, 16) + hex(ms, 16);
  if (format === "hex64") return hex(ms, 16).repeat(4);
  return `${hex(Math.floor(ms / 65536), 8)}-${hex(ms % 65536, 4)}-7000-8000-${hex(ms, 12)}`;
}

function columnExpr(column: string, value: unknown, unique: boolean, format: IdFormat): string {
  const copy = `t."${column}"`;
  if (column === "workspace_id") return copy;
  if (column === "id") return ID_SQL[format];
  if (column === "created_at" || column === "updated_at") return "strftime('%Y-%m-%dT%H:%M:%fZ', seq.n / 1000.0, 'unixepoch')";
  if (typeof value !== "string") return unique && typeof value === "number" ? "seq.n" : copy;
  if (/^\+[1-9]\d{6,14}$/.test(value)) return "'+1' || printf('%010d', seq.n % 10000000000)";
  if (value.includes("@")) return `'b' || seq.n || '.' || ${copy}`;
  return unique ? `'b' || seq.n || '_' || ${copy}` : copy;
}

/** Columns covered by a UNIQUE index: by name, or mentioned in an expression index's SQL. */
async function uniqueColumns(db: SqlDb, table: string): Promise<Set<string>> {
  const named = await db
    .prepare(
      `SELECT ii.name AS column FROM pragma_index_list(?1) AS il, pragma_index_info(il.name) AS ii
        WHERE il."unique" = 1 AND ii.name IS NOT NULL`,
    )
    .bind(table)
    .all<{ column: string }>();
  const columns = await db.prepare("SELECT name FROM pragma_table_info(?1)").bind(table).all<{ name: string }>();
  const indexSql = await db
    .prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ?1 AND sql LIKE 'CREATE UNIQUE%'")
    .bind(table)
    .all<{ sql: string }>();
  const unique = new Set(named.results.map((row) => row.column));
  for (const { name } of columns.results) {
    if (indexSql.results.some((row) => new RegExp(`\\b${name}\\b`).test(row.sql))) unique.add(name);
  }
  unique.delete("workspace_id");
  unique.delete("id");
  return unique;
}
