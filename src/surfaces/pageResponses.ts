// The answer schemas of the surfaces' list pages: only the resources' responses.ts modules use
// them, which only the route table's docs name, so the Worker's build leaves them out.
import * as z from "../shared/zod";
import type { AbsentCursor } from "./sequencePagination";

/** The response schema of a Sequence list of `item`s, as sequencePage() builds it. */
export function SequencePage<T extends z.core.$ZodType>(item: T, absent: AbsentCursor = "null") {
  const cursor = (description: string) =>
    absent === "null"
      ? z.nullable(z.string()).check(...z.described(DOCUMENTED && `${description}; null when there is none.`))
      : z.optional(z.string()).check(...z.described(DOCUMENTED && `${description}; absent when there is none.`));
  return z.object({
    items: z.array(item),
    pagination: z.object({
      after: cursor("Cursor of the next page"),
      before: cursor("Cursor of the previous page"),
      totalResultSize: z.number().check(z.int(), z.minimum(0)),
    }),
  });
}

export const SeamPagination = z.object({
  has_next_page: z.boolean(),
  next_page_cursor: z.nullable(z.string()),
  next_page_url: z.nullable(z.url()),
});

export type SeamPaginationWire = z.infer<typeof SeamPagination>;
