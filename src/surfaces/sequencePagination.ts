import * as z from "zod";
import { Uuid } from "../shared/text";

/**
 * Sequence's cursor pagination: `limit` 1-100 (default 20), `after` or
 * `before` an opaque cursor (here the id of the item at the page edge).
 */
export const SequencePageQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(20),
    after: Uuid.optional(),
    before: Uuid.optional(),
  })
  .refine((query) => !(query.after && query.before), { message: "Pass either after or before, not both" });

export type SequencePageQuery = z.infer<typeof SequencePageQuery>;

/** The response schema of a Sequence list of `item`s, as sequencePage() builds it. */
export function SequencePage<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    pagination: z.object({
      after: z.string().nullable().meta({ description: "Cursor of the next page; null on the last page." }),
      before: z.string().nullable().meta({ description: "Cursor of the previous page; null on the first page." }),
      totalResultSize: z.number().int().min(0),
    }),
  });
}

/** `{"items", "pagination": {"after","before","totalResultSize"}}` for one page in ascending order. */
export function sequencePage<T, W>(
  page: { items: T[]; hasMore: boolean; total: number },
  query: SequencePageQuery,
  idOf: (item: T) => string,
  toWire: (item: T) => W,
) {
  const first = page.items[0];
  const last = page.items.at(-1);
  const movingBack = query.before !== undefined;
  const moreAfter = movingBack ? true : page.hasMore;
  const moreBefore = movingBack ? page.hasMore : query.after !== undefined;
  return {
    items: page.items.map(toWire),
    pagination: {
      after: moreAfter && last ? idOf(last) : null,
      before: moreBefore && first ? idOf(first) : null,
      totalResultSize: page.total,
    },
  };
}
