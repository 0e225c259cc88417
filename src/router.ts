import type { RouteSpec } from "./http/route";
import { buildRouter } from "./http/routing";
import { ApiKeyResponse, CreateApiKeyBody, CreateWorkspaceBody, WorkspaceResponse } from "./resources/admin/schemas";
import { createApiKey, revokeKey } from "./resources/admin/apiKeys";
import { createWorkspace } from "./resources/admin/workspaces";
import { docsPage, serveOpenApi } from "./resources/apiReference/handlers";
import { HtmlPage, OpenApiDocumentResponse } from "./resources/apiReference/schemas";
import { health, HealthResponse } from "./resources/health";
import * as seatMetrics from "./resources/seatMetrics/handlers";
import {
  CreateSeatMetricBody,
  SeatMetricPage,
  SeatMetricResponse,
  UpdateSeatMetricBody,
} from "./resources/seatMetrics/schemas";
import { SequencePageQuery } from "./surfaces/sequencePagination";

/**
 * Every route of the service, in match order. The router and the OpenAPI
 * document (GET /openapi.json) are both built from this table; the surface
 * of each route follows from its path (src/surfaces/index.ts). Each entry:
 * the route and who may call it; its name in the document; the zod schemas
 * its handler validates with, its success answers and the failures the
 * handler throws (auth, body and query failures are added by src/openapi/);
 * the handler. See src/http/route.ts.
 */
export const routes: RouteSpec[] = [
  // Seatkeeper
  {
    method: "get", path: "/health", auth: "public",
    operationId: "health", summary: "Liveness check",
    responses: { 200: HealthResponse },
    handler: health,
  },
  {
    method: "get", path: "/openapi.json", auth: "public",
    operationId: "getOpenApiDocument", summary: "This OpenAPI document",
    responses: { 200: OpenApiDocumentResponse },
    handler: serveOpenApi(() => routes),
  },
  {
    method: "get", path: "/docs", auth: "public",
    operationId: "getApiReference", summary: "This API reference page",
    responses: { 200: { mediaType: "text/html", schema: HtmlPage } },
    handler: docsPage,
  },
  {
    method: "post", path: "/admin/workspaces", auth: "admin",
    operationId: "createWorkspace", summary: "Create a workspace",
    request: { body: CreateWorkspaceBody }, responses: { 201: WorkspaceResponse }, errors: [409],
    handler: createWorkspace,
  },
  {
    method: "post", path: "/admin/workspaces/{id}/api-keys", auth: "admin",
    operationId: "createApiKey", summary: "Create an API key",
    request: { body: CreateApiKeyBody }, responses: { 201: ApiKeyResponse }, errors: [404],
    handler: createApiKey,
  },
  {
    method: "delete", path: "/admin/api-keys/{id}", auth: "admin",
    operationId: "revokeApiKey", summary: "Revoke an API key",
    responses: { 204: null }, errors: [404],
    handler: revokeKey,
  },

  // Sequence: seat metrics
  {
    method: "post", path: "/api/seat-metrics", auth: ["seat_metrics_write"],
    operationId: "createSeatMetric", summary: "Create a seat metric",
    request: { body: CreateSeatMetricBody }, responses: { 201: SeatMetricResponse }, errors: [409],
    handler: seatMetrics.createSeatMetric,
  },
  {
    method: "get", path: "/api/seat-metrics", auth: ["seat_metrics_read"],
    operationId: "listSeatMetrics", summary: "List seat metrics",
    request: { query: SequencePageQuery }, responses: { 200: SeatMetricPage },
    handler: seatMetrics.listSeatMetrics,
  },
  {
    method: "get", path: "/api/seat-metrics/{id}", auth: ["seat_metrics_read"],
    operationId: "getSeatMetric", summary: "Get a seat metric",
    responses: { 200: SeatMetricResponse }, errors: [404],
    handler: seatMetrics.getSeatMetric,
  },
  {
    method: "put", path: "/api/seat-metrics/{id}", auth: ["seat_metrics_write"],
    operationId: "updateSeatMetric", summary: "Update a seat metric",
    description: "Changes `label` and `description`; `seatType` may be repeated but never changed.",
    request: { body: UpdateSeatMetricBody }, responses: { 200: SeatMetricResponse }, errors: [400, 404],
    handler: seatMetrics.updateSeatMetric,
  },
  {
    method: "delete", path: "/api/seat-metrics/{id}", auth: ["seat_metrics_write"],
    operationId: "deleteSeatMetric", summary: "Delete a seat metric",
    description: "Answers with the deleted seat metric.",
    responses: { 200: SeatMetricResponse }, errors: [404],
    handler: seatMetrics.deleteSeatMetric,
  },
];

export const router = buildRouter(routes);
