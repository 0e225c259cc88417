import * as z from "../shared/zod";
import { EVENT_TYPES } from "../shared/eventTypes";
import { IsoTimestamp, PageLimit, text } from "../shared/text";

export const EventType = z.enum(EVENT_TYPES);

/** GET /api/events: Sequence-style `limit` and `after`, filters by type (comma-separated) and time. */
export const EventListQuery = z.strictObject({
  limit: PageLimit,
  after: z
    .optional(z.pipe(text({ max: 20 }).check(z.regex(/^[1-9][0-9]{0,15}$/, "after must be a pagination.after of this feed")), z.transform(Number)))
    .check(...z.described(DOCUMENTED && "The previous page's `pagination.after`.")),
  type: z
    .optional(z.pipe(z.pipe(text({ max: 2000 }), z.transform((value: string) => value.split(","))), z.array(EventType)))
    .check(...z.described(DOCUMENTED && "Only these types, comma-separated (e.g. `seat.assigned,seat.unassigned`).")),
  from: z.optional(IsoTimestamp).check(...z.described(DOCUMENTED && "Events at or after this time (ISO 8601).")),
  to: z.optional(IsoTimestamp).check(...z.described(DOCUMENTED && "Events before this time (ISO 8601).")),
});
export type EventListQuery = z.output<typeof EventListQuery>;

