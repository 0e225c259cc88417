import type { IRequest } from "itty-router";
import type { Permission } from "../auth/permissions";
import type { Surface } from "../surfaces/surface";

/** Who is calling: set by the auth middleware before any tenant handler runs. */
export interface AuthContext {
  workspaceId: string;
  keyId: string;
  permissions: readonly Permission[];
}

export type AppRequest = IRequest & {
  surface: Surface;
  auth: AuthContext;
};

export type RouteArgs = [env: Env, ctx: ExecutionContext];

/** A route handler or middleware: returns a Response, or nothing to pass the request on. */
export type Handler = (request: AppRequest, env: Env, ctx: ExecutionContext) => Response | void | Promise<Response | void>;
