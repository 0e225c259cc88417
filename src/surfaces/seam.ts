import type * as z from "zod/mini";
import { ValidationError } from "../shared/errors";
import type { Credentials, Surface } from "../shared/surface";
import type { Deferred } from "../shared/lazy";
import { adaptHandler, type Handler, type Method, type RouteDocs, type RouteSpec } from "../shared/route";
import { authorizationValue, jsonResponse } from "./common";
import { queryParams } from "./seamQuery";

/** Seam's error body (documented in ./docs.ts); `validation_errors` is zod's formatted error tree, which the Seam SDK reads. */
export interface SeamErrorBody {
  error: { type: string; message: string; validation_errors?: z.core.$ZodFormattedError<unknown> };
  ok: false;
}

const TOKEN_PREFIX = "seam_";

/** The bearer token that carries a key on the Seam surface: `seam_<id>_<secret>`. */
export function seamToken({ keyId, secret }: Credentials): string {
  // Key ids are hex, which never starts with the prefixes the Seam SDK reserves (seam_at, seam_pk, seam_cst).
  return `${TOKEN_PREFIX}${keyId}_${secret}`;
}

/** Splits a bearer token `seam_<id>_<secret>`; undefined when it is not one of ours. */
export function parseSeamToken(token: string): Credentials | undefined {
  if (!token.startsWith(TOKEN_PREFIX)) return undefined;
  const [keyId, secret, ...rest] = token.slice(TOKEN_PREFIX.length).split("_");
  if (!keyId || !secret || rest.length > 0) return undefined;
  return { keyId, secret };
}

/**
 * Seam: `Authorization: Bearer seam_...`, errors as
 * `{"error":{"type","message","validation_errors"?},"ok":false}`, and a
 * `seam-request-id` header the SDK reads on every response.
 */
export const seam: Surface = {
  name: "seam",
  challenge: "Bearer",

  readCredentials(headers) {
    const token = authorizationValue(headers, "Bearer");
    if (token === undefined) return undefined;
    return parseSeamToken(token) ?? { keyId: "", secret: "" };
  },

  renderError(error) {
    const body: SeamErrorBody = { error: { type: error.type, message: error.message }, ok: false };
    // The Seam SDK reads validation errors in zod's formatted shape: { field: { _errors: [...] } }.
    if (error instanceof ValidationError) body.error.validation_errors = error.formatted;
    return jsonResponse(body, error.status, error.headers);
  },

  /**
   * The Seam SDK sends get and list as GET and delete as DELETE with the
   * action's parameters in the query string (its own encoding, see
   * queryParams). A DELETE may carry a JSON body too, whose fields win.
   */
  async input(schemas, method, { query }, readBody) {
    const schema = schemas.query;
    if (method === "GET") return { body: undefined, query: queryParams(query, schema) };
    if (method === "DELETE") {
      const body = await readBody();
      return { body: undefined, query: isPlainObject(body) ? { ...queryParams(query, schema), ...body } : body };
    }
    return { body: schemas.body ? await readBody() : undefined, query };
  },

  // The Seam SDK reads the request id from this header (the router sets it on every answer).
  requestIdHeader: "seam-request-id",
};

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A Seam action: one operation on POST with a JSON body, and often under one more method. */
export interface SeamAction<Path extends string, Input> extends Omit<RouteSpec<Path>, "method" | "request" | "handler"> {
  /** The other method the Seam SDK uses for it, if any: GET and DELETE take the query, PATCH a JSON body. */
  also?: Exclude<Method, "post">;
  /** The action's parameters, wherever they arrive. */
  input: Deferred<z.core.$ZodType<Input>>;
  handler: Deferred<Handler<Input>>;
}

/**
 * The routes of a Seam action: its `also` method under the action's own
 * operationId and POST as `<operationId>Post` (each description names the
 * other), or POST alone under the operationId.
 */
export function seamAction<Path extends string, Input>(action: SeamAction<Path, Input>): RouteSpec[] {
  const { also, input, handler, docs, ...common } = action;
  const post: RouteSpec = {
    ...common,
    method: "post",
    request: { body: input },
    handler: adaptHandler(handler, ({ body }) => body as Input),
    docs: DOCUMENTED && docs && (also ? alsoDocs(docs, `${docs.operationId}Post`, `${docs.summary} (POST)`, also, action.path) : docs),
  };
  if (!also) return [post];
  const inQuery = also === "get" || also === "delete";
  const alternate: RouteSpec = {
    ...common,
    method: also,
    request: inQuery ? { query: input } : { body: input },
    handler: adaptHandler(handler, ({ body, query }) => (inQuery ? query : body) as Input),
    // A DELETE reads a JSON body too (the SDK sends none), so it can be too large or not JSON.
    docs: DOCUMENTED && docs && alsoDocs({ ...docs, errors: also === "delete" ? [...(docs.errors ?? []), 413, 415] : docs.errors },
      docs.operationId, docs.summary, "post", action.path),
  };
  return [alternate, post];
}

/** One method's docs of an action served under two: its own name, and a description naming the other method. */
function alsoDocs(docs: RouteDocs, operationId: string, summary: string, other: Method, path: string): RouteDocs {
  const sameAs = `The same action as \`${other.toUpperCase()} ${path}\`.`;
  return { ...docs, operationId, summary, description: [docs.description, sameAs].filter(Boolean).join(" ") };
}
