import { keysetPage, keysetTail, type KeysetPage } from "./keyset";
import { newRecord, nowIso } from "./ids";
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
}

interface SeatMetricRow {
  id: string;
  workspace_id: string;
  seat_type: string;
  label: string;
  description: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

const COLUMNS = "id, workspace_id, seat_type, label, description, created_by, created_at, updated_at";

const toSeatMetric = (row: SeatMetricRow): SeatMetric => ({
  id: row.id,
  workspaceId: row.workspace_id,
  seatType: row.seat_type,
  label: row.label,
  description: row.description,
  createdBy: row.created_by,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export type NewSeatMetric = Pick<SeatMetric, "workspaceId" | "seatType" | "label" | "description" | "createdBy">;

/** Inserts a seat metric; a taken seatType surfaces as a UNIQUE violation on seat_metrics.seat_type. */
export async function insertSeatMetric(db: D1Database, metric: NewSeatMetric): Promise<SeatMetric> {
  const { id, now } = newRecord();
  const row = await db
    .prepare(
      `INSERT INTO seat_metrics (${COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7) RETURNING ${COLUMNS}`,
    )
    .bind(id, metric.workspaceId, metric.seatType, metric.label, metric.description, metric.createdBy, now)
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
  const tail = keysetTail(page, 2);
  const [rows, count] = await db.batch<unknown>([
    db.prepare(`SELECT ${COLUMNS} FROM seat_metrics WHERE workspace_id = ?1 ${tail.sql}`).bind(workspaceId, ...tail.params),
    countRows(db, workspaceId, "seat_metrics"),
  ]);
  const { items, hasMore } = keysetPage((rows!.results as SeatMetricRow[]).map(toSeatMetric), page);
  return { items, hasMore, total: (count!.results[0] as { total: number }).total };
}

/** Updates label and description; null when no such metric in the workspace. */
export async function updateSeatMetric(
  db: D1Database,
  workspaceId: string,
  id: string,
  changes: { label?: string | undefined; description?: string | null | undefined },
): Promise<SeatMetric | null> {
  const row = await db
    .prepare(
      `UPDATE seat_metrics
          SET label = coalesce(?3, label),
              description = CASE WHEN ?4 THEN ?5 ELSE description END,
              updated_at = ?6
        WHERE workspace_id = ?1 AND id = ?2
        RETURNING ${COLUMNS}`,
    )
    .bind(workspaceId, id, changes.label ?? null, changes.description !== undefined ? 1 : 0, changes.description ?? null, nowIso())
    .first<SeatMetricRow>();
  return row && toSeatMetric(row);
}

/** Deletes a metric and returns it as it was; null when absent. */
export async function deleteSeatMetric(db: D1Database, workspaceId: string, id: string): Promise<SeatMetric | null> {
  const row = await db
    .prepare(`DELETE FROM seat_metrics WHERE workspace_id = ?1 AND id = ?2 RETURNING ${COLUMNS}`)
    .bind(workspaceId, id)
    .first<SeatMetricRow>();
  return row && toSeatMetric(row);
}
