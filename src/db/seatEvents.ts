import { mintId } from "../shared/ids";
import { keysetPage, sortedTail, type KeyValues, type SortDirection } from "./keyset";
import { Params } from "./params";
import { countRows } from "./rowCounts";

/*
 * Sequence's seat events (migration 0014, docs/seat-ledger.md). Posted ones
 * are written here; Seatkeeper records its own by trigger whenever a
 * customer's holdings change. Either kind supersedes nothing but a posted
 * event of the same customerEventId, and balances follow by trigger.
 */

export interface SeatEvent {
  id: string;
  workspaceId: string;
  seq: number;
  customerId: string;
  customerAlias: string;
  customerEventId: string;
  seatType: string;
  eventTimestamp: string;
  total: number;
  source: "api" | "seatkeeper";
}

/** A posted event, its customerAlias and timestamp as given (an alias value or a customer id; UTC ISO 8601). */
export interface NewSeatEvent {
  customerAlias: string;
  seatType: string;
  eventTimestamp: string;
  total: number;
  customerEventId?: string | null | undefined;
}

/** Why a posted event was refused; nothing was written. */
export type SeatEventRefusal =
  | { kind: "unknown_customer"; customerAlias: string }
  | { kind: "unknown_seat_type"; seatType: string }
  | { kind: "supersedes_seatkeeper"; customerEventId: string };

interface SeatEventRow {
  id: string;
  workspace_id: string;
  seq: number;
  customer_id: string;
  customer_alias: string;
  customer_event_id: string;
  seat_type: string;
  event_timestamp: string;
  total: number;
  source: SeatEvent["source"];
}

const COLUMNS = "id, workspace_id, seq, customer_id, customer_alias, customer_event_id, seat_type, event_timestamp, total, source";

// ?1 workspace, ?2 customerAlias, ?3 seatType, ?4 customerEventId, ?5 the
// new id, ?6 eventTimestamp, ?7 total. customerAlias names a customer by
// id (a UUID in any case), else by alias value: an alias whose value is
// another customer's id never takes that customer's events. Read once for
// the answer and again as the guard of each write, in one batch (one transaction).
const VERDICT = `WITH verdict AS (
  SELECT
    coalesce((SELECT id FROM customers WHERE workspace_id = ?1 AND id = lower(?2)),
      (SELECT customer_id FROM customer_aliases WHERE workspace_id = ?1 AND value = ?2)) AS customer_id,
    EXISTS (SELECT 1 FROM seat_metrics WHERE workspace_id = ?1 AND seat_type = ?3) AS metric_exists,
    EXISTS (SELECT 1 FROM seat_events WHERE workspace_id = ?1 AND customer_event_id = ?4
      AND superseded_by IS NULL AND source = 'seatkeeper') AS supersedes_seatkeeper
)`;

const ACCEPTED = "customer_id IS NOT NULL AND metric_exists AND NOT supersedes_seatkeeper";

/** The current event of the same customerEventId gives way to the new one. */
const SUPERSEDE = `${VERDICT}
UPDATE seat_events SET superseded_by = ?5
 WHERE workspace_id = ?1 AND customer_event_id = ?4 AND superseded_by IS NULL AND (SELECT ${ACCEPTED} FROM verdict)`;

const INSERT = `${VERDICT}
INSERT INTO seat_events (workspace_id, id, seq, customer_id, customer_alias, customer_event_id, seat_type,
  event_timestamp, total, source, request_id, key_id)
SELECT ?1, ?5, (SELECT coalesce(max(seq), 0) + 1 FROM seat_events WHERE workspace_id = ?1), customer_id, ?2, ?4, ?3, ?6, ?7,
       'api', (SELECT request_id FROM write_context), (SELECT key_id FROM write_context)
  FROM verdict WHERE ${ACCEPTED}
RETURNING ${COLUMNS}`;

interface VerdictRow {
  customer_id: string | null;
  metric_exists: number;
  supersedes_seatkeeper: number;
}

/**
 * Records a posted event in one batch: it supersedes the current event of
 * its customerEventId (an absent one is the new event's id, superseding
 * nothing), and the balances follow by trigger. Refused when the alias
 * names no customer, the seat type is no seat metric, or the event would
 * supersede one Seatkeeper recorded from seat assignments.
 */
export async function postSeatEvent(
  db: D1Database,
  workspaceId: string,
  event: NewSeatEvent,
): Promise<{ ok: true; event: SeatEvent } | { ok: false; reason: SeatEventRefusal }> {
  const { id } = mintId();
  const customerEventId = event.customerEventId ?? id;
  const params = [workspaceId, event.customerAlias, event.seatType, customerEventId, id, event.eventTimestamp, event.total];
  // D1 refuses more bindings than a statement numbers.
  const [verdict, , inserted] = await db.batch<unknown>([
    db.prepare(`${VERDICT} SELECT * FROM verdict`).bind(...params.slice(0, 4)),
    db.prepare(SUPERSEDE).bind(...params.slice(0, 5)),
    db.prepare(INSERT).bind(...params),
  ]);
  const row = inserted!.results[0] as SeatEventRow | undefined;
  if (row) return { ok: true, event: toSeatEvent(row) };
  const found = verdict!.results[0] as VerdictRow;
  if (found.customer_id === null) return { ok: false, reason: { kind: "unknown_customer", customerAlias: event.customerAlias } };
  if (!found.metric_exists) return { ok: false, reason: { kind: "unknown_seat_type", seatType: event.seatType } };
  return { ok: false, reason: { kind: "supersedes_seatkeeper", customerEventId } };
}

/** The event with this id, current or superseded; null when none. */
export async function findSeatEvent(db: D1Database, workspaceId: string, id: string): Promise<SeatEvent | null> {
  const row = await db.prepare(`SELECT ${COLUMNS} FROM seat_events WHERE workspace_id = ?1 AND id = ?2`).bind(workspaceId, id).first<SeatEventRow>();
  return row && toSeatEvent(row);
}

/** GET /api/seat-events filters; each narrows the list. */
export interface SeatEventFilters {
  customerAlias?: string | undefined;
  customerIds?: string[] | undefined;
  seatTypes?: string[] | undefined;
  customerEventId?: string | undefined;
  /** eventTimestamp strictly before / after (UTC ISO 8601). */
  before?: string | undefined;
  after?: string | undefined;
}

export type SeatEventSort = "createdAt" | "eventTimestamp";

export interface SeatEventPage {
  sort: SeatEventSort;
  direction: SortDirection;
  limit: number;
  after?: KeyValues | undefined;
  before?: KeyValues | undefined;
}

/** The key values a listed event's cursor carries for a sort. */
export function seatEventKeys(event: SeatEvent, sort: SeatEventSort): KeyValues {
  return sort === "createdAt" ? [event.seq] : [event.eventTimestamp, event.seq];
}

const SORT_KEYS: Record<SeatEventSort, string[]> = { createdAt: ["seq"], eventTimestamp: ["event_timestamp", "seq"] };

/**
 * One page of the workspace's current events (superseded ones left out) in
 * the sort's order, and the total: counted by trigger without filters;
 * null with filters, which would otherwise read every match
 * (PaginationMeta's totalResultSize is nullable). A filter by customer
 * event id, customers, alias or seat type reads the events it matches
 * (indexFor); time filters alone walk the sort's index.
 */
export async function listSeatEvents(
  db: D1Database,
  workspaceId: string,
  filters: SeatEventFilters,
  page: SeatEventPage,
): Promise<{ items: SeatEvent[]; hasMore: boolean; total: number | null }> {
  const params = new Params([workspaceId]);
  const where = ["superseded_by IS NULL"];
  const json = (values: string[]) => params.add(JSON.stringify(values));
  if (filters.customerAlias !== undefined) where.push(`customer_alias = ${params.add(filters.customerAlias)}`);
  if (filters.customerIds !== undefined) where.push(`customer_id IN (SELECT value FROM json_each(${json(filters.customerIds)}))`);
  if (filters.seatTypes !== undefined) where.push(`seat_type IN (SELECT value FROM json_each(${json(filters.seatTypes)}))`);
  if (filters.customerEventId !== undefined) where.push(`customer_event_id = ${params.add(filters.customerEventId)}`);
  if (filters.before !== undefined) where.push(`event_timestamp < ${params.add(filters.before)}`);
  if (filters.after !== undefined) where.push(`event_timestamp > ${params.add(filters.after)}`);
  const filtered = where.length > 1;
  const tail = sortedTail(SORT_KEYS[page.sort], page, params);
  const statements = [
    db.prepare(`SELECT ${COLUMNS} FROM seat_events ${indexFor(filters)} WHERE workspace_id = ?1 AND ${where.join(" AND ")} ${tail}`).bind(...params.values),
    ...(filtered ? [] : [countRows(db, workspaceId, "seat_events")]),
  ];
  const [rows, count] = await db.batch<unknown>(statements);
  const { items, hasMore } = keysetPage(rows!.results as SeatEventRow[], page);
  return { items: items.map(toSeatEvent), hasMore, total: count ? (count.results[0] as { total: number }).total : null };
}

/**
 * The index of the filter that narrows most, so a page reads the matching
 * events (sorted when the sort is not theirs) rather than walking the
 * workspace's events in the sort's order past those that do not match.
 */
function indexFor(filters: SeatEventFilters): string {
  if (filters.customerEventId !== undefined) return "INDEXED BY seat_events_current_by_customer_event_id";
  if (filters.customerIds !== undefined) return "INDEXED BY seat_events_current_by_customer";
  if (filters.customerAlias !== undefined) return "INDEXED BY seat_events_current_by_alias";
  if (filters.seatTypes !== undefined) return "INDEXED BY seat_events_current_by_seat_type";
  return "";
}

function toSeatEvent(row: SeatEventRow): SeatEvent {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    seq: row.seq,
    customerId: row.customer_id,
    customerAlias: row.customer_alias,
    customerEventId: row.customer_event_id,
    seatType: row.seat_type,
    eventTimestamp: row.event_timestamp,
    total: row.total,
    source: row.source,
  };
}
