import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { v7 as uuidv7 } from "uuid";
import { expect } from "vitest";
import { isMigrated, readJournal, type JournalEntry } from "../../../src/objects/journal";
import { call, expectJson, type Tenant } from "../helpers";

export const SEATS = "/api/v2/seats/users";

/** Whoever calls the Datadog surface: a Tenant, or a second key of its workspace. */
export type DatadogCaller = { headers: { datadog: Record<string, string> } };

/** A seat type (Datadog product code) made through the Sequence API, optionally capped. */
export async function createSeatType(tenant: Tenant, seatType: string, maxSeats?: number | null) {
  return expectJson<{ id: string; seatType: string; maxSeats?: number }>(
    await call("POST", "/api/seat-metrics", tenant.headers.sequence, { seatType, label: seatType, maxSeats }),
    201,
  );
}

/**
 * Inserts users straight into D1 (the people endpoints are another issue's),
 * in one statement whatever the count. Returns their ids in creation order.
 */
export async function insertUsers(workspaceId: string, count: number): Promise<string[]> {
  const users = Array.from({ length: count }, (_, i) => ({
    id: uuidv7(),
    email: `user${i}-${crypto.randomUUID().slice(0, 8)}@example.com`,
    name: `User ${i}`,
  }));
  await env.DB.prepare(
    `INSERT INTO users (workspace_id, id, email_address, full_name, created_at)
     SELECT ?1, value ->> 'id', value ->> 'email', value ->> 'name', ?2 FROM json_each(?3)`,
  )
    .bind(workspaceId, new Date().toISOString(), JSON.stringify(users))
    .run();
  return users.map((user) => user.id);
}

/** The product code's holders as D1 has them, sorted. */
export async function holdersInDb(workspaceId: string, productCode: string): Promise<string[]> {
  const { results } = await env.DB.prepare(
    "SELECT user_id FROM seat_assignments WHERE workspace_id = ?1 AND product_code = ?2 ORDER BY user_id",
  )
    .bind(workspaceId, productCode)
    .all<{ user_id: string }>();
  return results.map((row) => row.user_id);
}

/** seat_metrics.seats_held, the trigger-kept counter. */
export async function seatsHeld(workspaceId: string, seatType: string): Promise<number | null> {
  const row = await env.DB.prepare("SELECT seats_held FROM seat_metrics WHERE workspace_id = ?1 AND seat_type = ?2")
    .bind(workspaceId, seatType)
    .first<{ seats_held: number }>();
  return row?.seats_held ?? null;
}

/** Datadog's assign/unassign body. */
export function seatBody(productCode: string | undefined, userUuids: unknown) {
  return { data: { type: "seat-assignments", attributes: { product_code: productCode, user_uuids: userUuids } } };
}

export function assign(tenant: DatadogCaller, productCode: string, userIds: string[]) {
  return call("POST", SEATS, tenant.headers.datadog, seatBody(productCode, userIds));
}

export function unassign(tenant: DatadogCaller, productCode: string, userIds: string[]) {
  return call("DELETE", SEATS, tenant.headers.datadog, seatBody(productCode, userIds));
}

/** POST and expect 201; returns assigned_ids. */
export async function assigned(tenant: DatadogCaller, productCode: string, userIds: string[]): Promise<string[]> {
  const body = await expectJson(await assign(tenant, productCode, userIds), 201);
  return body.data.attributes.assigned_ids as string[];
}

/** Walks every page of GET /api/v2/seats/users and returns the user ids in order. */
export async function listAll(tenant: DatadogCaller, productCode: string, limit: number): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const query: string = `product_code=${productCode}&page[limit]=${limit}${cursor ? `&page[cursor]=${cursor}` : ""}`;
    const page = await expectJson(await call("GET", `${SEATS}?${query}`, tenant.headers.datadog), 200);
    ids.push(...page.data.map((user: { id: string }) => user.id));
    cursor = page.meta.next_cursor;
  } while (cursor);
  return ids;
}

/** The object that serializes this product code's seats. */
export function seatObject(workspaceId: string, productCode: string) {
  return env.SEAT_ASSIGNMENTS.getByName(`${workspaceId}:${productCode}`);
}

/** The object's journal after `afterSeq`, read from its storage (a record nothing in the Worker reads back). */
export function journalOf(stub: DurableObjectStub, afterSeq = 0, limit = 1000): Promise<JournalEntry[]> {
  return runInDurableObject(stub, (_instance: unknown, state) => {
    const { sql } = state.storage;
    return isMigrated(sql) ? readJournal(sql, afterSeq, limit) : [];
  });
}

/** The bookmark an outcome carries: the D1 position its batch reached (`x-d1-bookmark`). */
export const REACHED = expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{32,64}$/);

/**
 * `db` with every batch, its sessions' included, going through `batch`,
 * which calls `run` to send it on: for tests that count, hold or fail the
 * object's batches. No mock: what is sent reaches D1.
 */
export function intercepted(
  db: D1Database,
  batch: (statements: D1PreparedStatement[], run: () => Promise<D1Result[]>) => Promise<D1Result[]>,
): D1Database {
  const wrapped = Object.create(db) as D1Database;
  wrapped.batch = ((statements: D1PreparedStatement[]) => batch(statements, () => db.batch(statements))) as D1Database["batch"];
  wrapped.withSession = (constraint) => {
    const session = db.withSession(constraint);
    const through = { prepare: (sql: string) => session.prepare(sql), getBookmark: () => session.getBookmark() };
    return { ...through, batch: (statements: D1PreparedStatement[]) => batch(statements, () => session.batch(statements)) } as D1DatabaseSession;
  };
  return wrapped;
}
