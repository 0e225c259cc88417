import { z } from "zod";
import type { AppRequest } from "./context";
import type { Permission } from "./permissions";
import { recordId, text } from "./text";

export type Method = "get" | "post" | "put" | "patch" | "delete";

/**
 * Who may call a route: anyone, the operator (`Authorization: Bearer
 * <ADMIN_TOKEN>`), or a tenant key holding any one of the listed permissions,
 * presented in the scheme of the path's surface.
 */
export type RouteAuth = "public" | "admin" | readonly [Permission, ...Permission[]];

/** Failure statuses a handler may throw; each has a description in src/openapi/errors.ts. */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429;

/** A success body: JSON described by a zod schema, `null` for no body, or another media type. */
export type ResponseSpec = z.ZodType | null | { mediaType: string; schema: z.ZodType; description?: string };

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
 * One route: what the router runs and what the OpenAPI document says about
 * it. The router validates the body, query and path parameters with the
 * schemas in `request` before the handler runs, so the document, the
 * validation and the handler's types come from the same schemas.
 */
export interface RouteSpec<Path extends string = string, Body = unknown, Query = unknown> {
  method: Method;
  /** OpenAPI form: `{name}` for a path parameter. Routes match in table order. */
  path: Path;
  operationId: string;
  summary: string;
  /** Markdown; the permissions and credentials are appended from `auth`. */
  description?: string;
  /**
   * A Seatkeeper extension: an operation the path's vendor does not have,
   * served in its conventions. The document marks it (`x-seatkeeper-extension`).
   */
  extension?: true;
  auth: RouteAuth;
  /**
   * The route's input schemas. Path parameters are percent-decoded and,
   * without a schema of their own, checked by the text rule (paramsSchema).
   */
  request?: { body?: z.ZodType<Body>; query?: z.ZodType<Query>; params?: z.ZodObject };
  /** Success answers by status. */
  responses: { [status: number]: ResponseSpec };
  /**
   * The failures the handler itself throws (notFound -> 404, conflict -> 409,
   * unprocessable -> 422, badRequest -> 400, an overloaded Durable Object -> 429).
   * Credential, permission, body and query failures are derived from `auth` and `request`.
   */
  errors?: readonly ErrorStatus[];
  // Method syntax: a handler of a narrower input still fits the table's RouteSpec.
  handler(input: RouteInput<Body, Query, PathParams<Path>>, request: AppRequest, env: Env, ctx: ExecutionContext): Response | Promise<Response>;
}

/**
 * Declares a route; the compiler checks that the handler takes what the
 * route's schemas and path give (a property type, so checked strictly).
 */
export function route<Path extends string, Body = undefined, Query = undefined>(
  spec: RouteSpec<Path, Body, Query> & { handler: Handler<RouteInput<Body, Query, PathParams<Path>>> },
): RouteSpec {
  return spec as unknown as RouteSpec;
}

/** `{id}` of a path: a record's id; a UUID in any case is read in lower case, other text finds nothing (404). */
export const IdParams = z.object({ id: recordId() });

const defaultParams = new Map<string, z.ZodObject>();

/**
 * The schema of a route's path parameters: its own `params`, which must name
 * exactly the path's `{placeholders}`, else a record id for each (the text
 * rule; a UUID in any case read in lower case). The
 * router validates the percent-decoded segments with it; the document shows it.
 */
export function paramsSchema(route: Pick<RouteSpec, "path" | "request">): z.ZodObject {
  const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!);
  const params = route.request?.params;
  if (!params) {
    let schema = defaultParams.get(route.path);
    if (!schema) defaultParams.set(route.path, (schema = z.object(Object.fromEntries(names.map((name) => [name, recordId(1000)])))));
    return schema;
  }
  if (Object.keys(params.shape).sort().join() !== [...names].sort().join()) {
    throw new Error(`${route.path}: params must name exactly ${names.join(", ") || "no parameters"}`);
  }
  return params;
}
