/** One page of a keyset walk over UUIDv7 ids (creation order). */
export interface KeysetPage {
  limit: number;
  after?: string | undefined;
  before?: string | undefined;
}

/**
 * The tail of a SELECT that reads one page on the (workspace_id, id) index:
 * `AND id ... ORDER BY id ... LIMIT limit+1`. The extra row tells whether
 * more lie in the direction of travel. Parameters are numbered from `first`.
 */
export function keysetTail(page: KeysetPage, first: number): { sql: string; params: (string | number)[] } {
  if (page.before !== undefined) {
    return { sql: `AND id < ?${first} ORDER BY id DESC LIMIT ?${first + 1}`, params: [page.before, page.limit + 1] };
  }
  if (page.after !== undefined) {
    return { sql: `AND id > ?${first} ORDER BY id ASC LIMIT ?${first + 1}`, params: [page.after, page.limit + 1] };
  }
  return { sql: `ORDER BY id ASC LIMIT ?${first}`, params: [page.limit + 1] };
}

/** Trims the look-ahead row and restores ascending order. */
export function keysetPage<T>(rows: T[], page: KeysetPage): { items: T[]; hasMore: boolean } {
  const hasMore = rows.length > page.limit;
  const items = rows.slice(0, page.limit);
  if (page.before !== undefined) items.reverse();
  return { items, hasMore };
}
