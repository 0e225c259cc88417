import * as z from "../shared/zod";
import { PageLimit, text, Uuid } from "../shared/text";

/** `true` or `false` in a query string. */
export const QueryBoolean = z.pipe(
  z.enum(["true", "false"]),
  z.transform((value: "true" | "false") => value === "true"),
);

/**
 * Sequence's cursor pagination: `limit` 1-100 (default 20), `after` or
 * `before` an opaque cursor (here the id of the item at the page edge).
 * Any other parameter is refused, as on Sequence's other lists.
 */
export const SequencePageQuery = z
  .strictObject({
    limit: PageLimit,
    after: z.optional(Uuid),
    before: z.optional(Uuid),
  })
  .check(z.refine((query) => !(query.after && query.before), { message: "Pass either after or before, not both" }));

export type SequencePageQuery = z.infer<typeof SequencePageQuery>;

/** The query of a Sequence list that takes no parameters: any parameter is refused, as on the paged lists. */
export const NoQuery = z.strictObject({});

/**
 * How a list's pagination object says there is no page after (or before):
 * `null` (Sequence's PaginationMeta: seat metrics) or by leaving the cursor
 * out (PaginationMeta5, whose cursors are not nullable: customers, aliases).
 */
export type AbsentCursor = "null" | "omit";

/**
 * `{"items", "pagination": {"after","before","totalResultSize"}}` for one
 * page in the list's order. `resume`: the cursor where the next page in the
 * direction of travel starts, when a bounded read ended this one early.
 */
export function sequencePage<T, W>(
  page: { items: T[]; hasMore: boolean; total: number | null; resume?: string | undefined },
  query: { after?: unknown; before?: unknown },
  cursorOf: (item: T) => string,
  toWire: (item: T) => W,
  absent: AbsentCursor = "null",
) {
  const first = page.items[0];
  const last = page.items.at(-1);
  const movingBack = query.before !== undefined;
  const moreAfter = movingBack ? true : page.hasMore;
  const moreBefore = movingBack ? page.hasMore : query.after !== undefined;
  const after = moreAfter ? (!movingBack && page.resume) || (last && cursorOf(last)) || null : null;
  const before = moreBefore ? (movingBack && page.resume) || (first && cursorOf(first)) || null : null;
  return {
    items: page.items.map(toWire),
    pagination: {
      ...(absent === "null" || after !== null ? { after } : {}),
      ...(absent === "null" || before !== null ? { before } : {}),
      totalResultSize: page.total,
    },
  };
}

/** An opaque cursor for the sort-key values of a page's edge: base64url of their JSON. */
export function encodeCursor(keys: readonly (string | number)[]): string {
  const bytes = new TextEncoder().encode(JSON.stringify(keys));
  return btoa(String.fromCharCode(...bytes)).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

/** The values of a cursor encodeCursor() made; undefined for anything else. */
export function decodeCursor(cursor: string): unknown[] | undefined {
  try {
    const binary = atob(cursor.replaceAll("-", "+").replaceAll("_", "/"));
    const decoded: unknown = JSON.parse(new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))));
    return Array.isArray(decoded) ? decoded : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A query parameter that must be a cursor of this list: decoded, then
 * checked by `valid` (the list's sort-key shape). 400 naming the parameter
 * otherwise.
 */
export function CursorParam<T>(valid: z.core.$ZodType<T>) {
  return z.pipe(
    text({ max: 2000 }),
    z.transform((cursor: string, context): T => {
      const parsed = z.safeParse(valid, decodeCursor(cursor));
      if (parsed.success) return parsed.data;
      context.issues.push({ code: "custom", message: "is not a cursor of this list (pass back pagination.after or pagination.before)", input: cursor });
      return z.NEVER;
    }),
  );
}

/**
 * The check of a sorted list's query: after or before, not both, and each
 * cursor one of the query's own sort (its name first, then keys `keys` accepts).
 */
export function SortedCursors<Q extends { after?: readonly unknown[] | undefined; before?: readonly unknown[] | undefined }>(
  sortOf: (query: Q) => { name: string; keys: z.core.$ZodType },
) {
  return z.superRefine((query: Q, context) => {
    if (query.after && query.before) context.addIssue({ code: "custom", message: "Pass either after or before, not both" });
    const sort = sortOf(query);
    for (const name of ["after", "before"] as const) {
      const cursor = query[name];
      if (cursor === undefined) continue;
      if (cursor[0] !== sort.name || !z.safeParse(sort.keys, cursor.slice(1)).success) {
        context.addIssue({ code: "custom", path: [name], message: `is not a cursor of this list sorted by ${sort.name}` });
      }
    }
  });
}
