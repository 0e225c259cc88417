import type { IRequest } from "itty-router";
import type { Permission } from "./permissions";
import type { Surface } from "./surface";

/** Who is calling: set by the auth middleware before any tenant handler runs. */
export interface AuthContext {
  /**
   * The key's workspace. For a key this isolate has not seen yet it is a
   * placeholder (UNSEEN_WORKSPACE, src/db/keyGate.ts) until the request's
   * first batch has read the key: a statement may bind it, and the key gate
   * puts the key's workspace in its place in SQL. Any other use must first
   * await `request.keyGate.identify()`.
   */
  workspaceId: string;
  keyId: string;
  /** Empty until the first batch has read a key this isolate had not seen. */
  permissions: readonly Permission[];
}

/**
 * The check of a signed-in caller's key, made inside the request's first
 * D1 batch (src/db/keyGate.ts implements it, docs/key-check.md explains it).
 */
export interface KeyGate {
  /** D1 for this request's statements: until the key is confirmed, each batch carries the check. */
  readonly db: D1Database;
  /** Whether a batch has already found the key active (and, for a key not seen before, valid). */
  readonly confirmed: boolean;
  /** Checks the key on its own (one round trip) unless a batch already did; throws KeyInactive or KeyLacksPermission. */
  confirm(): Promise<void>;
  /** Makes `request.auth` hold the key's workspace: a lookup for a key no batch has read yet, else nothing. */
  identify(): Promise<void>;
  /** Records that a check elsewhere (a Durable Object's batch) found the key active. */
  confirmedElsewhere(): void;
}

/** The bookmarks of a request's D1 session (D1's Sessions API), answered in `x-d1-bookmark`. */
export interface SessionBookmarks {
  /** The newest bookmark the request's reads and writes reached; null before any query. */
  latest(): string | null;
  /** Notes a bookmark reached by D1 work done elsewhere for this request (the seat object's session). */
  reached(bookmark: string | null): void;
}

/** A request as itty-router hands it on (`query`: a repeated key becomes an array; `params`: still percent-encoded). */
export type AppRequest = IRequest & {
  /** The request's URL, parsed once by the router. */
  parsedUrl: URL;
  surface: Surface;
  auth: AuthContext;
  /** Where handlers send their statements: env.DB, a session of it, behind the key gate for signed-in requests. */
  db: D1Database;
  /** Absent on public and admin routes. */
  keyGate?: KeyGate;
  /** The D1 session of signed-in and admin routes. */
  session?: SessionBookmarks;
};

export type RouteArgs = [env: Env, ctx: ExecutionContext];

/** Middleware: returns a Response to answer, or nothing to pass the request on. */
export type Middleware = (request: AppRequest, env: Env, ctx: ExecutionContext) => Response | void | Promise<Response | void>;
