import type { Params } from "../params";
import { toUser, type User, type UserRow } from "../users";

/** One page of a users list, in id (creation) order. */
export interface UserPage {
  items: User[];
  hasMore: boolean;
  /**
   * Where the next page starts (after this id): the last item, or, when a
   * bounded scan stopped early, the last user it looked at.
   */
  resumeAfter: string | undefined;
}

/** The filters over `users` as SQL, with their parameters (?1 is the workspace id). */
export interface Where {
  /** Everything but the search, joined with AND. */
  filters: string;
  /** The exact substring rule, when searching. */
  search: string | undefined;
  /** The search term's parameter (case folded), when searching. */
  term?: string | undefined;
  /** Fork it to add a statement's own parameters. */
  params: Params;
}

/** Every filter of `where`, the exact rule included. */
export const whereSql = (where: Where) => (where.search ? `${where.filters} AND ${where.search}` : where.filters);

/** The page of up to `limit + 1` rows read in id order: the extra row only says there is more. */
export function pageOf(rows: UserRow[], limit: number): UserPage {
  const items = rows.slice(0, limit).map(toUser);
  return { items, hasMore: rows.length > limit, resumeAfter: items.at(-1)?.id };
}
