import type { RouterType } from "itty-router";
import { Router } from "itty-router/Router";
import { answerActiveKeysOnly, errorToAnswer, requireAdmin, requirePermission } from "../auth/middleware";
import { surfaceFor } from "../surfaces";
import { ApiError, notFound } from "../shared/errors";
import type { AppRequest, Middleware, RouteArgs } from "../shared/context";
import { once } from "../shared/lazy";
import { ittyPath, loadRoute, type RouteAuth, type RouteSpec } from "../shared/route";
import { renderFailure } from "./failure";

export type AppRouter = RouterType<AppRequest, RouteArgs>;

/**
 * The itty router for a route table: the surface of each path, auth per
 * route, the route's input validated before its handler, one error funnel.
 */
export function buildRouter(routes: readonly RouteSpec[]): AppRouter {
  const router = Router<AppRequest, RouteArgs>({
    before: [selectSurface, useDatabase],
    catch: async (error, request) => renderFailure(await errorToAnswer(request as AppRequest, error), request as AppRequest),
    finally: [(response: Response, request: AppRequest) => request.surface.finish?.(response, request) ?? response],
  });
  for (const route of routes) {
    router[route.method](ittyPath(route.path), ...guards(route.auth), endpoint(route));
  }
  return router.all("*", (request: AppRequest) => unmatched(router, request));
}

/** The middleware that enforces a route's `auth`. */
function guards(auth: RouteAuth): Middleware[] {
  if (auth === "public") return [];
  if (auth === "admin") return [requireAdmin];
  return [requirePermission(...auth)];
}

/**
 * Validates the route's input and runs its handler, both loaded on the route's first request;
 * signed-in routes answer only to a confirmed key.
 */
function endpoint(route: RouteSpec): Middleware {
  const run: Middleware = async (request, env, ctx) => {
    const [loaded, { routeInput }] = await Promise.all([loadRoute(route), input()]);
    return loaded.handler(await routeInput(loaded, request), request, env, ctx);
  };
  return Array.isArray(route.auth) ? answerActiveKeysOnly(run) : run;
}

// Validation needs zod, which a Worker's startup does not load (docs/bundle-and-startup.md).
const input = once(() => import("./input"));

/** Handlers send their statements to request.db; auth may gate it on the caller's key. */
const useDatabase: Middleware = (request, env) => {
  request.db = env.DB;
};

/** Picks the vendor surface from the path and runs its per-request checks. */
const selectSurface: Middleware = (request) => {
  request.surface = surfaceFor(new URL(request.url).pathname);
  request.surface.prepare?.(request);
};

/** 405 with `Allow` when the path exists under other methods, else 404. */
function unmatched(router: AppRouter, request: AppRequest): never {
  const { pathname } = new URL(request.url);
  const allowed = router.routes
    .filter(([method, pattern]) => method !== "ALL" && pattern.test(pathname))
    .map(([method]) => method);
  if (allowed.length > 0) {
    throw new ApiError(405, "method_not_allowed", `Method ${request.method} is not allowed on ${pathname}`, {
      Allow: [...new Set(allowed)].join(", "),
    });
  }
  throw notFound("route", `No route for ${request.method} ${pathname}`);
}
