import { Router } from "itty-router/Router";
import { requireAdmin, requirePermission } from "./auth/middleware";
import { ApiError, notFound } from "./http/errors";
import type { AppRequest, Handler, RouteArgs } from "./http/context";
import { renderFailure } from "./http/failure";
import { surfaceFor } from "./surfaces";
import { createApiKey, revokeKey } from "./resources/admin/apiKeys";
import { createWorkspace } from "./resources/admin/workspaces";
import { health } from "./resources/health";
import * as seatMetrics from "./resources/seatMetrics/handlers";
import * as seatAssignments from "./resources/seatAssignments/handlers";

const SEATS_WRITE = ["billing_edit", "incident_write", "on_call_write"] as const;
const SEATS_READ = ["billing_read", "incident_read", "on_call_read"] as const;

/** Picks the vendor surface from the path and runs its per-request checks. */
const selectSurface: Handler = (request) => {
  request.surface = surfaceFor(new URL(request.url).pathname);
  request.surface.prepare?.(request);
};

export const router = Router<AppRequest, RouteArgs>({
  before: [selectSurface],
  catch: (error, request) => renderFailure(error, request as AppRequest),
  finally: [(response: Response, request: AppRequest) => request.surface.finish?.(response, request) ?? response],
});

router
  // Seatkeeper
  .get("/health", health)
  .post("/admin/workspaces", requireAdmin, createWorkspace)
  .post("/admin/workspaces/:id/api-keys", requireAdmin, createApiKey)
  .delete("/admin/api-keys/:id", requireAdmin, revokeKey)

  // Sequence: seat metrics
  .post("/api/seat-metrics", requirePermission("seat_metrics_write"), seatMetrics.createSeatMetric)
  .get("/api/seat-metrics", requirePermission("seat_metrics_read"), seatMetrics.listSeatMetrics)
  .get("/api/seat-metrics/:id", requirePermission("seat_metrics_read"), seatMetrics.getSeatMetric)
  .put("/api/seat-metrics/:id", requirePermission("seat_metrics_write"), seatMetrics.updateSeatMetric)
  .delete("/api/seat-metrics/:id", requirePermission("seat_metrics_write"), seatMetrics.deleteSeatMetric)

  // Datadog: seat assignments per product code (permissions as Datadog's page names them)
  .post("/api/v2/seats/users", requirePermission(...SEATS_WRITE), seatAssignments.assignSeats)
  .get("/api/v2/seats/users", requirePermission(...SEATS_READ), seatAssignments.listSeatUsers)
  .delete("/api/v2/seats/users", requirePermission(...SEATS_WRITE), seatAssignments.unassignSeats)

  .all("*", unmatched);

/** 405 with `Allow` when the path exists under other methods, else 404. */
function unmatched(request: AppRequest): never {
  const { pathname } = new URL(request.url);
  const allowed = router.routes
    .filter(([method, pattern]) => method !== "ALL" && pattern.test(pathname))
    .map(([method]) => method);
  if (allowed.length > 0) {
    throw new ApiError(405, "method_not_allowed", `Method ${request.method} is not allowed on ${pathname}`, {
      Allow: [...new Set(allowed)].join(", "),
    });
  }
  throw notFound("route", `No route for ${request.method} ${pathname}`);
}
