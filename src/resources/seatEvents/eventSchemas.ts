import * as z from "../../shared/zod";
import type { SeatEvent, SeatEventFilters, SeatEventPage, SeatEventSort } from "../../db/seatEvents";
import type { KeyValues } from "../../db/keyset";
import type { SeatEventWire } from "./responses";
import { IsoTimestamp, PageLimit, text } from "../../shared/text";
import { CursorParam, SortedCursors } from "../../surfaces/sequencePagination";
import { CommaList } from "./query";

/**
 * POST /api/seat-events (Sequence's CreateSeatEventEndpointCreateSeatEventRequestModel).
 * `total` is the customer's level for the seat type at `eventTimestamp`, not
 * a change; Sequence sets no minimum, Seatkeeper refuses a negative one.
 */
export const PostSeatEventBody = z.object({
  customerEventId: z.optional(z.nullable(text({ min: 1, max: 255 }))).check(
    ...z.described(DOCUMENTED && "Your id for the event; a later event with the same id supersedes this one. Absent or null: the event's own id."),
  ),
  // Trimmed as alias values are when written (POST /api/customer-aliases).
  customerAlias: text({ min: 1, max: 200, trim: true }).check(...z.described(DOCUMENTED && "A customer id, or else a customer alias value.")),
  seatType: text({ min: 1, max: 100 }).check(...z.described(DOCUMENTED && "The seatType of a seat metric.")),
  eventTimestamp: IsoTimestamp.check(...z.described(DOCUMENTED && "ISO 8601, with Z or an offset; answered in UTC.")),
  total: z.number().check(z.int(), z.minimum(0), ...z.described(DOCUMENTED && "Seats consumed: 0 or more.")),
});
export type PostSeatEventBody = z.output<typeof PostSeatEventBody>;

const SORTS = ["createdAt", "eventTimestamp"] as const satisfies readonly SeatEventSort[];

/** A cursor: the sort's name, then its key values (seq; or eventTimestamp and seq). */
const Cursor = CursorParam(z.tuple([z.enum(SORTS)], z.union([z.string(), z.number()])));

function cursorKeys(sort: SeatEventSort): z.core.$ZodType<KeyValues> {
  return sort === "createdAt" ? z.tuple([z.number()]) : z.tuple([z.string(), z.number()]);
}

/** GET /api/seat-events: Sequence's documented parameters, each applied; any other is refused (400). */
export const SeatEventListQuery = z
  .strictObject({
    limit: PageLimit,
    after: z.optional(Cursor).check(...z.described(DOCUMENTED && "Cursor: `pagination.after` of the page before.")),
    before: z.optional(Cursor).check(...z.described(DOCUMENTED && "Cursor: `pagination.before` of the page after.")),
    sortBy: z._default(z.enum(SORTS), "createdAt").check(...z.described(DOCUMENTED && "createdAt (when recorded; the default) or eventTimestamp.")),
    sortOrder: z._default(z.enum(["ASC", "DESC"]), "DESC").check(...z.described(DOCUMENTED && "Default DESC.")),
    customerAlias: z.optional(text({ min: 1, max: 200 })).check(
      ...z.described(DOCUMENTED && "Events whose customerAlias is exactly this (Seatkeeper's own events carry the customer id)."),
    ),
    customerIds: z.optional(CommaList(25, "customer ids")).check(
      ...z.described(DOCUMENTED && "Comma-separated, at most 25: the events of these customers, whichever alias or id they were posted with."),
    ),
    seatType: z.optional(CommaList(25, "seat types")).check(...z.described(DOCUMENTED && "Comma-separated, at most 25.")),
    customerEventId: z.optional(text({ min: 1, max: 255 })),
    eventTimestampBefore: z.optional(IsoTimestamp).check(...z.described(DOCUMENTED && "eventTimestamp strictly before this.")),
    eventTimestampAfter: z.optional(IsoTimestamp).check(...z.described(DOCUMENTED && "eventTimestamp strictly after this.")),
  })
  .check(SortedCursors((query) => ({ name: query.sortBy, keys: cursorKeys(query.sortBy) })));
export type SeatEventListQuery = z.output<typeof SeatEventListQuery>;

/** The data layer's filters and page of a valid query. */
export function toEventListArgs(query: SeatEventListQuery): { filters: SeatEventFilters; page: SeatEventPage } {
  const keys = (cursor: readonly unknown[] | undefined) => cursor?.slice(1) as KeyValues | undefined;
  return {
    filters: {
      customerAlias: query.customerAlias,
      customerIds: query.customerIds?.map((id) => id.toLowerCase()),
      seatTypes: query.seatType,
      customerEventId: query.customerEventId,
      before: query.eventTimestampBefore,
      after: query.eventTimestampAfter,
    },
    page: { sort: query.sortBy, direction: query.sortOrder, limit: query.limit, after: keys(query.after), before: keys(query.before) },
  };
}

/** A seat event in Sequence's wire shape (SeatEvent; the same fields as the 201 answer). */
export function toSeatEventWire(event: SeatEvent): SeatEventWire {
  return {
    id: event.id,
    customerEventId: event.customerEventId,
    customerAlias: event.customerAlias,
    seatType: event.seatType,
    sequenceAccountId: event.workspaceId,
    eventTimestamp: event.eventTimestamp,
    total: event.total,
  };
}
