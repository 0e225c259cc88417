import type * as z from "zod/mini";
import type { AppRequest } from "./context";
import { isLazy, lazyModule, mapDeferred, resolve, type Deferred } from "./lazy";
import type { Permission } from "./permissions";

export type Method = "get" | "post" | "put" | "patch" | "delete";

/**
 * Who may call a route: anyone, the operator (`Authorization: Bearer
 * <ADMIN_TOKEN>`), or a tenant key holding any one of the listed permissions,
 * presented in the scheme of the path's surface.
 */
export type RouteAuth = "public" | "admin" | readonly [Permission, ...Permission[]];

/**
 * Whether a route's requests may carry an Idempotency-Key: a signed-in or admin
 * write. Seam's reads are POSTs, but a read permission is all they need: they ignore it.
 */
export function takesIdempotencyKey(auth: RouteAuth, method: string): boolean {
  return auth !== "public" && /^(post|put|patch|delete)$/i.test(method) && (auth === "admin" || auth.some((permission) => !permission.endsWith("_read")));
}

/** Failure statuses a handler may throw; each has a description in src/openapi/errors.ts. */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429;

/** A success body: JSON described by a zod schema, `null` for no body, or another media type. */
export type ResponseSpec<Schema = Deferred<z.core.$ZodType>> = Schema | null | { mediaType: string; schema: Schema; description?: string };

/** `{ id: string }` for "/a/{id}": the path parameters a route's path names. */
export type PathParams<P extends string> = P extends `${string}{${infer Name}}${infer Rest}`
  ? { [K in Name | keyof PathParams<Rest>]: string }
  : {};

/** What a handler receives: its route's body, query and path parameters, validated and typed. */
export interface RouteInput<Body = unknown, Query = unknown, Params = Record<string, string>> {
  body: Body;
  query: Query;
  params: Params;
}

/** A route handler: the validated input, then the request (auth, db, surface). */
export type Handler<I = RouteInput> = (input: I, request: AppRequest, env: Env, ctx: ExecutionContext) => Response | Promise<Response>;

/**
 * What the OpenAPI document says about a route. Only the build that writes
 * the document (scripts/build-openapi.mjs) and the tests define `DOCUMENTED`
 * as true; the Worker's build defines it as false (wrangler.toml), so each
 * route's `...(DOCUMENTED && { docs: {...} })` folds away there and its text
 * and answer schemas stay out of the bundle (docs/bundle-and-startup.md).
 */
export interface RouteDocs {
  operationId: string;
  summary: string;
  /** Markdown; the permissions and credentials are appended from `auth`. */
  description?: string;
  /**
   * A Seatkeeper extension: an operation the path's vendor does not have,
   * served in its conventions. The document marks it (`x-seatkeeper-extension`).
   */
  extension?: true;
  /** Success answers by status. */
  responses: { [status: number]: ResponseSpec };
  /**
   * The failures the handler itself throws (notFound -> 404, conflict -> 409,
   * unprocessable -> 422, badRequest -> 400, an overloaded Durable Object -> 429).
   * Credential, permission, body and query failures are derived from `auth` and `request`.
   */
  errors?: readonly ErrorStatus[];
}

/**
 * One route: what the router runs and, in `docs`, what the OpenAPI document
 * says about it. The router validates the body, query and path parameters
 * with the schemas in `request` before the handler runs, so the document, the
 * validation and the handler's types come from the same schemas.
 */
export interface RouteSpec<Path extends string = string, Body = unknown, Query = unknown> {
  method: Method;
  /** OpenAPI form: `{name}` for a path parameter. Routes match in table order. */
  path: Path;
  auth: RouteAuth;
  /**
   * The route's input schemas. Path parameters are percent-decoded and,
   * without a schema of their own, checked by the text rule (src/shared/pathParams.ts).
   */
  request?: { body?: Deferred<z.core.$ZodType<Body>>; query?: Deferred<z.core.$ZodType<Query>>; params?: Deferred<z.core.$ZodObject> };
  /** Schemas, answers and the handler may be Lazy (src/shared/lazy.ts): loaded when the route first runs. */
  handler: Deferred<Handler<RouteInput<Body, Query, PathParams<Path>>>>;
  /** Given as `...(DOCUMENTED && { docs: {...} })`: absent in the Worker, where nothing reads it. */
  docs?: RouteDocs | false;
}

/** A route with its input schemas and handler loaded: what the router runs. */
export interface LoadedRoute extends Omit<RouteSpec, "request" | "handler"> {
  /** `params` is the route's own or, without one, the text rule for each `{placeholder}` (src/shared/pathParams.ts). */
  request: { body?: z.core.$ZodType; query?: z.core.$ZodType; params: z.core.$ZodObject };
  handler: Handler;
}

/** A loaded route with its docs and their answers loaded too: what the OpenAPI document describes. */
export interface DocumentedRoute extends Omit<LoadedRoute, "docs">, Omit<RouteDocs, "responses"> {
  responses: { [status: number]: ResponseSpec<z.core.$ZodType> };
}

/**
 * Declares a route; the compiler checks that the handler takes what the
 * route's schemas and path give (a property type, so checked strictly).
 */
export function route<Path extends string, Body = undefined, Query = undefined>(spec: RouteSpec<Path, Body, Query>): RouteSpec {
  return spec as unknown as RouteSpec;
}

const loadedRoutes = new WeakMap<RouteSpec, Promise<LoadedRoute>>();

/** The route with its input schemas and handler loaded; once per route, on its first request. */
export function loadRoute(route: RouteSpec): Promise<LoadedRoute> {
  let loaded = loadedRoutes.get(route);
  if (!loaded) loadedRoutes.set(route, (loaded = loadInput(route)));
  return loaded;
}

async function loadInput({ request, handler, ...route }: RouteSpec): Promise<LoadedRoute> {
  const [body, query, params, loadedHandler, { pathParamsSchema }] = await Promise.all([
    resolve(request?.body),
    resolve(request?.query),
    resolve(request?.params),
    resolve(handler),
    import("./pathParams"),
  ]);
  return {
    ...route,
    request: { ...(body && { body }), ...(query && { query }), params: pathParamsSchema(route.path, params) },
    handler: loadedHandler as Handler,
  };
}

/** Every route of a table, its docs and answers included: what the OpenAPI document is built from. */
export function documentedRoutes(routes: readonly RouteSpec[]): Promise<DocumentedRoute[]> {
  return Promise.all(
    routes.map(async (route) => {
      const { docs } = route;
      if (!docs) throw new Error(`${route.method} ${route.path} has no docs: build the document with DOCUMENTED defined as true`);
      const [loaded, responses] = await Promise.all([
        loadRoute(route),
        Promise.all(Object.entries(docs.responses).map(async ([status, spec]) => [status, await loadResponse(spec)] as const)),
      ]);
      return { ...loaded, ...docs, responses: Object.fromEntries(responses) };
    }),
  );
}

async function loadResponse(spec: ResponseSpec): Promise<ResponseSpec<z.core.$ZodType>> {
  if (spec === null || isLazy(spec) || !("mediaType" in spec)) return resolve(spec);
  return { ...spec, schema: await resolve(spec.schema) };
}

/** `handler` with its input narrowed by `pick`, loaded when `handler` is. */
export function adaptHandler<I>(handler: Deferred<Handler<I>>, pick: (input: RouteInput) => I): Deferred<Handler> {
  return mapDeferred(handler, (loaded) => (input, ...rest) => loaded(pick(input), ...rest));
}

const pathParams = lazyModule(() => import("./pathParams"));

/** `{id}` of a path: a record's id; a UUID in any case is read in lower case, other text finds nothing (404). */
export const IdParams = pathParams.IdParams;
