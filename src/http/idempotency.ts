import {
  findIdempotencyRecord,
  IdempotencyKeyUsed,
  IdempotencyRider,
  IDEMPOTENCY_RETENTION_MS,
  OPERATOR_SCOPE,
  storeAnswer,
  type IdempotencyClaim,
  type IdempotencyRecord,
} from "../db/idempotency";
import { sha256Hex } from "../auth/keys";
import type { AppRequest, IdempotentRequest } from "../shared/context";
import { badRequest, idempotencyAnswerLost, idempotencyKeyInProgress, idempotencyKeyReused } from "../shared/errors";
import { takesIdempotencyKey, type RouteSpec } from "../shared/route";
import { logProblem } from "./requestLog";
import { openAnswer, replayOf, sealAnswer, storable } from "./storedAnswer";

/*
 * The Idempotency-Key header (IETF draft "The Idempotency-Key HTTP Header
 * Field", with Stripe's semantics; docs/retries-and-limits.md) on every
 * POST, PUT, PATCH and DELETE of a signed-in or admin route. The record of
 * the key commits in the operation's own batch (src/db/idempotency.ts), so
 * a retry never runs the operation twice; its first answer is stored and
 * replayed for 24 hours.
 */

const HEADER = "Idempotency-Key";
/** 1 to 255 printable ASCII characters (Sequence documents 255 as the maximum, on POST /api/customer-aliases); an empty header is malformed. */
const KEY_SHAPE = /^[\x20-\x7e]{1,255}$/;
/** How long an unanswered claim counts as a request still running; after that, one that died before answering. */
const STILL_RUNNING_MS = 60_000;

const claims = new WeakMap<AppRequest, { rider: IdempotencyRider; claim: IdempotencyClaim }>();

/** The route's Idempotency-Key: undefined for a read, a public route or no header; 400 for a malformed one. */
export function idempotencyKeyOf(route: RouteSpec, request: AppRequest): string | undefined {
  if (!takesIdempotencyKey(route.auth, request.method)) return undefined;
  const key = request.headers.get(HEADER);
  if (key === null) return undefined;
  if (!KEY_SHAPE.test(key)) throw badRequest(`${HEADER} must be 1 to 255 printable ASCII characters`, "invalid_idempotency_key");
  return key;
}

/**
 * Runs a write that sent an Idempotency-Key (after its input was read and
 * validated: a refusal before that stores nothing). Its batches carry the
 * key's lookup and claim; when a live record holds the key, the answer is
 * the stored one (a replay), 422 for a different request, or 409 while the
 * first has not answered.
 */
export async function runOnce(request: AppRequest, key: string, run: () => Promise<Response>): Promise<Response> {
  const idempotency: IdempotentRequest = { key, keyHash: await sha256Hex(key), fingerprint: await sha256Hex(fingerprintText(request)) };
  request.idempotency = idempotency;
  const now = Date.now();
  const claim: IdempotencyClaim = {
    workspaceId: request.auth?.workspaceId ?? OPERATOR_SCOPE,
    keyHash: idempotency.keyHash,
    fingerprint: idempotency.fingerprint,
    requestId: request.id,
    now: new Date(now).toISOString(),
    expiresAt: new Date(now + IDEMPOTENCY_RETENTION_MS).toISOString(),
  };
  const rider = new IdempotencyRider(claim);
  claims.set(request, { rider, claim });
  request.carrier?.carry(rider);
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof IdempotencyKeyUsed)) throw error;
    const record = error.record ?? (await findIdempotencyRecord(request.db, claim.workspaceId, claim.keyHash, claim.now));
    return answerOf(record, idempotency);
  }
}

/**
 * Settles a request that claimed its key, once it has answered. The claim
 * committed with a write, so whatever the request answered (a 4xx too: the
 * write batch ran) is stored, sealed, for its retries. A refusal decided
 * before any write claimed nothing, so a corrected retry with the key runs.
 * After a 5xx the claim stays without an answer: the operation committed,
 * so retries are refused (409) rather than run again. Never throws: the
 * answer goes out whatever D1 says.
 */
export async function settleIdempotency(request: AppRequest, response: Response): Promise<Response> {
  const pending = claims.get(request);
  if (!pending?.rider.claimed || response.status >= 500) return response;
  claims.delete(request);
  const { claim } = pending;
  const kept = await storable(response);
  try {
    await storeAnswer(request.db, claim, await sealAnswer(request.idempotency!.key, claim.requestId, kept.answer));
  } catch (error) {
    logProblem(request, "idempotency_record_failed", { error: String(error) });
  }
  return kept.response;
}

/** What a request answers when a live record holds its key. */
async function answerOf(record: IdempotencyRecord | null, idempotency: IdempotentRequest): Promise<Response> {
  // The claim that refused this one is gone (it expired since): the first is no longer running either way.
  if (!record) throw idempotencyKeyInProgress();
  if (record.fingerprint !== idempotency.fingerprint) throw idempotencyKeyReused(idempotency.key);
  if (record.answer === null) {
    const running = Date.now() - Date.parse(record.createdAt) < STILL_RUNNING_MS;
    throw running ? idempotencyKeyInProgress() : idempotencyAnswerLost(record.requestId);
  }
  return replayOf(await openAnswer(idempotency.key, record.requestId, record.answer));
}

/** What a retry must repeat: the method, the path and query, and the body as read (routes that read none: empty). */
function fingerprintText(request: AppRequest): string {
  return `${request.method}\n${request.parsedUrl.pathname}${request.parsedUrl.search}\n${request.bodyText ?? ""}`;
}
