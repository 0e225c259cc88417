import { z } from "zod";
import { ValidationError } from "../shared/errors";
import type { Credentials, Surface } from "../shared/surface";
import type { AppRequest } from "../shared/context";
import type { Method, RouteSpec } from "../shared/route";
import { authorizationValue, jsonResponse } from "./common";
import { queryParams } from "./seamQuery";

/** zod's formatted error tree, which the Seam SDK reads: `{ _errors: [...], field: { _errors: [...] } }`. */
const SeamValidationErrors: z.ZodType = z
  .lazy(() => z.object({ _errors: z.array(z.string()) }).catchall(SeamValidationErrors))
  .meta({ id: "SeamValidationErrors" });

export const SeamError = z
  .object({
    error: z.object({ type: z.string(), message: z.string(), validation_errors: SeamValidationErrors.optional() }),
    ok: z.literal(false),
  })
  .meta({ id: "SeamError", description: "Seam's error body" });

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

  readCredentials(headers) {
    const token = authorizationValue(headers, "Bearer");
    if (token === undefined) return undefined;
    return parseSeamToken(token) ?? { keyId: "", secret: "" };
  },

  renderError(error) {
    const body: z.infer<typeof SeamError> = { error: { type: error.type, message: error.message }, ok: false };
    // The Seam SDK reads validation errors in zod's formatted shape: { field: { _errors: [...] } }.
    if (error instanceof ValidationError) body.error.validation_errors = z.formatError(new z.ZodError(error.issues));
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

  // The Seam SDK reads the request id from this header.
  requestIdHeader: "seam-request-id",

  docs: {
    tag: {
      name: "Seam",
      description: "User identities in Seam's wire format. " +
        "Credentials: `Authorization: Bearer <token>`, the key's `seam_<id>_<secret>` token.",
    },
    securitySchemes: {
      SeamBearer: { type: "http", scheme: "bearer", bearerFormat: "seam_<key id>_<secret>", description: "The API key's token." },
    },
    errorBody: SeamError,
  },
};

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A Seam action: one operation on POST with a JSON body, and often under one more method. */
export interface SeamAction<Path extends string, Input> extends Omit<RouteSpec<Path>, "method" | "request" | "handler"> {
  /** The other method the Seam SDK uses for it, if any: GET and DELETE take the query, PATCH a JSON body. */
  also?: Exclude<Method, "post">;
  /** The action's parameters, wherever they arrive. */
  input: z.ZodType<Input>;
  handler(input: Input, request: AppRequest, env: Env, ctx: ExecutionContext): Response | Promise<Response>;
}

/**
 * The routes of a Seam action: its `also` method under the action's own
 * operationId and POST as `<operationId>Post` (each description names the
 * other), or POST alone under the operationId.
 */
export function seamAction<Path extends string, Input>(action: SeamAction<Path, Input>): RouteSpec[] {
  const { also, input, handler, description, operationId, summary, ...common } = action;
  const post = (id: string, title: string, note?: string): RouteSpec => ({
    ...common,
    method: "post",
    operationId: id,
    summary: title,
    ...(description || note ? { description: [description, note].filter(Boolean).join(" ") } : {}),
    request: { body: input },
    handler: ({ body }, ...rest) => handler(body as Input, ...rest),
  });
  if (!also) return [post(operationId, summary)];
  const inQuery = also === "get" || also === "delete";
  const sameAs = (method: Method) => `The same action as \`${method.toUpperCase()} ${action.path}\`.`;
  const alternate: RouteSpec = {
    ...common,
    method: also,
    operationId,
    summary,
    description: [description, sameAs("post")].filter(Boolean).join(" "),
    request: inQuery ? { query: input } : { body: input },
    handler: ({ body, query }, ...rest) => handler((inQuery ? query : body) as Input, ...rest),
  };
  return [alternate, post(`${operationId}Post`, `${summary} (POST)`, sameAs(also))];
}
