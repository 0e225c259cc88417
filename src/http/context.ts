import type { IRequest } from "itty-router";
import type { Permission } from "../auth/permissions";
import type { KeyGate } from "../db/keyGate";
import type { Surface } from "../surfaces/surface";

/** Who is calling: set by the auth middleware before any tenant handler runs. */
export interface AuthContext {
  workspaceId: string;
  /** The workspace's rowid: numbers its partition of the search index (src/db/userSearch.ts). */
  workspaceRowid: number;
  keyId: string;
  permissions: readonly Permission[];
}

export type AppRequest = IRequest & {
  surface: Surface;
  auth: AuthContext;
  /** Where handlers send their statements: env.DB, behind the key gate for signed-in requests. */
  db: D1Database;
  /** The check that the caller's key is still active (src/db/keyGate.ts); absent on public and admin routes. */
  keyGate?: KeyGate;
};

export type RouteArgs = [env: Env, ctx: ExecutionContext];

/** A route handler or middleware: returns a Response, or nothing to pass the request on. */
export type Handler = (request: AppRequest, env: Env, ctx: ExecutionContext) => Response | void | Promise<Response | void>;
