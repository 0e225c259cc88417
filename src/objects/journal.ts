import type { SeatChange, SeatRefusal } from "../db/seatAssignments";
import { nowIso } from "../shared/ids";

/**
 * The object's own SQLite schema: an append-only list. Entry i runs once,
 * when the object first starts with code that has it (or, on a new object,
 * journals its first operation); never edit or reorder.
 */
const MIGRATIONS: readonly string[] = [
  // Which (workspace, product code) this object serves: one row, written by its first
  // operation on a product code that exists.
  `CREATE TABLE identity (
     singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
     workspace_id TEXT NOT NULL,
     product_code TEXT NOT NULL
   )`,
  // Every operation the object applied, in the order it applied them.
  `CREATE TABLE operations (
     seq INTEGER PRIMARY KEY,
     kind TEXT NOT NULL CHECK (kind IN ('assign', 'unassign')),
     user_ids TEXT NOT NULL,
     changed_ids TEXT NOT NULL,
     refusal TEXT,
     applied_at TEXT NOT NULL
   )`,
];

/** Journal entries kept; older ones are pruned (the journal is a record, D1 is the truth). */
export const JOURNAL_KEPT = 1000;

/** One applied operation: the users asked for, those it changed, or why it was refused. */
export interface JournalEntry {
  seq: number;
  kind: "assign" | "unassign";
  userIds: string[];
  changed: string[];
  refusal: SeatRefusal | null;
  appliedAt: string;
}

interface OperationRow extends Record<string, SqlStorageValue> {
  seq: number;
  kind: "assign" | "unassign";
  user_ids: string;
  changed_ids: string;
  refusal: string | null;
  applied_at: string;
}

/** Whether this storage was ever migrated: an object that journaled nothing keeps no tables. */
export function isMigrated(sql: SqlStorage): boolean {
  return sql.exec("SELECT 1 FROM sqlite_master WHERE name = '_migrations'").toArray().length > 0;
}

/** Applies the migrations this storage has not seen yet, in one transaction. */
export function migrate(storage: DurableObjectStorage): void {
  const { sql } = storage;
  storage.transactionSync(() => {
    sql.exec("CREATE TABLE IF NOT EXISTS _migrations (id INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)");
    const applied = sql.exec<{ n: number }>("SELECT coalesce(max(id), 0) AS n FROM _migrations").one().n;
    MIGRATIONS.slice(applied).forEach((statement, index) => {
      sql.exec(statement);
      sql.exec("INSERT INTO _migrations (id, applied_at) VALUES (?, ?)", applied + index + 1, nowIso());
    });
  });
}

/** The (workspace, product code) an object serves, once pinned. */
export type Identity = Pick<SeatChange, "workspaceId" | "productCode">;

/** The identity this storage was pinned to, if any. */
export function readIdentity(sql: SqlStorage): Identity | undefined {
  const row = sql.exec<{ workspace_id: string; product_code: string }>("SELECT workspace_id, product_code FROM identity").toArray()[0];
  return row && { workspaceId: row.workspace_id, productCode: row.product_code };
}

/**
 * Refuses a call for another (workspace, product code) than the one the
 * object was pinned to: a wrongly addressed call must never write another
 * product code's seats outside that product code's single writer.
 */
export function checkIdentity(pinned: Identity | undefined, change: Identity): void {
  if (pinned && (pinned.workspaceId !== change.workspaceId || pinned.productCode !== change.productCode)) {
    throw new Error(`SeatAssignments object of ${pinned.workspaceId}:${pinned.productCode} called for ${change.workspaceId}:${change.productCode}`);
  }
}

/** Pins the object to its (workspace, product code): once, on its first operation on an existing product code. */
export function pinIdentity(sql: SqlStorage, change: Identity): Identity {
  sql.exec("INSERT INTO identity (singleton, workspace_id, product_code) VALUES (1, ?, ?)", change.workspaceId, change.productCode);
  return { workspaceId: change.workspaceId, productCode: change.productCode };
}

/** Appends an applied operation and returns its sequence number (see pruneJournal). */
export function appendToJournal(sql: SqlStorage, entry: Omit<JournalEntry, "seq" | "appliedAt">): number {
  return sql
    .exec<{ seq: number }>(
      "INSERT INTO operations (kind, user_ids, changed_ids, refusal, applied_at) VALUES (?, ?, ?, ?, ?) RETURNING seq",
      entry.kind,
      JSON.stringify(entry.userIds),
      JSON.stringify(entry.changed),
      entry.refusal && JSON.stringify(entry.refusal),
      nowIso(),
    )
    .one().seq;
}

/** Keeps the last JOURNAL_KEPT entries up to `lastSeq`: once per group, not per entry. */
export function pruneJournal(sql: SqlStorage, lastSeq: number): void {
  sql.exec("DELETE FROM operations WHERE seq <= ?", lastSeq - JOURNAL_KEPT);
}

/** The journal after `afterSeq`, oldest first. */
export function readJournal(sql: SqlStorage, afterSeq: number, limit: number): JournalEntry[] {
  return sql
    .exec<OperationRow>("SELECT * FROM operations WHERE seq > ? ORDER BY seq LIMIT ?", afterSeq, limit)
    .toArray()
    .map((row) => ({
      seq: row.seq,
      kind: row.kind,
      userIds: JSON.parse(row.user_ids) as string[],
      changed: JSON.parse(row.changed_ids) as string[],
      refusal: row.refusal === null ? null : (JSON.parse(row.refusal) as SeatRefusal),
      appliedAt: row.applied_at,
    }));
}
