import type { BatchRider, RiderStatement } from "../shared/context";
import { constraintFailureOf } from "./constraints";

/*
 * Idempotency-Key records (migration 0017, docs/retries-and-limits.md). The
 * record of a key rides in the request's own D1 batches (IdempotencyRider):
 * its lookup in the first batch, and its claim in the first write batch that
 * commits, in the same transaction as the operation. The answer is stored
 * once the request has answered (storeAnswer), since it is made from what the
 * batch returned.
 */

/** How long a key's record, and the answer it replays, is kept (Sequence documents 24 hours too). */
export const IDEMPOTENCY_RETENTION_MS = 24 * 60 * 60 * 1000;

/** The workspace id of the operator's records (the admin API has no workspace). */
export const OPERATOR_SCOPE = "";

/** The trigger's refusal of a claim on a key a live record holds (migration 0017). */
const KEY_USED = "idempotency_key_used";

/** A key's record as a retry finds it. */
export interface IdempotencyRecord {
  /** The request that claimed the key. */
  requestId: string;
  fingerprint: string;
  createdAt: string;
  /** The first answer, sealed (src/http/storedAnswer.ts); null until it was stored. */
  answer: string | null;
  /** A seat change's outcome (JSON), written in the seat object's batch; null elsewhere. */
  outcome: string | null;
}

interface RecordRow {
  request_id: string;
  fingerprint: string;
  created_at: string;
  answer: string | null;
  outcome: string | null;
}

/** What a request claims: the key (its hash) in a workspace, for its fingerprint, until `expiresAt`. */
export interface IdempotencyClaim {
  /** The request's workspace: an id, UNSEEN_WORKSPACE (the gate puts the key's in its place), or OPERATOR_SCOPE. */
  workspaceId: string;
  keyHash: string;
  fingerprint: string;
  requestId: string;
  now: string;
  expiresAt: string;
}

/**
 * A batch met a live record of the request's key: the operation did not
 * run. `record` is the record when the batch read it (a lookup); undefined
 * when a claim was refused (findIdempotencyRecord reads it then).
 */
export class IdempotencyKeyUsed extends Error {
  constructor(readonly record: IdempotencyRecord | undefined) {
    super("A live record holds this Idempotency-Key");
    this.name = "IdempotencyKeyUsed";
  }
}

const RECORD_COLUMNS = "request_id, fingerprint, created_at, answer, outcome";
const LIVE_RECORD = `SELECT ${RECORD_COLUMNS} FROM idempotency_records WHERE workspace_id = ?1 AND key_hash = ?2 AND expires_at > ?3`;

/**
 * The claim of an Idempotency-Key, riding in the request's batches: the
 * first batch (when it only reads) looks the key up, and a replay found
 * there aborts the request before anything is written; each write batch
 * claims the key until one commits, so the operation and its record commit
 * together, and a batch whose key a live record holds writes nothing.
 * Records of seat changes are left to the seat object, which answers them.
 */
export class IdempotencyRider implements BatchRider {
  /** Whether a batch carrying the claim committed: the record is this request's. */
  claimed = false;
  /** Whether a live record refused the claim: the request does not run, and rides no more. */
  #refused = false;
  #lookedUp = false;
  #riding: "lookup" | "claim" | undefined;

  constructor(private readonly claim: IdempotencyClaim) {}

  /** Until the lookup: a read must ride (a write always rides, in its batch, until the claim commits). */
  get active(): boolean {
    return !this.claimed && !this.#refused && !this.#lookedUp;
  }

  statementsFor(writes: boolean): RiderStatement[] {
    const { workspaceId, keyHash, fingerprint, requestId, now, expiresAt } = this.claim;
    const done = this.claimed || this.#refused;
    this.#riding = done ? undefined : writes ? "claim" : this.#lookedUp ? undefined : "lookup";
    if (this.#riding === "claim") {
      const sql = "INSERT INTO idempotency_claim (workspace_id, key_hash, fingerprint, request_id, created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
      return [{ sql, values: [workspaceId, keyHash, fingerprint, requestId, now, expiresAt] }];
    }
    return this.#riding === "lookup" ? [{ sql: LIVE_RECORD, values: [workspaceId, keyHash, now] }] : [];
  }

  settled(results: D1Result[]): void {
    const riding = this.#riding;
    this.#riding = undefined;
    this.#lookedUp = true;
    if (riding === "claim") this.claimed = true;
    if (riding !== "lookup") return;
    const row = results[0]?.results[0] as RecordRow | undefined;
    // A seat change's record (its outcome) is the seat object's to answer.
    if (!row || row.outcome !== null) return;
    this.#refused = true;
    throw new IdempotencyKeyUsed(toRecord(row));
  }

  failed(error: unknown): unknown {
    const riding = this.#riding;
    this.#riding = undefined;
    const failure = constraintFailureOf(error);
    if (riding !== "claim" || failure?.kind !== "trigger" || failure.constraint !== KEY_USED) return error;
    this.#refused = true;
    return new IdempotencyKeyUsed(undefined);
  }
}

/** The live record of a key; null when there is none (it expired, or its claim rolled back). */
export async function findIdempotencyRecord(
  db: D1Database,
  workspaceId: string,
  keyHash: string,
  now: string,
): Promise<IdempotencyRecord | null> {
  const row = await db.prepare(LIVE_RECORD).bind(workspaceId, keyHash, now).first<RecordRow>();
  return row && toRecord(row);
}

/** Stores the request's answer (sealed) on the record it claimed; nothing when another request holds the key. */
export async function storeAnswer(db: D1Database, claim: IdempotencyClaim, answer: string): Promise<void> {
  await db
    .prepare(
      `UPDATE idempotency_records SET answer = ?4
        WHERE workspace_id = ?1 AND key_hash = ?2 AND request_id = ?3 AND answer IS NULL`,
    )
    .bind(claim.workspaceId, claim.keyHash, claim.requestId, answer)
    .run();
}

/** Records one cleanup step deletes at most, and steps one cleanup takes at most: its cost is bounded. */
const EXPIRED_PER_STEP = 1000;
const STEPS_PER_CLEANUP = 10;

/**
 * Deletes records that expired by `now`, oldest first, in steps of
 * EXPIRED_PER_STEP rows (each one walk of the expiry index), at most
 * STEPS_PER_CLEANUP of them; the next cleanup goes on where this one
 * stopped. Returns how many went. (A claim replaces its own key's expired
 * record anyway: this only keeps the table small.)
 */
export async function deleteExpiredRecords(db: D1Database, now: string): Promise<number> {
  let deleted = 0;
  for (let step = 0; step < STEPS_PER_CLEANUP; step++) {
    const result = await db
      .prepare(
        `DELETE FROM idempotency_records WHERE (workspace_id, key_hash) IN
           (SELECT workspace_id, key_hash FROM idempotency_records WHERE expires_at <= ?1 ORDER BY expires_at LIMIT ?2)`,
      )
      .bind(now, EXPIRED_PER_STEP)
      .run();
    deleted += result.meta.changes;
    if (result.meta.changes < EXPIRED_PER_STEP) break;
  }
  return deleted;
}

const toRecord = (row: RecordRow): IdempotencyRecord => ({
  requestId: row.request_id,
  fingerprint: row.fingerprint,
  createdAt: row.created_at,
  answer: row.answer,
  outcome: row.outcome,
});
