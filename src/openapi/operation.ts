import * as z from "zod";
import type { ZodOpenApiOperationObject, ZodOpenApiResponseObject, ZodOpenApiResponsesObject } from "zod-openapi";
import type { DocumentedRoute, ResponseSpec } from "../shared/route";
import { surfaceFor, type Surface } from "../surfaces";
import { surfaceDocs } from "../surfaces/docs";
import { errorResponse, errorStatuses } from "./errors";
import { accessNote, securityFor } from "./security";

const SUCCESS_DESCRIPTIONS: Record<number, string> = { 200: "OK", 201: "Created", 202: "Accepted", 204: "No Content" };

/** One route of the table as an OpenAPI operation, in its surface's conventions. */
export function operationFor(route: DocumentedRoute): ZodOpenApiOperationObject {
  // The same function that picks the surface of a live request picks it here.
  const surface = surfaceFor(route.path);
  const docs = surfaceDocs(surface);
  const { body, query, params } = route.request;
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
      ...(docs.requestHeaders && { header: docs.requestHeaders }),
    },
    ...(body && {
      requestBody: {
        // An empty body counts as {} (src/http/body.ts), so it is optional exactly when {} is valid.
        required: !z.safeParse(body, {}).success,
        content: { "application/json": { schema: body } },
      },
    }),
    responses: responsesFor(route, surface),
  };
}

/** What an extension's description starts with. */
function extensionNote(vendor: string): string {
  return `**Seatkeeper extension**: ${vendor}'s own API has no such operation; it follows ${vendor}'s conventions.`;
}

function responsesFor(route: DocumentedRoute, surface: Surface): ZodOpenApiResponsesObject {
  const responses: Record<string, ZodOpenApiResponseObject> = {};
  for (const [status, spec] of Object.entries(route.responses)) {
    responses[status] = successResponse(Number(status), spec, surface);
  }
  for (const status of errorStatuses(route, surface)) {
    responses[status] = errorResponse(surface, status);
  }
  return responses;
}

function successResponse(status: number, spec: ResponseSpec<z.core.$ZodType>, surface: Surface): ZodOpenApiResponseObject {
  const { responseHeaders } = surfaceDocs(surface);
  const headers = responseHeaders && { headers: responseHeaders };
  const description = SUCCESS_DESCRIPTIONS[status] ?? `Status ${status}`;
  if (spec === null) return { description, ...headers };
  if (!("mediaType" in spec)) return { description, content: { "application/json": { schema: spec } }, ...headers };
  return { description: spec.description ?? description, content: { [spec.mediaType]: { schema: spec.schema } }, ...headers };
}
