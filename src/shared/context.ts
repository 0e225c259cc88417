import type { IRequest } from "itty-router";
import type { Permission } from "./permissions";
import type { Surface } from "./surface";

/** Who is calling: set by the auth middleware before any tenant handler runs. */
export interface AuthContext {
  workspaceId: string;
  /** The workspace's rowid: numbers its partition of the search index (src/db/search/). */
  workspaceRowid: number;
  keyId: string;
  permissions: readonly Permission[];
}

/**
 * The check that a signed-in caller's key is still active, made inside the
 * request's first D1 batch (src/db/keyGate.ts implements it).
 */
export interface KeyGate {
  /** D1 for this request's statements: until the key is confirmed, each call carries the check. */
  readonly db: D1Database;
  /** Whether a batch has already found the key active. */
  readonly confirmed: boolean;
  /** Checks the key on its own (one round trip) unless a batch already did; throws KeyInactive. */
  confirm(): Promise<void>;
  /** Records that a check elsewhere (a Durable Object's batch) found the key active. */
  confirmedElsewhere(): void;
}

export type AppRequest = IRequest & {
  surface: Surface;
  auth: AuthContext;
  /** Where handlers send their statements: env.DB, behind the key gate for signed-in requests. */
  db: D1Database;
  /** Absent on public and admin routes. */
  keyGate?: KeyGate;
};

export type RouteArgs = [env: Env, ctx: ExecutionContext];

/** Middleware: returns a Response to answer, or nothing to pass the request on. */
export type Middleware = (request: AppRequest, env: Env, ctx: ExecutionContext) => Response | void | Promise<Response | void>;
