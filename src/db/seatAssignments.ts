import { nowIso } from "../shared/ids";
import type { Permission } from "../shared/permissions";
import { clearWriteContext, outboxWaitingIn, requestContext, setWriteContext } from "./writeContext";

/** The most user ids one request may name (a JSON parameter, so D1's 100-binding limit does not apply). */
export const MAX_USER_IDS = 1000;

/** One request to change one product code's holders: distinct user ids, at most MAX_USER_IDS. */
export interface SeatChange {
  workspaceId: string;
  productCode: string;
  userIds: string[];
  /**
   * The caller's API key as presented, checked in the change's own
   * transaction as the key gate checks a write (src/db/keyGate.ts): it must
   * be active, of this workspace, have the presented secret and hold one of
   * the route's permissions, or the change writes nothing. So the Worker
   * may address the object by the workspace a key id names before D1 has
   * said whose key it is (docs/key-check.md).
   */
  key?: SeatKey | undefined;
  /** The request that asks for the change: its write context names it (the seat ledger's entries). */
  requestId: string;
  /** The request's Idempotency-Key: its record is written in the change's own transaction. */
  idempotency?: SeatIdempotency | undefined;
}

/** The key a seat change presents: its id, the SHA-256 hex of the presented secret, the route's permissions. */
export interface SeatKey {
  keyId: string;
  secretHash: string;
  anyOf: readonly Permission[];
}

/** What a seat change claims for its Idempotency-Key (src/db/idempotency.ts; the scope is the change's workspace, the request its requestId). */
export interface SeatIdempotency {
  keyHash: string;
  fingerprint: string;
  expiresAt: string;
  /** The `data.id` of the answer, kept so that a replay answers the same. */
  responseId: string;
}

/** What a seat change did, as its Idempotency-Key record keeps it (migration 0017's `outcome`). */
export interface SeatOutcomeRecord {
  changed: string[];
  response_id: string;
}

/** Why a change was refused as a whole. Nothing was written. */
export type SeatRefusal =
  | { kind: "key_inactive"; keyId: string }
  /** The key is valid but holds none of the route's permissions. */
  | { kind: "key_lacks_permission"; anyOf: readonly Permission[] }
  /** A live record holds the Idempotency-Key: `outcome` is what the change that claimed it did (null: not a seat change). */
  | { kind: "idempotency_key_used"; requestId: string; fingerprint: string; outcome: SeatOutcomeRecord | null }
  | { kind: "unknown_product_code"; productCode: string }
  | { kind: "unknown_users"; userIds: string[] }
  | { kind: "over_cap"; maxSeats: number; seatsHeld: number; requested: number };

export type SeatChangeResult = { ok: true; changed: string[] } | { ok: false; reason: SeatRefusal };

interface VerdictRow {
  key_active: number;
  key_permitted: number;
  product_exists: number;
  max_seats: number | null;
  seats_held: number;
  needed: number;
  unknown_ids: string;
  used_by: string | null;
  used_for: string | null;
  used_outcome: string | null;
}

// The user ids travel as ONE JSON parameter (?3) read with json_each, so a
// request of 1,000 ids stays far below D1's 100 bound parameters; ?4 is the
// caller's key as JSON (SeatKey), or NULL. The verdict is computed twice in one batch (one
// transaction): once to be read, once as the guard of the write, so both see
// the same state and a refused request writes nothing. seats_held is the
// trigger-maintained counter: O(1). With an Idempotency-Key (?6, its hash;
// NULL without one) the verdict also reads the key's live record (`used`):
// ?5 is now, ?7 the request's id.
const VERDICT = `WITH requested AS (SELECT DISTINCT value AS user_id FROM json_each(?3)),
used AS (SELECT request_id, fingerprint, outcome FROM idempotency_records
  WHERE workspace_id = ?1 AND key_hash = ?6 AND expires_at > ?5),
caller AS (SELECT * FROM api_keys WHERE id = json_extract(?4, '$.keyId')),
verdict AS (
  SELECT
    (SELECT request_id FROM used) AS used_by,
    (SELECT fingerprint FROM used) AS used_for,
    (SELECT outcome FROM used) AS used_outcome,
    (?4 IS NULL OR EXISTS (SELECT 1 FROM caller
      WHERE revoked_at IS NULL AND workspace_id = ?1 AND secret_hash = json_extract(?4, '$.secretHash'))) AS key_active,
    (?4 IS NULL OR EXISTS (SELECT 1 FROM caller, json_each(caller.permissions) AS held, json_each(?4, '$.anyOf') AS needed
      WHERE held.value = needed.value)) AS key_permitted,
    m.seat_type IS NOT NULL AS product_exists,
    m.max_seats AS max_seats,
    coalesce(m.seats_held, 0) AS seats_held,
    (SELECT count(*) FROM requested r
      WHERE NOT EXISTS (SELECT 1 FROM seat_assignments a
        WHERE a.workspace_id = ?1 AND a.product_code = ?2 AND a.user_id = r.user_id)) AS needed,
    (SELECT json_group_array(r.user_id) FROM requested r
      WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.workspace_id = ?1 AND u.id = r.user_id)) AS unknown_ids
  FROM (SELECT 1) LEFT JOIN seat_metrics m ON m.workspace_id = ?1 AND m.seat_type = ?2
)`;

const ACCEPTED = "key_active AND key_permitted AND product_exists AND unknown_ids = '[]'";
const WITHIN_CAP = "(max_seats IS NULL OR seats_held + needed <= max_seats)";
/** The change runs only without an Idempotency-Key, or when this request's own claim holds it (CLAIM, just before). */
const CLAIMED = `(?6 IS NULL OR EXISTS (SELECT 1 FROM idempotency_records WHERE workspace_id = ?1 AND key_hash = ?6 AND request_id = ?7))`;

const ASSIGN = `${VERDICT}
INSERT INTO seat_assignments (workspace_id, product_code, user_id, assigned_at)
SELECT ?1, ?2, r.user_id, ?5 FROM requested r, verdict
 WHERE ${ACCEPTED} AND ${WITHIN_CAP} AND ${CLAIMED}
ON CONFLICT DO NOTHING
RETURNING user_id`;

const UNASSIGN = `${VERDICT}
DELETE FROM seat_assignments
 WHERE workspace_id = ?1 AND product_code = ?2
   AND user_id IN (SELECT user_id FROM requested)
   AND (SELECT ${ACCEPTED} FROM verdict) AND ${CLAIMED}
RETURNING user_id`;

/**
 * Claims the Idempotency-Key for a change the verdict accepts, with what the
 * change is about to do (the users it seats, or unseats) and the answer's
 * id: the record commits with the change, in the same transaction, so a
 * retry is answered with exactly this. Nothing is claimed for a refused
 * change (it writes nothing, so a retry runs again) or a key already held.
 * An expired record of the key is replaced. ?8 fingerprint, ?9 expiry, ?10 answer id.
 */
const claimOf = (changed: string, accepted: string) => `${VERDICT}
INSERT INTO idempotency_records (workspace_id, key_hash, fingerprint, request_id, created_at, expires_at, outcome)
SELECT ?1, ?6, ?8, ?7, ?5, ?9, json_object('changed', (SELECT json_group_array(r.user_id) FROM requested r WHERE ${changed}), 'response_id', ?10)
  FROM verdict WHERE ${accepted} AND used_by IS NULL
ON CONFLICT (workspace_id, key_hash) DO UPDATE
   SET fingerprint = excluded.fingerprint, request_id = excluded.request_id, created_at = excluded.created_at,
       expires_at = excluded.expires_at, answer = NULL, outcome = excluded.outcome`;

const HOLDS_SEAT = "EXISTS (SELECT 1 FROM seat_assignments a WHERE a.workspace_id = ?1 AND a.product_code = ?2 AND a.user_id = r.user_id)";
const CLAIM = {
  assign: claimOf(`NOT ${HOLDS_SEAT}`, `${ACCEPTED} AND ${WITHIN_CAP}`),
  unassign: claimOf(HOLDS_SEAT, ACCEPTED),
};

/** One operation on one product code's seats. */
export interface SeatOperation {
  kind: "assign" | "unassign";
  change: SeatChange;
}

/** What each operation puts in its batch (its write context, verdict and write). */
export const STATEMENTS_PER_OPERATION = 3;
/** What every batch ends with: the context's clearing, which is the outbox probe. */
export const STATEMENTS_PER_BATCH = 1;

/**
 * Applies the operations in order in ONE D1 batch (one transaction): each
 * contributes its write context (the request and key it comes from, for
 * the ledger's triggers), its verdict and its guarded write, so each
 * verdict sees the writes of the operations before it, exactly as if they
 * ran one by one, and a failed batch writes nothing at all.
 *
 * assign gives a seat to each user who has none, all or nothing: refused
 * when the product code or a user is unknown in the workspace, or when the
 * new holders would pass the cap; `changed` lists exactly the users newly
 * seated. unassign takes the seat from each user who has one (others are
 * ignored), all or nothing likewise.
 */
export async function applySeatOperations(db: Pick<D1Database, "prepare" | "batch">, operations: SeatOperation[]): Promise<AppliedSeatOperations> {
  const perOperation = operations.map((operation) => statementsOf(db, operation));
  const results = await db.batch<unknown>([...perOperation.flat(), clearWriteContext(db)]);
  let start = 0;
  const outcomes = operations.map((operation, index) => {
    // [context, verdict, (claim,) write]
    const mine = results.slice(start, (start += perOperation[index]!.length));
    return resultOf(operation, mine[1]!.results[0] as VerdictRow, mine.at(-1)!.results);
  });
  return { outcomes, outboxWaiting: outboxWaitingIn(results.at(-1)!) };
}

/** Each operation's outcome, in order, and whether webhook deliveries wait in the outbox after the batch. */
export interface AppliedSeatOperations {
  outcomes: SeatChangeResult[];
  outboxWaiting: boolean;
}

/** Statements a seat operation adds to a batch: one more with an Idempotency-Key, its claim. */
export const statementsPerOperation = (operation: SeatOperation) => STATEMENTS_PER_OPERATION + (operation.change.idempotency ? 1 : 0);

/** The write context, the verdict (read), the claim of its Idempotency-Key if any, and the guarded write. */
function statementsOf(db: Pick<D1Database, "prepare">, { kind, change }: SeatOperation): D1PreparedStatement[] {
  const key = change.idempotency;
  const presented = change.key && JSON.stringify({ keyId: change.key.keyId, secretHash: change.key.secretHash, anyOf: change.key.anyOf });
  const params = [change.workspaceId, change.productCode, JSON.stringify(change.userIds), presented ?? null, nowIso(), key?.keyHash ?? null];
  // D1 refuses more bindings than a statement numbers: the verdict reads ?1-?6, the write ?1-?7, the claim ?1-?10.
  const context = setWriteContext(db, requestContext(change.requestId, change.key?.keyId ?? null));
  const verdict = db.prepare(`${VERDICT} SELECT * FROM verdict`).bind(...params);
  const write = db.prepare(kind === "assign" ? ASSIGN : UNASSIGN).bind(...params, change.requestId);
  if (!key) return [context, verdict, write];
  const claim = db.prepare(CLAIM[kind]).bind(...params, change.requestId, key.fingerprint, key.expiresAt, key.responseId);
  return [context, verdict, claim, write];
}

function resultOf({ kind, change }: SeatOperation, verdict: VerdictRow, written: unknown[]): SeatChangeResult {
  const refusal = refusalOf(verdict, change, kind === "assign");
  if (refusal) return { ok: false, reason: refusal };
  const changed = new Set((written as { user_id: string }[]).map((row) => row.user_id));
  // In request order, whatever order the database returned them in.
  return { ok: true, changed: change.userIds.filter((id) => changed.has(id)) };
}

function refusalOf(verdict: VerdictRow, change: SeatChange, capped: boolean): SeatRefusal | undefined {
  // First: an inactive key learns nothing about the workspace.
  if (!verdict.key_active) return { kind: "key_inactive", keyId: change.key!.keyId };
  if (!verdict.key_permitted) return { kind: "key_lacks_permission", anyOf: change.key!.anyOf };
  // Then a retry: whatever changed since, it is answered what the first did.
  if (verdict.used_by !== null) {
    const outcome = verdict.used_outcome === null ? null : (JSON.parse(verdict.used_outcome) as SeatOutcomeRecord);
    return { kind: "idempotency_key_used", requestId: verdict.used_by, fingerprint: verdict.used_for!, outcome };
  }
  if (!verdict.product_exists) return { kind: "unknown_product_code", productCode: change.productCode };
  const unknown = JSON.parse(verdict.unknown_ids) as string[];
  if (unknown.length > 0) return { kind: "unknown_users", userIds: unknown };
  const { max_seats: maxSeats, seats_held: seatsHeld, needed } = verdict;
  if (capped && maxSeats !== null && seatsHeld + needed > maxSeats) {
    return { kind: "over_cap", maxSeats, seatsHeld, requested: needed };
  }
  return undefined;
}

/** A holder of a seat, as Datadog lists them. */
export interface SeatHolder {
  userId: string;
  assignedAt: string;
  email: string | null;
  name: string | null;
}

interface SeatHolderRow {
  user_id: string;
  assigned_at: string;
  email_address: string | null;
  full_name: string | null;
}

/**
 * One page of a product code's holders in user-id order, after the cursor
 * (the last user id of the previous page). A user's place never moves, so a
 * walk never repeats anyone; users present throughout the walk are never
 * skipped. Null when the product code is not a seat type of the workspace.
 */
export async function listSeatHolders(
  db: D1Database,
  workspaceId: string,
  productCode: string,
  page: { limit: number; after: string },
): Promise<{ items: SeatHolder[]; hasMore: boolean } | null> {
  const [metric, rows] = await db.batch<unknown>([
    db.prepare("SELECT 1 AS found FROM seat_metrics WHERE workspace_id = ?1 AND seat_type = ?2").bind(workspaceId, productCode),
    db
      .prepare(
        `SELECT a.user_id, a.assigned_at, u.email_address, u.full_name
           FROM seat_assignments a JOIN users u ON u.workspace_id = a.workspace_id AND u.id = a.user_id
          WHERE a.workspace_id = ?1 AND a.product_code = ?2 AND a.user_id > ?3
          ORDER BY a.user_id LIMIT ?4`,
      )
      .bind(workspaceId, productCode, page.after, page.limit + 1),
  ]);
  if (metric!.results.length === 0) return null;
  const found = rows!.results as SeatHolderRow[];
  return {
    items: found.slice(0, page.limit).map((row) => ({
      userId: row.user_id,
      assignedAt: row.assigned_at,
      email: row.email_address,
      name: row.full_name,
    })),
    hasMore: found.length > page.limit,
  };
}
