import type { RouterType } from "itty-router";
import { Router } from "itty-router/Router";
import { answerActiveKeysOnly, errorToAnswer, requireAdmin, requirePermission } from "../auth/middleware";
import { BOOKMARK_HEADER } from "../auth/session";
import { surfaceFor } from "../surfaces";
import { ApiError, notFound } from "../shared/errors";
import type { AppRequest, Middleware, RouteArgs } from "../shared/context";
import { once } from "../shared/lazy";
import { loadRoute, type RouteAuth, type RouteSpec } from "../shared/route";
import { renderFailure } from "./failure";
import { idempotencyKeyOf, runOnce, settleIdempotency } from "./idempotency";
import { logRequest, openApiPath } from "./requestLog";

/** The Worker's fetch handler for a route table, and the operations it serves. */
export interface AppRouter {
  fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response>;
  /** Every route served, in match order: `GET /api/seat-metrics/{id}`. */
  readonly operations: readonly string[];
}

type Itty = RouterType<AppRequest, RouteArgs>;

/**
 * The router for a route table: the surface of each path, auth per route,
 * the route's input validated before its handler, one error funnel, and
 * the surface's and D1 session's response headers on every answer.
 *
 * itty-router matches by trying each route's pattern in table order, so the
 * table is split by each path's first two segments (always fixed here) into
 * one itty router per group: a request is matched only against the few
 * routes that share its first two segments, in table order. Every route of
 * a path sits in the same group, so 405's `Allow` is computed there too.
 */
export function buildRouter(routes: readonly RouteSpec[]): AppRouter {
  const groups = new Map<string, Itty>();
  for (const route of routes) {
    const key = groupOf(route.path);
    if (key.includes("{")) throw new Error(`${route.path}: the first two segments of a path must be fixed`);
    if (!groups.has(key)) groups.set(key, newRouter());
    groups.get(key)![route.method](ittyPath(route.path), ...guards(route.auth), endpoint(route));
  }
  for (const group of groups.values()) group.all("*", (request: AppRequest) => unmatched(group, request));
  const elsewhere = newRouter().all("*", (request: AppRequest) => unmatched(undefined, request));
  const dispatch = (request: AppRequest, env: Env, ctx: ExecutionContext) => {
    // First, before anything can fail: every answer and log line carries it.
    request.id = crypto.randomUUID();
    request.receivedAt = Date.now();
    request.parsedUrl = new URL(request.url);
    return (groups.get(groupOf(request.parsedUrl.pathname)) ?? elsewhere).fetch(request, env, ctx);
  };
  return {
    operations: [...groups.values()].flatMap((group) =>
      group.routes.filter(([method]) => method !== "ALL").map(([method, , , path]) => `${method} ${openApiPath(path ?? "")}`),
    ),
    fetch(sent, env, ctx) {
      const incoming = LEADING_SLASHES.test(sent.url) ? new Request(sent.url.replace(LEADING_SLASHES, "$1"), sent) : sent;
      if (incoming.method !== "HEAD") return dispatch(incoming as AppRequest, env, ctx);
      // HEAD is GET without the body (RFC 9110 9.3.2), on every GET route.
      return dispatch(new Request(incoming, { method: "GET" }) as AppRequest, env, ctx).then((answer) => new Response(null, answer));
    },
  };
}

/**
 * `//api/...` read as `/api/...`: a client whose base URL ends in a slash sends its paths so (the
 * Datadog client joins `http://host/` and `/api/v2/...`), and servers that merge slashes serve it.
 */
const LEADING_SLASHES = /^(\w+:\/\/[^/]*\/)\/+/;

/** An itty router with the steps every route shares: before, the error funnel, and finish. */
function newRouter(): Itty {
  return Router<AppRequest, RouteArgs>({
    before: [prepare],
    catch: async (error, request) => renderFailure(await errorToAnswer(request as AppRequest, error), request as AppRequest),
    finally: [(response: Response, request: AppRequest) => finish(response, request)],
  });
}

/**
 * `/api/seat-metrics` for `/api/seat-metrics/{id}/x`: a path's first two
 * segments. Trailing slashes do not count (itty matches `/health/` as `/health`).
 */
function groupOf(pathname: string): string {
  let end = pathname.length;
  while (end > 1 && pathname.charCodeAt(end - 1) === 0x2f) end--;
  const second = pathname.indexOf("/", 1);
  const third = second < 0 || second >= end ? -1 : pathname.indexOf("/", second + 1);
  return pathname.slice(0, third < 0 || third > end ? end : third);
}

/** `/a/{id}` -> `/a/:id`, the form itty-router matches. */
const ittyPath = (path: string) => path.replace(/\{(\w+)\}/g, ":$1");

/** Picks the surface, runs its checks, and points handlers at D1 (auth may put a session and the key gate in its place). */
const prepare: Middleware = (request, env) => {
  request.surface = surfaceFor(request.parsedUrl.pathname);
  request.db = env.DB;
  request.surface.prepare?.(request);
};

/** The middleware that enforces a route's `auth`. */
function guards(auth: RouteAuth): Middleware[] {
  if (auth === "public") return [];
  if (auth === "admin") return [requireAdmin];
  return [requirePermission(...auth)];
}

/**
 * Validates the route's input and runs its handler (both loaded on the
 * route's first request), at most once per Idempotency-Key
 * (src/http/idempotency.ts); signed-in routes answer only to a confirmed key.
 */
function endpoint(route: RouteSpec): Middleware {
  const run: Middleware = async (request, env, ctx) => {
    const key = idempotencyKeyOf(route, request);
    const [loaded, { routeInput }] = await Promise.all([loadRoute(route), input()]);
    const values = await routeInput(loaded, request);
    const handle = async () => loaded.handler(values, request, env, ctx);
    return key === undefined ? handle() : runOnce(request, key, handle);
  };
  return Array.isArray(route.auth) ? answerActiveKeysOnly(run) : run;
}

// Validation needs zod, which a Worker's startup does not load (docs/bundle-and-startup.md).
const input = once(() => import("./input"));

/**
 * Every answer, errors included: its Idempotency-Key record settled, the
 * surface's headers, the D1 session's bookmark for the client to send back
 * (read-your-writes on its next request) unless the key check refused the
 * caller, the request id, the rate limit's headers where the vendor has
 * them; then the request's log line.
 */
async function finish(response: Response, request: AppRequest): Promise<Response> {
  const settled = await settleIdempotency(request, response);
  const finished = request.surface?.finish?.(settled, request) ?? settled;
  const bookmark = request.session && (request.keyGate?.confirmed ?? true) ? request.session.latest() : null;
  if (bookmark !== null) finished.headers.set(BOOKMARK_HEADER, bookmark);
  finished.headers.set(request.surface?.requestIdHeader ?? REQUEST_ID_HEADER, request.id);
  // A workspace's answer is for its caller alone: Sendblue's and Datadog's keys are no Authorization header, which shared caches heed.
  finished.headers.set("cache-control", "no-store");
  const limits = request.rateLimit && request.surface?.rateLimitHeaders?.(request.rateLimit, finished.headers.get("retry-after"));
  for (const [name, value] of Object.entries(limits ?? {})) finished.headers.set(name, value);
  logRequest(request, finished);
  return finished;
}

/** The response header of the request id on every surface but Seam's (which names its own). */
const REQUEST_ID_HEADER = "x-request-id";

/** 405 with `Allow` when the path exists in the group under other methods, else 404. */
function unmatched(group: Itty | undefined, request: AppRequest): never {
  const { pathname } = request.parsedUrl;
  const matching = group?.routes.filter(([method, pattern]) => method !== "ALL" && pattern.test(pathname)) ?? [];
  const allowed = [...new Set(matching.flatMap(([method]) => (method === "GET" ? ["GET", "HEAD"] : [method])))];
  if (allowed.length > 0) {
    throw new ApiError(405, "method_not_allowed", `Method ${request.method} is not allowed on ${pathname}`, {
      Allow: allowed.join(", "),
    });
  }
  throw notFound("route", `No route for ${request.method} ${pathname}`);
}
