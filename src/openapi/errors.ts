import * as z from "zod";
import type { ZodOpenApiResponseObject } from "zod-openapi";
import { ApiError } from "../shared/errors";
import type { ErrorStatus, DocumentedRoute } from "../shared/route";
import type { Surface } from "../surfaces";
import { surfaceDocs } from "../surfaces/docs";
import { BOOKMARK_ANSWERED } from "./headers";

/**
 * What each failure status means, whatever the surface, its component-name
 * suffix, and headers it carries besides the surface's own.
 */
export const ERRORS: Record<ErrorStatus, { name: string; description: string; headers?: z.ZodObject }> = {
  400: {
    name: "BadRequest",
    description: "Invalid input: malformed JSON, or a field, query parameter, path segment or header that fails validation " +
      "(the message names it; see docs/input-rules.md), a malformed `x-d1-bookmark` among them (`invalid_bookmark`).",
  },
  401: { name: "Unauthorized", description: "Missing or invalid credentials." },
  403: { name: "Forbidden", description: "The API key lacks the permission this operation needs." },
  404: { name: "NotFound", description: "No such record (a tenant key sees only its own workspace's)." },
  409: {
    name: "Conflict",
    description: "Conflicts with an existing record, or the request that first used this `Idempotency-Key` has not answered yet " +
      "(`idempotency_key_in_progress`, with `Retry-After`).",
  },
  413: { name: "PayloadTooLarge", description: "Request body over 1 MiB." },
  415: { name: "UnsupportedMediaType", description: "A non-empty request body that is not JSON, or a compressed one (`Content-Encoding` other than `identity`)." },
  422: {
    name: "UnprocessableEntity",
    description: "Well-formed but refused by a business rule (the message says which), or this `Idempotency-Key` was first used " +
      "for another request (`idempotency_key_reused`).",
  },
  429: {
    name: "TooManyRequests",
    description: "Too many requests: the API key went past its rate limit (README, Configuration), or too many changes came for one product code at once. Nothing was done; retry after `Retry-After` seconds.",
    headers: z.object({ "Retry-After": z.string().regex(/^\d+$/).meta({ description: "Seconds to wait before retrying." }) }),
  },
};

const ERROR_STATUSES = Object.keys(ERRORS).map(Number) as ErrorStatus[];

/**
 * The statuses a route can fail with: the handler's own, plus those its
 * auth, body, query and surface imply. Rendered through the surface, so
 * Datadog's 401 is listed as the 403 it actually answers.
 */
export function errorStatuses(route: DocumentedRoute, surface: Surface): number[] {
  const statuses = new Set<ErrorStatus>(route.errors);
  const add = (...more: ErrorStatus[]) => more.forEach((status) => statuses.add(status));
  if (route.auth === "admin") add(401);
  // Every request an API key signs counts against its rate limit (src/auth/rateLimit.ts)
  // and may carry a malformed x-d1-bookmark (src/auth/session.ts).
  if (Array.isArray(route.auth)) add(400, 401, 403, 429);
  if (route.request?.body) add(400, 413, 415);
  // Path segments are validated too (src/http/routing.ts): every `{param}` can fail.
  if (route.request?.query || surfaceDocs(surface).requestHeaders || route.path.includes("{")) add(400);
  const rendered = new Set([...statuses].map((status) => renderedStatus(surface, status)));
  return [...rendered].sort((a, b) => a - b);
}

const responses = new Map<string, ZodOpenApiResponseObject>();

/**
 * The reusable response component for a surface's error body at one status,
 * e.g. `SequenceNotFound`. One object per id, so every operation refers to it.
 */
export function errorResponse(surface: Surface, status: number): ZodOpenApiResponseObject {
  const sources = ERROR_STATUSES.filter((source) => renderedStatus(surface, source) === status);
  const id = `${surfaceDocs(surface).tag.name}${ERRORS[sources.at(-1) ?? (status as ErrorStatus)]?.name ?? status}`;
  let response = responses.get(id);
  if (!response) {
    const headers = z.object({
      ...surfaceDocs(surface).responseHeaders?.shape,
      ...BOOKMARK_ANSWERED,
      ...Object.assign({}, ...sources.map((source) => ERRORS[source].headers?.shape)),
    });
    response = {
      id,
      description: sources.map((source) => ERRORS[source].description).join(" Or: "),
      content: { "application/json": { schema: surfaceDocs(surface).errorBody } },
      ...(Object.keys(headers.shape).length > 0 && { headers }),
    };
    responses.set(id, response);
  }
  return response;
}

/** The status the surface really answers for a failure (Datadog turns 401 into 403). */
function renderedStatus(surface: Surface, status: ErrorStatus): number {
  return surface.renderError(new ApiError(status, "probe", "probe")).status;
}
