import type { SessionBookmarks } from "../shared/context";

/**
 * A request's D1 session (`withSession`): its reads may be served by a read
 * replica at least as fresh as `constraint` (a bookmark, or D1's
 * "first-primary" / "first-unconstrained"), and it remembers the newest
 * bookmark the request reached, to answer it to the client.
 */
export class RequestSession implements SessionBookmarks {
  readonly db: D1DatabaseSession;
  #elsewhere: string | null = null;

  constructor(database: D1Database, constraint: D1SessionConstraint | D1SessionBookmark) {
    this.db = database.withSession(constraint);
  }

  latest(): string | null {
    return newer(this.db.getBookmark(), this.#elsewhere);
  }

  reached(bookmark: string | null): void {
    this.#elsewhere = newer(this.#elsewhere, bookmark);
  }
}

// D1's bookmarks sort lexicographically from oldest to newest (D1's Time Travel docs).
function newer(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return b > a ? b : a;
}
