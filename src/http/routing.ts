import { answerActiveKeysOnly, errorToAnswer, requireAdmin, requirePermission } from "../auth/middleware";
import { BOOKMARK_HEADER } from "../auth/session";
import { surfaceFor } from "../surfaces";
import { ApiError, notFound } from "../shared/errors";
import type { AppRequest, Middleware } from "../shared/context";
import type { RouteAuth, RouteSpec } from "../shared/route";
import type { QueryStrings } from "../shared/surface";
import { renderFailure } from "./failure";
import { routeInput } from "./input";
import { RouteTable } from "./routeTable";

/** The Worker's fetch handler for a route table, and the operations it serves. */
export interface AppRouter {
  fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response>;
  /** Every route served, in match order: `GET /api/seat-metrics/{id}`. */
  readonly operations: readonly string[];
}

/**
 * The router for a route table: the surface of each path, auth per route,
 * the route's input validated before its handler, one error funnel, and
 * the surface's and D1 session's response headers on every answer.
 */
export function buildRouter(routes: readonly RouteSpec[]): AppRouter {
  const table = new RouteTable<Middleware[]>();
  for (const route of routes) table.add(route.method.toUpperCase(), route.path, [...guards(route.auth), endpoint(route)]);
  return {
    operations: table.routes.map(({ method, path }) => `${method} ${path}`),
    async fetch(incoming, env, ctx) {
      const request = incoming as AppRequest;
      let response: Response;
      try {
        response = await dispatch(table, request, env, ctx);
      } catch (error) {
        response = renderFailure(await errorToAnswer(request, error), request);
      }
      try {
        return finish(response, request);
      } catch (error) {
        return renderFailure(error, request);
      }
    },
  };
}

/** Parses the URL (once), picks the surface, runs the surface's checks, then the route's steps. */
async function dispatch(table: RouteTable<Middleware[]>, request: AppRequest, env: Env, ctx: ExecutionContext): Promise<Response> {
  const url = new URL(request.url);
  request.parsedUrl = url;
  request.query = queryOf(url);
  request.surface = surfaceFor(url.pathname);
  // Handlers send their statements to request.db; auth may put a session and the key gate in its place.
  request.db = env.DB;
  request.surface.prepare?.(request);
  const match = table.match(request.method, url.pathname);
  if (!match) unmatched(table, request);
  request.params = match.params;
  for (const step of match.value) {
    const answer = await step(request, env, ctx);
    if (answer) return answer;
  }
  throw new Error(`${request.method} ${url.pathname}: no step of the route answered`);
}

/** The query string as a record: a repeated key becomes an array. */
function queryOf(url: URL): QueryStrings {
  const query: QueryStrings = Object.create(null) as QueryStrings;
  for (const [key, value] of url.searchParams) {
    const earlier = query[key];
    query[key] = earlier === undefined ? value : ([] as string[]).concat(earlier, value);
  }
  return query;
}

/** The middleware that enforces a route's `auth`. */
function guards(auth: RouteAuth): Middleware[] {
  if (auth === "public") return [];
  if (auth === "admin") return [requireAdmin];
  return [requirePermission(...auth)];
}

/** Validates the route's input and runs its handler; signed-in routes answer only to a confirmed key. */
function endpoint(route: RouteSpec): Middleware {
  const run: Middleware = async (request, env, ctx) => route.handler(await routeInput(route, request), request, env, ctx);
  return Array.isArray(route.auth) ? answerActiveKeysOnly(run) : run;
}

/**
 * The surface's per-response headers, and the D1 session's bookmark for
 * the client to send back (read-your-writes on its next request), unless
 * the key check refused the caller.
 */
function finish(response: Response, request: AppRequest): Response {
  const finished = request.surface?.finish?.(response, request) ?? response;
  const bookmark = request.session && (request.keyGate?.confirmed ?? true) ? request.session.latest() : null;
  if (bookmark !== null) finished.headers.set(BOOKMARK_HEADER, bookmark);
  return finished;
}

/** 405 with `Allow` when the path exists under other methods, else 404. */
function unmatched(table: RouteTable<Middleware[]>, request: AppRequest): never {
  const { pathname } = request.parsedUrl;
  const allowed = table.allowed(pathname);
  if (allowed.length > 0) {
    throw new ApiError(405, "method_not_allowed", `Method ${request.method} is not allowed on ${pathname}`, {
      Allow: allowed.join(", "),
    });
  }
  throw notFound("route", `No route for ${request.method} ${pathname}`);
}
