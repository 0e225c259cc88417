import * as z from "../../shared/zod";
import { MAX_USER_IDS } from "../../db/seatAssignments";
import type { SeatHolder } from "../../db/seatAssignments";
import type { AssignSeatsWire, DatadogPageMetaWire, SeatUserWire } from "./responses";
import { queryInteger, recordId, text, Uuid } from "../../shared/text";
import { datadogPageMeta } from "../../surfaces/datadog";

/** A user id: a UUID in any case; any other text up to 255 characters (even "") names no user, which is a 422, not a shape error. */
const UserUuid = recordId();

/**
 * Datadog's assign and unassign body (the same for both). `product_code` and
 * `user_uuids` are required on the wire, but a request missing them is
 * answered 422 as Datadog does, not 400: seatChangeOf checks them after the
 * shape is known to be right, product_code first (Datadog answers
 * `{"product_code":"","user_uuids":[""]}` with "product_code is required").
 * Datadog's schema leaves `data` itself optional: `{}` lacks a product code.
 */
export const SeatAssignmentsBody = z.object({
  data: z.optional(z.object({
    id: z.optional(text({ max: 100 })),
    type: z.literal("seat-assignments"),
    attributes: z.object({
      product_code: z.optional(text({ max: 100 })),
      user_uuids: z.optional(z.array(UserUuid)),
    }),
  })),
});
export type SeatAssignmentsBody = z.infer<typeof SeatAssignmentsBody>;

/** GET /api/v2/seats/users query; URLSearchParams decodes `page%5Blimit%5D` to `page[limit]`. */
export const SeatUsersQuery = z.object({
  // Datadog's own words for a missing product code (its recorded answer).
  product_code: text({ min: 1, max: 100, missing: "product_code query parameter is required" }),
  "page[limit]": queryInteger("page[limit]", 1, MAX_USER_IDS, 100),
  // The previous page's meta.next_cursor, a user id: any other text is refused rather than read as an empty last page.
  "page[cursor]": z.optional(Uuid),
});
export type SeatUsersQuery = z.infer<typeof SeatUsersQuery>;

/** One seat holder in Datadog's `seat-users` shape: an email or name the user lacks is left out (Datadog's strings are never null). */
export function toSeatUser({ userId, assignedAt, email, name }: SeatHolder): SeatUserWire {
  return {
    id: userId,
    type: "seat-users",
    attributes: { assigned_at: assignedAt, ...(email !== null && { email }), ...(name !== null && { name }) },
  };
}

/** The 201 answer of an assignment: the users this request newly seated. */
export function toAssignResponse(id: string, productCode: string, assignedIds: string[]): AssignSeatsWire {
  return { data: { id, type: "seat-assignments", attributes: { assigned_ids: assignedIds, product_code: productCode } } };
}

/** `meta` of a holders page: a cursor appears only when there is one (Datadog's strings are never null). */
export function seatUsersMeta(
  cursor: string | undefined,
  limit: number,
  page: { items: SeatHolder[]; hasMore: boolean },
): DatadogPageMetaWire {
  return datadogPageMeta(cursor, limit, page.hasMore ? page.items.at(-1)?.userId : undefined);
}
