import type { Params } from "./params";

/** One page of a keyset walk over UUIDv7 ids (creation order). */
export interface KeysetPage {
  limit: number;
  after?: string | undefined;
  before?: string | undefined;
}

/**
 * The tail of a SELECT that reads one page on the (workspace_id, id) index:
 * `AND id ... ORDER BY id ... LIMIT limit+1`, its parameters added to `params`.
 * The extra row tells whether more lie in the direction of travel.
 */
export function keysetTail(page: KeysetPage, params: Params): string {
  if (page.before !== undefined) return `AND id < ${params.add(page.before)} ORDER BY id DESC LIMIT ${params.add(page.limit + 1)}`;
  if (page.after !== undefined) return `AND id > ${params.add(page.after)} ORDER BY id ASC LIMIT ${params.add(page.limit + 1)}`;
  return `ORDER BY id ASC LIMIT ${params.add(page.limit + 1)}`;
}

/** Trims the look-ahead row and restores ascending order. */
export function keysetPage<T>(rows: T[], page: KeysetPage): { items: T[]; hasMore: boolean } {
  const hasMore = rows.length > page.limit;
  const items = rows.slice(0, page.limit);
  if (page.before !== undefined) items.reverse();
  return { items, hasMore };
}
