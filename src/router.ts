import { Router } from "itty-router/Router";
import { requireAdmin, requirePermission } from "./auth/middleware";
import { ApiError, notFound } from "./http/errors";
import type { AppRequest, Handler, RouteArgs } from "./http/context";
import { renderFailure } from "./http/failure";
import { surfaceFor, type Surface } from "./surfaces";
import { createApiKey, revokeKey } from "./resources/admin/apiKeys";
import { createWorkspace } from "./resources/admin/workspaces";
import { health } from "./resources/health";
import * as customerOrganizations from "./resources/customerOrganizations/handlers";
import * as customers from "./resources/customers/handlers";
import * as seatMetrics from "./resources/seatMetrics/handlers";
import * as seatAssignments from "./resources/seatAssignments/handlers";
import * as seats from "./resources/seats/handlers";
import * as userIdentities from "./resources/userIdentities/handlers";

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

  // Seam: user identities. Every action takes POST with a JSON body; get and
  // list also GET with a query, update also PATCH, delete also DELETE with a query.
  .post("/user_identities/create", requirePermission("users_write"), userIdentities.createUserIdentity)
  .get("/user_identities/get", requirePermission("users_read"), userIdentities.getUserIdentity)
  .post("/user_identities/get", requirePermission("users_read"), userIdentities.getUserIdentity)
  .get("/user_identities/list", requirePermission("users_read"), userIdentities.listUserIdentities)
  .post("/user_identities/list", requirePermission("users_read"), userIdentities.listUserIdentities)
  .patch("/user_identities/update", requirePermission("users_write"), userIdentities.updateUserIdentity)
  .post("/user_identities/update", requirePermission("users_write"), userIdentities.updateUserIdentity)
  .delete("/user_identities/delete", requirePermission("users_write"), userIdentities.deleteUserIdentity)
  .post("/user_identities/delete", requirePermission("users_write"), userIdentities.deleteUserIdentity)

  // Datadog: seat assignments per product code (permissions as Datadog's page names them)
  .post("/api/v2/seats/users", requirePermission(...SEATS_WRITE), seatAssignments.assignSeats)
  .get("/api/v2/seats/users", requirePermission(...SEATS_READ), seatAssignments.listSeatUsers)
  .delete("/api/v2/seats/users", requirePermission(...SEATS_WRITE), seatAssignments.unassignSeats)

  // Sendblue: seats, read views of the same users. Routes match in order, so
  // /count comes before /{seat_id}; /{seat_id} applies only to Sendblue's
  // paths, so that it never swallows Datadog's /api/v2/seats/users.
  .get("/api/v2/seats", requirePermission("users_read"), seats.listSeats)
  .get("/api/v2/seats/count", requirePermission("users_read"), seats.countSeats)
  .get("/api/v2/seats/:seat_id", onlyOn("sendblue", requirePermission("users_read"), seats.getSeat))

  // Sequence: customers
  .post("/api/customers", requirePermission("customers_write"), customers.createCustomer)
  .get("/api/customers", requirePermission("customers_read"), customers.listCustomers)
  .get("/api/customers/:id", requirePermission("customers_read"), customers.getCustomer)
  .put("/api/customers/:id", requirePermission("customers_write"), customers.replaceCustomer)

  // Sequence: customer organizations
  .post("/api/customer-organizations", requirePermission("customers_write"), customerOrganizations.createCustomerOrganization)
  .get("/api/customer-organizations", requirePermission("customers_read"), customerOrganizations.listCustomerOrganizations)
  .get("/api/customer-organizations/:id", requirePermission("customers_read"), customerOrganizations.getCustomerOrganization)
  .delete("/api/customer-organizations/:id", requirePermission("customers_write"), customerOrganizations.deleteCustomerOrganization)
  .post("/api/customer-organizations/:id/members", requirePermission("customers_write"), customerOrganizations.addMembers)
  .put("/api/customer-organizations/:id/members", requirePermission("customers_write"), customerOrganizations.replaceMembers)

  .all("*", unmatched);

/**
 * Runs the handlers only when the path belongs to the given surface (see
 * surfaceFor); otherwise the route does not apply and matching goes on.
 */
function onlyOn(surface: Surface["name"], ...handlers: Handler[]): Handler {
  return async (request, env, ctx) => {
    if (request.surface.name !== surface) return;
    for (const handler of handlers) {
      const response = await handler(request, env, ctx);
      if (response) return response;
    }
  };
}

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
