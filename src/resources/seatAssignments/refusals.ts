import { type ApiError, KeyInactive, unprocessable } from "../../shared/errors";
import type { AuthContext } from "../../shared/context";
import { SeatType } from "../../shared/seatType";
import { MAX_USER_IDS, type SeatChange, type SeatRefusal } from "../../db/seatAssignments";
import { isUuidShaped } from "../../shared/text";
import type { SeatAssignmentsBody } from "./schemas";

/**
 * The change a well-shaped body asks for, duplicates collapsed. Missing
 * product code and empty user list are 422, in Datadog's order and words
 * (its recorded answers; its client only shows error bodies for 400, 422
 * and 429). Ids that name no user (even "") are the object's 422 verdict.
 */
export function seatChangeOf({ workspaceId, keyId }: AuthContext, requestId: string, body: SeatAssignmentsBody): SeatChange {
  const { product_code: productCode, user_uuids: userUuids } = body.data.attributes;
  if (!productCode) throw unprocessable("product_code is required", "missing_product_code");
  // A code that cannot be a seat type is refused before any object is made for it.
  if (!SeatType.safeParse(productCode).success) throw seatRefusalError({ kind: "unknown_product_code", productCode });
  if (!userUuids || userUuids.length === 0) throw unprocessable("user_uuids is required and must not be empty", "empty_user_uuids");
  const userIds = [...new Set(userUuids)];
  if (userIds.length > MAX_USER_IDS) {
    throw unprocessable(`user_uuids names ${userIds.length} users; at most ${MAX_USER_IDS} per request`, "too_many_user_uuids");
  }
  return { workspaceId, productCode, userIds, keyId, requestId };
}

/**
 * The error a refused change becomes: 422 saying what was unknown or how
 * many seats are free; an inactive key becomes the auth layer's 401.
 */
export function seatRefusalError(reason: SeatRefusal): ApiError | KeyInactive {
  switch (reason.kind) {
    case "key_inactive":
      return new KeyInactive(reason.keyId);
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
