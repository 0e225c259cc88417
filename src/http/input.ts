import * as z from "../shared/zod";
import { badRequest, ValidationError } from "../shared/errors";
import type { AppRequest } from "../shared/context";
import type { RawInput } from "../shared/surface";
import type { LoadedRoute, RouteInput } from "../shared/route";
import { readJson } from "./body";

/**
 * The route's input, validated with the schemas its table entry declares:
 * the body (read only when declared, or when the surface asks for it; a
 * route that takes none ignores one, unread), the
 * query and the path parameters. A failure is a 400 naming each field.
 */
export async function routeInput(route: LoadedRoute, request: AppRequest): Promise<RouteInput> {
  const { body: bodySchema, query: querySchema, params: paramsSchema } = route.request;
  const readBody = () => readJson(request);
  const raw: RawInput = request.surface.input
    ? await request.surface.input(route.request, request.method, { query: request.query }, readBody)
    : { body: bodySchema ? await readBody() : undefined, query: request.query };
  // Validated in this order, the path first: a request naming a malformed id hears about the id, whatever its body.
  return {
    params: validate(paramsSchema, decodedParams(request.params)) as Record<string, string>,
    body: bodySchema ? validate(bodySchema, raw.body) : undefined,
    query: querySchema ? validate(querySchema, wellEncoded(request, raw.query), repeatedParameter) : undefined,
  };
}

/** Validates input against a schema; a failure is a 400 naming each field. */
export function validate<S extends z.core.$ZodType>(schema: S, input: unknown, error?: z.core.$ZodErrorMap): z.output<S> {
  const result = z.safeParse(schema, input, { error });
  if (!result.success) throw new ValidationError(result.error.issues, z.formatError(result.error));
  return result.data;
}

/** A query value is an array only when its parameter came more than once (a whole array is a Seam DELETE's body). */
const repeatedParameter: z.core.$ZodErrorMap = (issue) =>
  issue.code === "invalid_type" && Array.isArray(issue.input) && issue.path?.length ? `${issue.path} is repeated` : undefined;

/** The router leaves path parameters percent-encoded; clients encode them (Sendblue's SDK with encodeURIComponent). */
function decodedParams(params: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(params).map(([name, value]) => [name, decoded(name, value)]));
}

/**
 * The query, once its string is known to be well-formed percent-encoding, as a path's must be:
 * URLSearchParams reads bytes that are not UTF-8 as U+FFFD (so `%FF` and `%C3` would find one key)
 * and keeps a `%` without two hex digits as it is.
 */
function wellEncoded<Query>(request: AppRequest, query: Query): Query {
  decoded("the query string", request.parsedUrl.search);
  return query;
}

function decoded(name: string, value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    throw badRequest(`${name} is not valid percent-encoding`);
  }
}
