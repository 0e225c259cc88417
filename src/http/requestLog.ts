import { UNSEEN_WORKSPACE } from "../db/keyGate";
import type { AppRequest } from "../shared/context";

/** `/a/:id` (itty-router's form) -> `/a/{id}`, the route table's. */
export const openApiPath = (path: string) => path.replace(/:(\w+)/g, "{$1}");

/** The pattern of the route that matched (`/api/seat-metrics/{id}`), never the raw path; null when none did. */
function routePattern(request: AppRequest): string | null {
  const route = request.route as string | undefined;
  return route && route !== "*" ? openApiPath(route) : null;
}

/**
 * The request's one log line, as JSON on one line (what `wrangler dev`
 * prints and Workers Logs indexes field by field). It names the route by
 * its pattern and never carries a secret, a token, a body or the raw query
 * string (which can hold emails and search terms).
 */
export function logRequest(request: AppRequest, response: Response): void {
  const workspaceId = request.auth?.workspaceId;
  const line = {
    request_id: request.id,
    surface: request.surface?.name ?? null,
    method: request.method,
    route: routePattern(request),
    status: response.status,
    duration_ms: Date.now() - request.receivedAt,
    workspace_id: workspaceId === undefined || workspaceId === UNSEEN_WORKSPACE ? null : workspaceId,
    key_id: request.auth?.keyId ?? null,
    ...(response.status >= 400 && { error_type: request.errorType ?? null }),
    ...(response.headers.has("Idempotent-Replayed") && { idempotent_replayed: true }),
  };
  console.log(JSON.stringify(line));
}

/** A log line about something that went wrong inside a request (JSON, with its request id and route). */
export function logProblem(request: AppRequest, event: string, details: Record<string, unknown>): void {
  console.error(JSON.stringify({ event, request_id: request.id, route: routePattern(request), ...details }));
}
