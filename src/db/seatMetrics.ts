import { keysetPage, keysetTail, type KeysetPage } from "./keyset";
import { Params } from "./params";
import { mintId, nowIso } from "../shared/ids";
import { countRows } from "./rowCounts";

export interface SeatMetric {
  id: string;
  workspaceId: string;
  seatType: string;
  label: string;
  description: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  /** The cap on holders of this seat type (a Seatkeeper extension); null for none. */
  maxSeats: number | null;
  /** How many users hold a seat of this type (kept by triggers on seat_assignments). */
  seatsHeld: number;
}

export interface SeatMetricRow {
  id: string;
  workspace_id: string;
  seat_type: string;
  label: string;
  description: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
  max_seats: number | null;
  seats_held: number;
}

const COLUMNS = "id, workspace_id, seat_type, label, description, created_by, created_at, updated_at, max_seats, seats_held";

export const toSeatMetric = (row: SeatMetricRow): SeatMetric => ({
  id: row.id,
  workspaceId: row.workspace_id,
  seatType: row.seat_type,
  label: row.label,
  description: row.description,
  createdBy: row.created_by,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  maxSeats: row.max_seats,
  seatsHeld: row.seats_held,
});

export type NewSeatMetric = Pick<SeatMetric, "workspaceId" | "seatType" | "label" | "description" | "createdBy" | "maxSeats">;

/** Inserts a seat metric; a taken seatType surfaces as a UNIQUE violation on seat_metrics.seat_type. */
export async function insertSeatMetric(db: D1Database, metric: NewSeatMetric): Promise<SeatMetric> {
  const { id, now } = mintId();
  const row = await db
    .prepare(
      `INSERT INTO seat_metrics (id, workspace_id, seat_type, label, description, created_by, created_at, updated_at, max_seats)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?8) RETURNING ${COLUMNS}`,
    )
    .bind(id, metric.workspaceId, metric.seatType, metric.label, metric.description, metric.createdBy, now, metric.maxSeats)
    .first<SeatMetricRow>();
  return toSeatMetric(row!);
}

export async function findSeatMetric(db: D1Database, workspaceId: string, id: string): Promise<SeatMetric | null> {
  const row = await db
    .prepare(`SELECT ${COLUMNS} FROM seat_metrics WHERE workspace_id = ?1 AND id = ?2`)
    .bind(workspaceId, id)
    .first<SeatMetricRow>();
  return row && toSeatMetric(row);
}

/** One page in creation order, and the workspace's total (a maintained count), in one round trip. */
export async function listSeatMetrics(
  db: D1Database,
  workspaceId: string,
  page: KeysetPage,
): Promise<{ items: SeatMetric[]; hasMore: boolean; total: number }> {
  const params = new Params([workspaceId]);
  const tail = keysetTail(page, params);
  const [rows, count] = await db.batch<unknown>([
    db.prepare(`SELECT ${COLUMNS} FROM seat_metrics WHERE workspace_id = ?1 ${tail}`).bind(...params.values),
    countRows(db, workspaceId, "seat_metrics"),
  ]);
  const { items, hasMore } = keysetPage((rows!.results as SeatMetricRow[]).map(toSeatMetric), page);
  return { items, hasMore, total: (count!.results[0] as { total: number }).total };
}

export interface SeatMetricChanges {
  /** Never changes: when given, the update applies only if it is the metric's own. */
  seatType?: string | undefined;
  label?: string | undefined;
  description?: string | null | undefined;
  maxSeats?: number | null | undefined;
}

/**
 * A guarded change and the metric as it was just before, read in the same
 * batch (one transaction, one round trip): `after` is null when the guard
 * refused the change, and `before` then says why (null: no such metric).
 */
export interface GuardedChange {
  before: SeatMetric | null;
  after: SeatMetric | null;
}

/**
 * Updates label, description and the cap, unless `seatType` is given and is
 * not the metric's, or the new cap is below the current holders (the
 * statement's guards; the column's CHECK backs the cap up).
 */
export async function updateSeatMetric(
  db: D1Database,
  workspaceId: string,
  id: string,
  changes: SeatMetricChanges,
): Promise<GuardedChange> {
  const setsCap = changes.maxSeats !== undefined ? 1 : 0;
  const update = db
    .prepare(
      `UPDATE seat_metrics
          SET label = coalesce(?3, label),
              description = CASE WHEN ?4 THEN ?5 ELSE description END,
              max_seats = CASE WHEN ?7 THEN ?8 ELSE max_seats END,
              updated_at = ?6
        WHERE workspace_id = ?1 AND id = ?2
          AND (?9 IS NULL OR seat_type = ?9)
          AND (NOT ?7 OR ?8 IS NULL OR ?8 >= seats_held)
        RETURNING ${COLUMNS}`,
    )
    .bind(
      workspaceId,
      id,
      changes.label ?? null,
      changes.description !== undefined ? 1 : 0,
      changes.description ?? null,
      nowIso(),
      setsCap,
      changes.maxSeats ?? null,
      changes.seatType ?? null,
    );
  return guarded(db, workspaceId, id, update);
}

/** Deletes a metric nobody holds a seat of (`after` is it as it was); the foreign key from seat_assignments refuses it too. */
export async function deleteSeatMetric(db: D1Database, workspaceId: string, id: string): Promise<GuardedChange> {
  const remove = db
    .prepare(`DELETE FROM seat_metrics WHERE workspace_id = ?1 AND id = ?2 AND seats_held = 0 RETURNING ${COLUMNS}`)
    .bind(workspaceId, id);
  return guarded(db, workspaceId, id, remove);
}

async function guarded(db: D1Database, workspaceId: string, id: string, change: D1PreparedStatement): Promise<GuardedChange> {
  const [before, after] = await db.batch<SeatMetricRow>([
    db.prepare(`SELECT ${COLUMNS} FROM seat_metrics WHERE workspace_id = ?1 AND id = ?2`).bind(workspaceId, id),
    change,
  ]);
  const metricOf = (result: D1Result<SeatMetricRow>) => (result.results[0] ? toSeatMetric(result.results[0]) : null);
  return { before: metricOf(before!), after: metricOf(after!) };
}
