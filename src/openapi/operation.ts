import * as z from "zod";
import type { ZodOpenApiOperationObject, ZodOpenApiResponseObject, ZodOpenApiResponsesObject } from "zod-openapi";
import { takesIdempotencyKey, type DocumentedRoute, type ResponseSpec } from "../shared/route";
import { surfaceFor, type Surface } from "../surfaces";
import { surfaceDocs } from "../surfaces/docs";
import { errorResponse, errorStatuses } from "./errors";
import { BODY_EXAMPLES } from "./examples";
import { BOOKMARK_ANSWERED, BOOKMARK_SENT, IDEMPOTENCY_KEY } from "./headers";
import { accessNote, securityFor } from "./security";

const SUCCESS_DESCRIPTIONS: Record<number, string> = { 200: "OK", 201: "Created", 202: "Accepted", 204: "No Content" };

/** One route of the table as an OpenAPI operation, in its surface's conventions. */
export function operationFor(route: DocumentedRoute): ZodOpenApiOperationObject {
  // The same function that picks the surface of a live request picks it here.
  const surface = surfaceFor(route.path);
  const docs = surfaceDocs(surface);
  const { body, query, params } = route.request;
  const header = headersOf(route, docs.requestHeaders);
  return {
    operationId: route.operationId,
    summary: route.summary,
    description: [route.extension && extensionNote(docs.tag.name), route.description, accessNote(route.auth, surface)].filter(Boolean).join("\n\n"),
    tags: [docs.tag.name],
    ...(route.extension && { "x-seatkeeper-extension": true }),
    security: securityFor(route.auth, surface),
    ...(Array.isArray(route.auth) && { "x-permissions": { anyOf: [...route.auth] } }),
    requestParams: {
      path: params,
      ...(query && { query: query as z.core.$ZodObject }),
      ...(header && { header }),
    },
    ...(body && {
      requestBody: {
        // An empty body counts as {} (src/http/body.ts), so it is optional exactly when {} is valid.
        required: !z.safeParse(body, {}).success,
        content: { "application/json": { schema: body, ...(route.operationId in BODY_EXAMPLES && { example: BODY_EXAMPLES[route.operationId] }) } },
      },
    }),
    responses: responsesFor(route, surface),
  };
}

/**
 * The request headers an operation reads: its surface's, a tenant key's bookmark
 * (src/auth/session.ts), and Idempotency-Key on a signed-in or admin write (`takesIdempotencyKey`).
 */
function headersOf(route: DocumentedRoute, surfaceHeaders: z.ZodObject | undefined): z.ZodObject | undefined {
  const shape = {
    ...surfaceHeaders?.shape,
    ...(Array.isArray(route.auth) && BOOKMARK_SENT),
    ...(takesIdempotencyKey(route.auth, route.method) && IDEMPOTENCY_KEY),
  };
  return Object.keys(shape).length > 0 ? z.object(shape) : undefined;
}

/** What an extension's description starts with. */
function extensionNote(vendor: string): string {
  return `**Seatkeeper extension**: ${vendor}'s own API has no such operation; it follows ${vendor}'s conventions.`;
}

function responsesFor(route: DocumentedRoute, surface: Surface): ZodOpenApiResponsesObject {
  const responses: Record<string, ZodOpenApiResponseObject> = {};
  for (const [status, spec] of Object.entries(route.responses)) {
    responses[status] = successResponse(Number(status), spec, surface, route.auth !== "public");
  }
  for (const status of errorStatuses(route, surface)) {
    responses[status] = errorResponse(surface, status);
  }
  return responses;
}

function successResponse(status: number, spec: ResponseSpec<z.core.$ZodType>, surface: Surface, signedIn: boolean): ZodOpenApiResponseObject {
  const { responseHeaders } = surfaceDocs(surface);
  const shape = { ...responseHeaders?.shape, ...(signedIn && BOOKMARK_ANSWERED) };
  const headers = Object.keys(shape).length > 0 && { headers: z.object(shape) };
  const description = SUCCESS_DESCRIPTIONS[status] ?? `Status ${status}`;
  if (spec === null) return { description, ...headers };
  if (!("mediaType" in spec)) return { description, content: { "application/json": { schema: spec } }, ...headers };
  return { description: spec.description ?? description, content: { [spec.mediaType]: { schema: spec.schema } }, ...headers };
}
