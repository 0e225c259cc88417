import { Params } from "./params";

/** What an event's `snapshot` holds: the raw columns of the resource (migration 0020). */
export type ResourceKind = "user_identity" | "seat_metric" | "customer" | "customer_organization" | "seat" | "seat_balance";

/** One recorded change, as the outbox holds it; rendered by src/events/render.ts. */
export interface EventRecord {
  /** Its place among all events as written: the feed's cursor. */
  seq: number;
  id: string;
  workspaceId: string;
  type: string;
  resourceKind: ResourceKind;
  resourceId: string;
  occurredAt: string;
  /** Null for a cascade (a user deletion's seats). */
  requestId: string | null;
  /** The resource's columns as its row type names them. */
  snapshot: Record<string, unknown>;
}

export interface EventRow {
  seq: number;
  id: string;
  workspace_id: string;
  type: string;
  resource_kind: ResourceKind;
  resource_id: string;
  occurred_at: string;
  request_id: string | null;
  snapshot: string;
}

export const EVENT_COLUMNS = "e.seq, e.id, e.workspace_id, e.type, e.resource_kind, e.resource_id, e.occurred_at, e.request_id, e.snapshot";

/** An events row (EVENT_COLUMNS) as a record. */
export function toEventRecord(row: EventRow): EventRecord {
  return {
    seq: row.seq,
    id: row.id,
    workspaceId: row.workspace_id,
    type: row.type,
    resourceKind: row.resource_kind,
    resourceId: row.resource_id,
    occurredAt: row.occurred_at,
    requestId: row.request_id,
    snapshot: JSON.parse(row.snapshot) as Record<string, unknown>,
  };
}

export interface EventFilters {
  types?: readonly string[] | undefined;
  /** At or after (ISO 8601, UTC). */
  from?: string | undefined;
  /** Before. */
  to?: string | undefined;
}

/** One page of the workspace's events in the order written, after `after` (a seq). */
export async function listEvents(
  db: D1Database,
  workspaceId: string,
  filters: EventFilters,
  page: { limit: number; after: number },
): Promise<{ items: EventRecord[]; hasMore: boolean }> {
  const params = new Params([workspaceId]);
  const where = [`e.seq > ${params.add(page.after)}`, "e.snapshot IS NOT NULL"];
  if (filters.types?.length) where.push(`e.type IN (${filters.types.map((type) => params.add(type)).join(", ")})`);
  if (filters.from !== undefined) where.push(`e.occurred_at >= ${params.add(filters.from)}`);
  if (filters.to !== undefined) where.push(`e.occurred_at < ${params.add(filters.to)}`);
  const { results } = await db
    .prepare(
      `SELECT ${EVENT_COLUMNS} FROM events AS e
        WHERE e.workspace_id = ?1 AND ${where.join(" AND ")} ORDER BY e.seq LIMIT ${params.add(page.limit + 1)}`,
    )
    .bind(...params.values)
    .all<EventRow>();
  return { items: results.slice(0, page.limit).map(toEventRecord), hasMore: results.length > page.limit };
}

/** How long the feed keeps events (the issue asks for at least 30 days). */
const EVENT_RETENTION_DAYS = 30;

/** Drops events older than the retention, their deliveries with them (foreign keys). */
export async function retireOldEvents(db: D1Database, now = Date.now()): Promise<number> {
  const before = new Date(now - EVENT_RETENTION_DAYS * 86_400_000).toISOString();
  const { meta } = await db.prepare("DELETE FROM events WHERE occurred_at < ?1").bind(before).run();
  return meta.changes;
}
