import { EVENT_COLUMNS, toEventRecord, type EventRecord, type EventRow } from "./events";
import { nowIso } from "../shared/ids";

/** A webhook endpoint of a workspace (migration 0021). */
export interface WebhookEndpoint {
  id: string;
  workspaceId: string;
  url: string;
  description: string | null;
  /** Null: every type. */
  eventTypes: string[] | null;
  secret: string;
  /** The secret before the last rotation, while it still signs. */
  previousSecret: string | null;
  previousSecretExpiresAt: string | null;
  createdAt: string;
  updatedAt: string;
}

interface EndpointRow {
  id: string;
  workspace_id: string;
  url: string;
  description: string | null;
  event_types: string | null;
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: string | null;
  created_at: string;
  updated_at: string;
}

const ENDPOINT_COLUMNS =
  "id, workspace_id, url, description, event_types, secret, previous_secret, previous_secret_expires_at, created_at, updated_at";

const toEndpoint = (row: EndpointRow): WebhookEndpoint => ({
  id: row.id,
  workspaceId: row.workspace_id,
  url: row.url,
  description: row.description,
  eventTypes: row.event_types === null ? null : (JSON.parse(row.event_types) as string[]),
  secret: row.secret,
  previousSecret: row.previous_secret,
  previousSecretExpiresAt: row.previous_secret_expires_at,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export type EndpointFields = Pick<WebhookEndpoint, "url" | "description" | "eventTypes">;

/** Adds an endpoint to a workspace; null when the workspace does not exist. */
export async function insertEndpoint(
  db: D1Database,
  workspaceId: string,
  endpoint: EndpointFields & { id: string; secret: string; now: string },
): Promise<WebhookEndpoint | null> {
  const row = await db
    .prepare(
      `INSERT INTO webhook_endpoints (workspace_id, id, url, description, event_types, secret, created_at, updated_at)
       SELECT id, ?2, ?3, ?4, ?5, ?6, ?7, ?7 FROM workspaces WHERE id = ?1 RETURNING ${ENDPOINT_COLUMNS}`,
    )
    .bind(workspaceId, endpoint.id, endpoint.url, endpoint.description, eventTypesColumn(endpoint.eventTypes), endpoint.secret, endpoint.now)
    .first<EndpointRow>();
  return row && toEndpoint(row);
}

function eventTypesColumn(eventTypes: string[] | null): string | null {
  return eventTypes === null ? null : JSON.stringify(eventTypes);
}

/** A workspace's endpoints in creation order; null when the workspace does not exist. */
export async function listEndpoints(db: D1Database, workspaceId: string): Promise<WebhookEndpoint[] | null> {
  const [workspace, endpoints] = await db.batch([
    db.prepare("SELECT 1 FROM workspaces WHERE id = ?1").bind(workspaceId),
    db.prepare(`SELECT ${ENDPOINT_COLUMNS} FROM webhook_endpoints WHERE workspace_id = ?1 ORDER BY id`).bind(workspaceId),
  ]);
  if (!workspace?.results.length) return null;
  return (endpoints?.results as EndpointRow[]).map(toEndpoint);
}

export async function findEndpoint(db: D1Database, id: string): Promise<WebhookEndpoint | null> {
  const row = await db.prepare(`SELECT ${ENDPOINT_COLUMNS} FROM webhook_endpoints WHERE id = ?1`).bind(id).first<EndpointRow>();
  return row && toEndpoint(row);
}

/** Changes the fields given (undefined: kept); null when no endpoint has the id. */
export async function updateEndpoint(db: D1Database, id: string, changes: Partial<EndpointFields>): Promise<WebhookEndpoint | null> {
  const row = await db
    .prepare(
      `UPDATE webhook_endpoints
          SET url = coalesce(?2, url),
              description = CASE WHEN ?3 THEN ?4 ELSE description END,
              event_types = CASE WHEN ?5 THEN ?6 ELSE event_types END,
              updated_at = ?7
        WHERE id = ?1 RETURNING ${ENDPOINT_COLUMNS}`,
    )
    .bind(
      id,
      changes.url ?? null,
      changes.description !== undefined ? 1 : 0,
      changes.description ?? null,
      changes.eventTypes !== undefined ? 1 : 0,
      changes.eventTypes === undefined ? null : eventTypesColumn(changes.eventTypes),
      nowIso(),
    )
    .first<EndpointRow>();
  return row && toEndpoint(row);
}

/** Removes an endpoint and its deliveries: nothing more is sent to it. */
export async function deleteEndpoint(db: D1Database, id: string): Promise<boolean> {
  const { meta } = await db.prepare("DELETE FROM webhook_endpoints WHERE id = ?1").bind(id).run();
  return meta.changes > 0;
}

/** Makes `secret` the endpoint's; the one it replaces keeps signing until `previousExpiresAt`. */
export async function rotateEndpointSecret(db: D1Database, id: string, secret: string, previousExpiresAt: string): Promise<WebhookEndpoint | null> {
  const row = await db
    .prepare(
      `UPDATE webhook_endpoints SET previous_secret = secret, previous_secret_expires_at = ?3, secret = ?2, updated_at = ?4
        WHERE id = ?1 RETURNING ${ENDPOINT_COLUMNS}`,
    )
    .bind(id, secret, previousExpiresAt, nowIso())
    .first<EndpointRow>();
  return row && toEndpoint(row);
}

/** One delivery of an event to an endpoint, with its attempts so far. */
export interface Delivery {
  id: string;
  endpointId: string;
  eventId: string;
  eventType: string;
  status: "pending" | "succeeded" | "failed";
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  lastAttemptAt: string | null;
  createdAt: string;
}

interface DeliveryRow {
  id: string;
  endpoint_id: string;
  event_id: string;
  event_type: string;
  status: Delivery["status"];
  attempts: number;
  last_status: number | null;
  last_error: string | null;
  last_attempt_at: string | null;
  created_at: string;
}

const DELIVERY_COLUMNS = `d.id, d.endpoint_id, e.id AS event_id, e.type AS event_type, d.status, d.attempts,
  d.last_status, d.last_error, d.last_attempt_at, d.created_at`;

const toDelivery = (row: DeliveryRow): Delivery => ({
  id: row.id,
  endpointId: row.endpoint_id,
  eventId: row.event_id,
  eventType: row.event_type,
  status: row.status,
  attempts: row.attempts,
  lastStatus: row.last_status,
  lastError: row.last_error,
  lastAttemptAt: row.last_attempt_at,
  createdAt: row.created_at,
});

/** An endpoint's deliveries, newest event first, after the delivery `before` of the previous page. */
export async function listDeliveries(
  db: D1Database,
  endpointId: string,
  page: { limit: number; before?: string | undefined },
): Promise<{ items: Delivery[]; hasMore: boolean } | null> {
  const [endpoint, deliveries] = await db.batch([
    db.prepare("SELECT 1 FROM webhook_endpoints WHERE id = ?1").bind(endpointId),
    db
      .prepare(
        `SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries AS d JOIN events AS e ON e.seq = d.event_seq
          WHERE d.endpoint_id = ?1
            AND (?2 IS NULL OR d.event_seq < (SELECT event_seq FROM webhook_deliveries WHERE id = ?2 AND endpoint_id = ?1))
          ORDER BY d.event_seq DESC LIMIT ?3`,
      )
      .bind(endpointId, page.before ?? null, page.limit + 1),
  ]);
  if (!endpoint?.results.length) return null;
  const rows = deliveries?.results as DeliveryRow[];
  return { items: rows.slice(0, page.limit).map(toDelivery), hasMore: rows.length > page.limit };
}

/** Puts a delivery back in the outbox with its attempts reset; null when there is none of that id. */
export async function requeueDelivery(db: D1Database, id: string): Promise<{ delivery: Delivery; requeued: boolean } | null> {
  // A pending delivery's own messages still retry it: a second run of attempts beside them would race them.
  const [update, read] = await db.batch([
    db.prepare("UPDATE webhook_deliveries SET status = 'pending', attempts = 0, enqueued_at = NULL WHERE id = ?1 AND status <> 'pending'").bind(id),
    db.prepare(`SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries AS d JOIN events AS e ON e.seq = d.event_seq WHERE d.id = ?1`).bind(id),
  ]);
  const row = read?.results[0] as DeliveryRow | undefined;
  return row ? { delivery: toDelivery(row), requeued: update!.meta.changes > 0 } : null;
}

/** Deliveries no queue message was sent for (oldest first), made at least `minAgeMs` ago. */
export async function unsentDeliveries(db: D1Database, limit: number, minAgeMs = 0): Promise<string[]> {
  const before = new Date(Date.now() - minAgeMs).toISOString();
  const { results } = await db
    .prepare("SELECT id FROM webhook_deliveries WHERE enqueued_at IS NULL AND created_at <= ?1 ORDER BY created_at LIMIT ?2")
    .bind(before, limit)
    .all<{ id: string }>();
  return results.map((row) => row.id);
}

/** Notes that queue messages were sent for these deliveries. */
export async function markEnqueued(db: D1Database, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.prepare("UPDATE webhook_deliveries SET enqueued_at = ?1 WHERE id IN (SELECT value FROM json_each(?2))").bind(nowIso(), JSON.stringify(ids)).run();
}

/** What one attempt needs: the delivery, its event and its endpoint's secrets. */
export interface DeliveryWork {
  deliveryId: string;
  status: Delivery["status"];
  event: EventRecord;
  endpoint: Pick<WebhookEndpoint, "url" | "secret" | "previousSecret" | "previousSecretExpiresAt">;
}

/** The work of a delivery; null when it is gone (its endpoint was deleted, or its event retired). */
export async function deliveryWork(db: D1Database, deliveryId: string): Promise<DeliveryWork | null> {
  const row = await db
    .prepare(
      `SELECT d.id AS delivery_id, d.status, w.url, w.secret, w.previous_secret, w.previous_secret_expires_at, ${EVENT_COLUMNS}
         FROM webhook_deliveries AS d
         JOIN events AS e ON e.seq = d.event_seq
         JOIN webhook_endpoints AS w ON w.id = d.endpoint_id
        WHERE d.id = ?1`,
    )
    .bind(deliveryId)
    .first<EventRow & Pick<EndpointRow, "url" | "secret" | "previous_secret" | "previous_secret_expires_at"> & { delivery_id: string; status: Delivery["status"] }>();
  if (!row) return null;
  return {
    deliveryId: row.delivery_id,
    status: row.status,
    event: toEventRecord(row),
    endpoint: { url: row.url, secret: row.secret, previousSecret: row.previous_secret, previousSecretExpiresAt: row.previous_secret_expires_at },
  };
}

/** One attempt's outcome: the HTTP status, or the error when no answer came. */
export interface AttemptOutcome {
  status: number | null;
  error: string | null;
  succeeded: boolean;
}

/** Counts an attempt and records how it went. */
export async function recordAttempt(db: D1Database, deliveryId: string, outcome: AttemptOutcome): Promise<void> {
  await db
    .prepare(
      `UPDATE webhook_deliveries
          SET attempts = attempts + 1, last_status = ?2, last_error = ?3, last_attempt_at = ?4, status = CASE WHEN ?5 THEN 'succeeded' ELSE status END
        WHERE id = ?1`,
    )
    .bind(deliveryId, outcome.status, outcome.error, nowIso(), outcome.succeeded ? 1 : 0)
    .run();
}

/** Gives a delivery up (its retries ran out: the dead-letter queue); a retry by hand revives it. */
export async function markDeliveryFailed(db: D1Database, deliveryId: string): Promise<void> {
  await db.prepare("UPDATE webhook_deliveries SET status = 'failed' WHERE id = ?1 AND status = 'pending'").bind(deliveryId).run();
}
