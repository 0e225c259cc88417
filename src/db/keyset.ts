import type { Params } from "./params";

/** One page of a keyset walk over UUIDv7 ids (creation order). */
export interface KeysetPage {
  limit: number;
  after?: string | undefined;
  before?: string | undefined;
}

export type SortDirection = "ASC" | "DESC";

/** The sort-key values of one row: a cursor names the row at a page's edge. */
export type KeyValues = readonly (string | number)[];

/** One page of a walk in a total order over some sort keys (the last one unique), in either direction. */
export interface SortedPage {
  limit: number;
  direction: SortDirection;
  after?: KeyValues | undefined;
  before?: KeyValues | undefined;
}

/**
 * The tail of a SELECT that reads one page on the (workspace_id, id) index:
 * `AND id ... ORDER BY id ... LIMIT limit+1`, its parameters added to `params`.
 * The extra row tells whether more lie in the direction of travel.
 */
export function keysetTail(page: KeysetPage, params: Params): string {
  const cursor = (id: string | undefined) => (id === undefined ? undefined : [id]);
  return sortedTail(["id"], { limit: page.limit, direction: "ASC", after: cursor(page.after), before: cursor(page.before) }, params);
}

/**
 * The tail of a SELECT that reads one page in the order of `keys` (SQL
 * expressions an index serves, the last one unique): the bound past the
 * cursor as a row value, ORDER BY and LIMIT limit+1 (or `limit`, an SQL
 * expression SQLite evaluates once, before reading). `before` walks back, so
 * it reads in the opposite order; keysetPage() restores the list's order.
 */
export function sortedTail(keys: readonly string[], page: SortedPage, params: Params, limit?: string): string {
  const travel = travelDirection(page);
  const cursor = page.before ?? page.after;
  const bound =
    cursor === undefined
      ? ""
      : `AND (${keys.join(", ")}) ${travel === "ASC" ? ">" : "<"} (${cursor.map((value) => params.add(value)).join(", ")})`;
  return `${bound} ORDER BY ${keys.map((key) => `${key} ${travel}`).join(", ")} LIMIT ${limit ?? params.add(page.limit + 1)}`;
}

/** The order rows are read in: the list's own, reversed when walking back from `before`. */
export function travelDirection(page: Pick<SortedPage, "direction" | "before">): SortDirection {
  if (page.before === undefined) return page.direction;
  return page.direction === "ASC" ? "DESC" : "ASC";
}

/** Trims the look-ahead row and restores the list's order. */
export function keysetPage<T>(rows: T[], page: { limit: number; before?: unknown }): { items: T[]; hasMore: boolean } {
  const hasMore = rows.length > page.limit;
  const items = rows.slice(0, page.limit);
  if (page.before !== undefined) items.reverse();
  return { items, hasMore };
}
