import { type ApiError, idempotencyKeyInProgress, idempotencyKeyReused, KeyInactive, KeyLacksPermission, unprocessable } from "../../shared/errors";
import type { AppRequest } from "../../shared/context";
import { mintId } from "../../shared/ids";
import { SeatType } from "../../shared/seatType";
import { IDEMPOTENCY_RETENTION_MS } from "../../db/idempotency";
import { MAX_USER_IDS, type SeatChange, type SeatChangeResult, type SeatIdempotency, type SeatRefusal } from "../../db/seatAssignments";
import { isUuidShaped } from "../../shared/text";
import type { SeatAssignmentsBody } from "./schemas";

/**
 * The change a well-shaped body asks for in `workspaceId`, duplicates
 * collapsed, with the key as the request presented it (the object's batch
 * checks it). Missing product code and empty user list are 422, in
 * Datadog's order and words (its recorded answers; its client only shows
 * error bodies for 400, 422 and 429). Ids that name no user (even "") are
 * the object's 422 verdict.
 */
export function seatChangeOf(
  workspaceId: string,
  request: Pick<AppRequest, "id" | "keyGate">,
  body: SeatAssignmentsBody,
  idempotency?: SeatIdempotency,
): SeatChange {
  const { product_code: productCode, user_uuids: userUuids } = body.data?.attributes ?? {};
  if (!productCode) throw unprocessable("product_code is required", "missing_product_code");
  // A code that cannot be a seat type is refused before any object is made for it.
  if (!SeatType.safeParse(productCode).success) throw seatRefusalError({ kind: "unknown_product_code", productCode });
  if (!userUuids || userUuids.length === 0) throw unprocessable("user_uuids is required and must not be empty", "empty_user_uuids");
  const userIds = [...new Set(userUuids)];
  if (userIds.length > MAX_USER_IDS) {
    throw unprocessable(`user_uuids names ${userIds.length} users; at most ${MAX_USER_IDS} per request`, "too_many_user_uuids");
  }
  return { workspaceId, productCode, userIds, key: request.keyGate?.presented, requestId: request.id, idempotency };
}

/** The claim of the request's Idempotency-Key, if it sent one, for the seat object's batch to write. */
export function seatIdempotencyOf(request: Pick<AppRequest, "idempotency">): SeatIdempotency | undefined {
  if (!request.idempotency) return undefined;
  const { keyHash, fingerprint } = request.idempotency;
  const expiresAt = new Date(Date.now() + IDEMPOTENCY_RETENTION_MS).toISOString();
  return { keyHash, fingerprint, expiresAt, responseId: mintId().id };
}

/** What a change did (the users it changed, in request order), and whether this answer repeats an earlier one's. */
export interface ChangeOutcome {
  changed: string[];
  /** The answer's `data.id`: the first answer's on a replay. */
  responseId: string;
  replayed: boolean;
}

/**
 * What a change did, or the error its refusal becomes. A retry with the
 * request's Idempotency-Key is answered what the first change did, from the
 * record the object's batch wrote with it: 422 for a key first used for
 * another request, 409 while a request of another route holds it.
 */
export function changeOutcome(result: SeatChangeResult, change: SeatChange, request: Pick<AppRequest, "idempotency">): ChangeOutcome {
  if (result.ok) return { changed: result.changed, responseId: change.idempotency?.responseId ?? mintId().id, replayed: false };
  const { reason } = result;
  if (reason.kind !== "idempotency_key_used") throw seatRefusalError(reason);
  if (reason.fingerprint !== change.idempotency?.fingerprint) throw idempotencyKeyReused(request.idempotency!.key);
  if (!reason.outcome) throw idempotencyKeyInProgress();
  const changed = new Set(reason.outcome.changed);
  return { changed: change.userIds.filter((id) => changed.has(id)), responseId: reason.outcome.response_id, replayed: true };
}

/** The header a replayed answer carries. */
export function replayHeaders(outcome: ChangeOutcome): Record<string, string> {
  return outcome.replayed ? { "Idempotent-Replayed": "true" } : {};
}

/**
 * The error a refused change becomes: 422 saying what was unknown or how
 * many seats are free; an inactive key becomes the auth layer's 401, a key
 * without the permission its 403.
 */
export function seatRefusalError(reason: Exclude<SeatRefusal, { kind: "idempotency_key_used" }>): ApiError | KeyInactive | KeyLacksPermission {
  switch (reason.kind) {
    case "key_inactive":
      return new KeyInactive(reason.keyId);
    case "key_lacks_permission":
      return new KeyLacksPermission(reason.anyOf);
    case "unknown_product_code":
      return unprocessable(
        `Product code '${reason.productCode}' is not a seat type of this workspace (create it with POST /api/seat-metrics)`,
        "unknown_product_code",
      );
    case "unknown_users":
      return unprocessable(`Unknown user ids in this workspace: ${listed(reason.userIds)}`, "unknown_users");
    case "over_cap": {
      const free = Math.max(0, reason.maxSeats - reason.seatsHeld);
      return unprocessable(
        `Not enough seats: ${reason.requested} requested, ${free} of ${reason.maxSeats} free; nothing was assigned`,
        "seat_limit_reached",
      );
    }
  }
}

function listed(ids: string[]): string {
  // Quoted unless UUID-shaped, so that "" or " " shows as what it is.
  const shown = ids.slice(0, 10).map((id) => (isUuidShaped(id) ? id : JSON.stringify(id))).join(", ");
  return ids.length > 10 ? `${shown} and ${ids.length - 10} more` : shown;
}
