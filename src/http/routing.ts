import type { RouterType } from "itty-router";
import { Router } from "itty-router/Router";
import { answerActiveKeysOnly, keyFailureFirst, requireAdmin, requirePermission } from "../auth/middleware";
import { surfaceFor } from "../surfaces";
import type { AppRequest, Handler, RouteArgs } from "./context";
import { validate } from "./body";
import { ApiError, badRequest, notFound } from "./errors";
import { renderFailure } from "./failure";
import { ittyPath, paramsSchema, type RouteAuth, type RouteSpec } from "./route";

export type AppRouter = RouterType<AppRequest, RouteArgs>;

/** The itty router for a route table: surface selection, auth per route, one error funnel. */
export function buildRouter(routes: readonly RouteSpec[]): AppRouter {
  const router = Router<AppRequest, RouteArgs>({
    before: [selectSurface, useDatabase],
    catch: async (error, request) => renderFailure(await keyFailureFirst(request as AppRequest, error), request as AppRequest),
    finally: [(response: Response, request: AppRequest) => request.surface.finish?.(response, request) ?? response],
  });
  for (const route of routes) {
    router[route.method](ittyPath(route.path), ...guards(route.auth), handlerOf(route));
  }
  return router.all("*", (request: AppRequest) => unmatched(router, request));
}

/** The middleware that enforces a route's `auth`. */
function guards(auth: RouteAuth): Handler[] {
  if (auth === "public") return [];
  if (auth === "admin") return [requireAdmin];
  return [requirePermission(...auth)];
}

/** Signed-in routes answer only to a key confirmed active (src/db/keyGate.ts). */
function handlerOf(route: RouteSpec): Handler {
  const handler = withPathParams(route);
  return Array.isArray(route.auth) ? answerActiveKeysOnly(handler) : handler;
}

/**
 * Runs the route's handler with its path parameters percent-decoded (the
 * SDKs encode them with encodeURIComponent) and validated (src/http/route.ts
 * paramsSchema), after auth: a bad segment is a 400 naming it.
 */
function withPathParams(route: RouteSpec): Handler {
  const schema = paramsSchema(route);
  return (request, env, ctx) => {
    // Path parameters are text: every params schema maps names to strings.
    request.params = validate(schema, decodedParams(request.params)) as Record<string, string>;
    return route.handler(request, env, ctx);
  };
}

function decodedParams(params: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(params).map(([name, raw]) => [name, decodeSegment(name, raw)]));
}

function decodeSegment(name: string, raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw badRequest(`${name} is not valid percent-encoding`);
  }
}

/** Handlers send their statements to request.db; auth may gate it on the caller's key. */
const useDatabase: Handler = (request, env) => {
  request.db = env.DB;
};

/** Picks the vendor surface from the path and runs its per-request checks. */
const selectSurface: Handler = (request) => {
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
