import { z } from "zod";
import type { Permission } from "../auth/permissions";
import { recordId, text } from "../shared/text";
import type { Handler } from "./context";

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

/**
 * One route: what the router runs and what the OpenAPI document says about
 * it, from the same zod schemas the handler validates with.
 */
export interface RouteSpec {
  method: Method;
  /** OpenAPI form: `{name}` for a path parameter. Routes match in table order. */
  path: `/${string}`;
  operationId: string;
  summary: string;
  /** Markdown; the permissions and credentials are appended from `auth`. */
  description?: string;
  auth: RouteAuth;
  /**
   * The schemas the handler passes to parseBody / validate. Path parameters
   * are validated before the handler runs (see paramsSchema).
   */
  request?: { body?: z.ZodType; query?: z.ZodObject; params?: z.ZodObject };
  /** Success answers by status. */
  responses: { [status: number]: ResponseSpec };
  /**
   * The failures the handler itself throws (notFound -> 404, conflict -> 409,
   * unprocessable -> 422, badRequest -> 400, an overloaded Durable Object -> 429).
   * Credential, permission, body
   * and query failures are derived from `auth` and `request`.
   */
  errors?: readonly ErrorStatus[];
  handler: Handler;
}

/** `{id}` of a path: a record's id; a UUID in any case is read in lower case, other text finds nothing (404). */
export const IdParams = z.object({ id: recordId() });

/**
 * The schema of a route's path parameters: its own `params`, which must name
 * exactly the path's `{placeholders}`, else the text rule for each. The
 * router validates the percent-decoded segments with it; the document shows it.
 */
export function paramsSchema(route: Pick<RouteSpec, "path" | "request">): z.ZodObject {
  const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!);
  const params = route.request?.params;
  if (!params) return z.object(Object.fromEntries(names.map((name) => [name, text({ max: 1000 })])));
  if (Object.keys(params.shape).sort().join() !== [...names].sort().join()) {
    throw new Error(`${route.path}: params must name exactly ${names.join(", ") || "no parameters"}`);
  }
  return params;
}

/** `/a/{id}` -> `/a/:id`, the form itty-router matches. */
export function ittyPath(path: string): string {
  return path.replace(/\{(\w+)\}/g, ":$1");
}
