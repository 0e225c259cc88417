import * as z from "../shared/zod";

/** Datadog's cursor page `meta` (its SeatUserMeta): both cursors are strings, absent (never null) when there is none. */
export const DatadogPageMeta = z.object({
  cursor: z.optional(z.string()).check(z.meta({ description: "The page[cursor] this page was asked with; absent on the first page." })),
  limit: z.number().check(z.int()),
  next_cursor: z.optional(z.string()).check(z.meta({ description: "The cursor of the next page; absent on the last page." })),
});

/** `meta` of a cursor page: the cursor it was asked with and the next page's, each only when there is one. */
export function datadogPageMeta(cursor: string | undefined, limit: number, next: string | undefined): z.infer<typeof DatadogPageMeta> {
  return { ...(cursor !== undefined && { cursor }), limit, ...(next !== undefined && { next_cursor: next }) };
}
