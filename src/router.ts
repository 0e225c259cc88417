import { buildRouter } from "./http/routing";
import { IdParams, route, type RouteSpec } from "./shared/route";
import { seamAction } from "./surfaces/seam";
import {
  ApiKeyListQuery,
  ApiKeyPage,
  ApiKeyResponse,
  CreateApiKeyBody,
  CreateWorkspaceBody,
  WorkspaceListQuery,
  WorkspacePage,
  WorkspaceResponse,
} from "./resources/admin/schemas";
import { createApiKey, listApiKeys, revokeKey } from "./resources/admin/apiKeys";
import { createWorkspace, getWorkspace, listWorkspaces } from "./resources/admin/workspaces";
import { docsPage, serveOpenApi } from "./resources/apiReference/handlers";
import { HtmlPage, OpenApiDocumentResponse } from "./resources/apiReference/schemas";
import { health, HealthResponse } from "./resources/health";
import * as customerOrganizations from "./resources/customers/organizations";
import {
  CreateCustomerOrganizationBody,
  CustomerOrganizationPage,
  CustomerOrganizationResponse,
  MembersBody,
} from "./resources/customers/organizationSchemas";
import * as customers from "./resources/customers/customers";
import { CustomerBody, CustomerListQuery, CustomerPage, CustomerResponse } from "./resources/customers/schemas";
import * as seatAssignments from "./resources/seatAssignments/handlers";
import {
  AssignSeatsResponse,
  SeatAssignmentsBody,
  SeatUsersQuery,
  SeatUsersResponse,
} from "./resources/seatAssignments/schemas";
import * as seatMetrics from "./resources/seatMetrics/handlers";
import {
  CreateSeatMetricBody,
  SeatMetricPage,
  SeatMetricResponse,
  UpdateSeatMetricBody,
} from "./resources/seatMetrics/schemas";
import * as seats from "./resources/seats/handlers";
import {
  SeatCountQuery,
  SeatCountResponse,
  SeatListQuery,
  SeatListResponse,
  SeatPathParams,
  SeatRetrieveResponse,
} from "./resources/seats/schemas";
import * as userIdentities from "./resources/userIdentities/handlers";
import {
  CreateUserIdentityBody,
  DeleteUserIdentityParams,
  GetUserIdentityParams,
  ListUserIdentitiesParams,
  OkEnvelope,
  UpdateUserIdentityBody,
  UserIdentityEnvelope,
  UserIdentityListEnvelope,
} from "./resources/userIdentities/schemas";
import { SequencePageQuery } from "./surfaces/sequencePagination";

// Datadog's page names these permissions for its seat endpoints.
const SEATS_WRITE = ["billing_edit", "incident_write", "on_call_write"] as const;
const SEATS_READ = ["billing_read", "incident_read", "on_call_read"] as const;

/**
 * Every route of the service, in match order. The router and the OpenAPI
 * document (GET /openapi.json) are both built from this table; the surface
 * of each route follows from its path (src/surfaces/index.ts). Each entry:
 * the route and who may call it; its name in the document; the zod schemas
 * its handler validates with, its success answers and the failures the
 * handler throws (auth, body and query failures are added by src/openapi/);
 * the handler. See src/shared/route.ts.
 */
export const routes: RouteSpec[] = [
  // Seatkeeper
  route({
    method: "get", path: "/health", auth: "public",
    operationId: "health", summary: "Liveness check",
    responses: { 200: HealthResponse },
    handler: health,
  }),
  route({
    method: "get", path: "/openapi.json", auth: "public",
    operationId: "getOpenApiDocument", summary: "This OpenAPI document",
    responses: { 200: OpenApiDocumentResponse },
    handler: serveOpenApi(() => routes),
  }),
  route({
    method: "get", path: "/docs", auth: "public",
    operationId: "getApiReference", summary: "This API reference page",
    responses: { 200: { mediaType: "text/html", schema: HtmlPage } },
    handler: docsPage,
  }),
  route({
    method: "post", path: "/admin/workspaces", auth: "admin",
    operationId: "createWorkspace", summary: "Create a workspace",
    request: { body: CreateWorkspaceBody }, responses: { 201: WorkspaceResponse }, errors: [409],
    handler: createWorkspace,
  }),
  route({
    method: "get", path: "/admin/workspaces", auth: "admin",
    operationId: "listWorkspaces", summary: "List workspaces",
    description: "In creation order; `cursor` is the previous page's `next_cursor`. `name` finds a workspace by its exact name.",
    request: { query: WorkspaceListQuery }, responses: { 200: WorkspacePage },
    handler: listWorkspaces,
  }),
  route({
    method: "get", path: "/admin/workspaces/{id}", auth: "admin",
    operationId: "getWorkspace", summary: "Get a workspace",
    responses: { 200: WorkspaceResponse }, errors: [404],
    handler: getWorkspace,
  }),
  route({
    method: "post", path: "/admin/workspaces/{id}/api-keys", auth: "admin",
    operationId: "createApiKey", summary: "Create an API key",
    request: { params: IdParams, body: CreateApiKeyBody }, responses: { 201: ApiKeyResponse }, errors: [404],
    handler: createApiKey,
  }),
  route({
    method: "get", path: "/admin/workspaces/{id}/api-keys", auth: "admin",
    operationId: "listApiKeys", summary: "List a workspace's API keys",
    description: "In creation order, revoked keys included (`revoked_at`). Never shows a secret, a token or a hash. " +
      "`cursor` is the previous page's `next_cursor`; any other is 400.",
    request: { query: ApiKeyListQuery }, responses: { 200: ApiKeyPage }, errors: [400, 404],
    handler: listApiKeys,
  }),
  route({
    method: "delete", path: "/admin/api-keys/{id}", auth: "admin",
    operationId: "revokeApiKey", summary: "Revoke an API key",
    request: { params: IdParams }, responses: { 204: null }, errors: [404],
    handler: revokeKey,
  }),

  // Sequence: seat metrics
  route({
    method: "post", path: "/api/seat-metrics", auth: ["seat_metrics_write"],
    operationId: "createSeatMetric", summary: "Create a seat metric",
    request: { body: CreateSeatMetricBody }, responses: { 201: SeatMetricResponse }, errors: [409],
    handler: seatMetrics.createSeatMetric,
  }),
  route({
    method: "get", path: "/api/seat-metrics", auth: ["seat_metrics_read"],
    operationId: "listSeatMetrics", summary: "List seat metrics",
    request: { query: SequencePageQuery }, responses: { 200: SeatMetricPage },
    handler: seatMetrics.listSeatMetrics,
  }),
  route({
    method: "get", path: "/api/seat-metrics/{id}", auth: ["seat_metrics_read"],
    operationId: "getSeatMetric", summary: "Get a seat metric",
    request: { params: IdParams }, responses: { 200: SeatMetricResponse }, errors: [404],
    handler: seatMetrics.getSeatMetric,
  }),
  route({
    method: "put", path: "/api/seat-metrics/{id}", auth: ["seat_metrics_write"],
    operationId: "updateSeatMetric", summary: "Update a seat metric",
    description: "Changes `label`, `description` and `maxSeats`; `seatType` may be repeated but never changed. " +
      "`maxSeats` cannot drop below the users who hold a seat of the type (409).",
    request: { params: IdParams, body: UpdateSeatMetricBody }, responses: { 200: SeatMetricResponse }, errors: [400, 404, 409],
    handler: seatMetrics.updateSeatMetric,
  }),
  route({
    method: "delete", path: "/api/seat-metrics/{id}", auth: ["seat_metrics_write"],
    operationId: "deleteSeatMetric", summary: "Delete a seat metric",
    description: "Answers with the deleted seat metric. Refused (409) while users hold seats of its type.",
    request: { params: IdParams }, responses: { 200: SeatMetricResponse }, errors: [404, 409],
    handler: seatMetrics.deleteSeatMetric,
  }),

  // Sequence: customers
  route({
    method: "post", path: "/api/customers", auth: ["customers_write"],
    operationId: "createCustomer", summary: "Create a customer",
    request: { body: CustomerBody }, responses: { 201: CustomerResponse },
    handler: customers.createCustomer,
  }),
  route({
    method: "get", path: "/api/customers", auth: ["customers_read"],
    operationId: "listCustomers", summary: "List customers",
    description: "`legalName` and `email` are exact matches (`email` ignores case).",
    request: { query: CustomerListQuery }, responses: { 200: CustomerPage },
    handler: customers.listCustomers,
  }),
  route({
    method: "get", path: "/api/customers/{id}", auth: ["customers_read"],
    operationId: "getCustomer", summary: "Get a customer",
    request: { params: IdParams }, responses: { 200: CustomerResponse }, errors: [404],
    handler: customers.getCustomer,
  }),
  route({
    method: "put", path: "/api/customers/{id}", auth: ["customers_write"],
    operationId: "replaceCustomer", summary: "Replace a customer",
    description: "Replaces every field: an optional field the body leaves out is cleared; organizations stay.",
    request: { params: IdParams, body: CustomerBody }, responses: { 200: CustomerResponse }, errors: [404],
    handler: customers.replaceCustomer,
  }),

  // Sequence: customer organizations
  route({
    method: "post", path: "/api/customer-organizations", auth: ["customers_write"],
    operationId: "createCustomerOrganization", summary: "Create a customer organization",
    description: "The owner among `memberIds` is dropped. Refused whole (nothing written) for unknown customers (422), " +
      "a customer of another organization (409) or a customer that would end up under itself (409).",
    request: { body: CreateCustomerOrganizationBody }, responses: { 201: CustomerOrganizationResponse }, errors: [409, 422],
    handler: customerOrganizations.createCustomerOrganization,
  }),
  route({
    method: "get", path: "/api/customer-organizations", auth: ["customers_read"],
    operationId: "listCustomerOrganizations", summary: "List customer organizations",
    request: { query: SequencePageQuery }, responses: { 200: CustomerOrganizationPage },
    handler: customerOrganizations.listCustomerOrganizations,
  }),
  route({
    method: "get", path: "/api/customer-organizations/{id}", auth: ["customers_read"],
    operationId: "getCustomerOrganization", summary: "Get a customer organization",
    request: { params: IdParams }, responses: { 200: CustomerOrganizationResponse }, errors: [404],
    handler: customerOrganizations.getCustomerOrganization,
  }),
  route({
    method: "delete", path: "/api/customer-organizations/{id}", auth: ["customers_write"],
    operationId: "deleteCustomerOrganization", summary: "Delete a customer organization",
    description: "Answers with the organization as it was; its members become free.",
    request: { params: IdParams }, responses: { 200: CustomerOrganizationResponse }, errors: [404],
    handler: customerOrganizations.deleteCustomerOrganization,
  }),
  route({
    method: "post", path: "/api/customer-organizations/{id}/members", auth: ["customers_write"],
    operationId: "addCustomerOrganizationMembers", summary: "Add members to a customer organization",
    description: "Customers already members stay; refused whole as on create, or 404 for an unknown organization.",
    request: { params: IdParams, body: MembersBody }, responses: { 200: CustomerOrganizationResponse }, errors: [404, 409, 422],
    handler: customerOrganizations.addMembers,
  }),
  route({
    method: "put", path: "/api/customer-organizations/{id}/members", auth: ["customers_write"],
    operationId: "replaceCustomerOrganizationMembers", summary: "Replace a customer organization's members",
    description: "The members become exactly `customerIds`; those left out become free. Refused whole as on create.",
    request: { params: IdParams, body: MembersBody }, responses: { 200: CustomerOrganizationResponse }, errors: [404, 409, 422],
    handler: customerOrganizations.replaceMembers,
  }),

  // Seam: user identities. Every action takes POST with a JSON body; most also answer the
  // method the Seam SDK uses (src/surfaces/seam.ts).
  ...seamAction({
    path: "/user_identities/create", auth: ["users_write"],
    operationId: "createUserIdentity", summary: "Create a user identity",
    input: CreateUserIdentityBody, responses: { 200: UserIdentityEnvelope }, errors: [409],
    handler: userIdentities.createUserIdentity,
  }),
  ...seamAction({
    path: "/user_identities/get", also: "get", auth: ["users_read"],
    operationId: "getUserIdentity", summary: "Get a user identity",
    description: "By `user_identity_id` or `user_identity_key`.",
    input: GetUserIdentityParams, responses: { 200: UserIdentityEnvelope }, errors: [404],
    handler: userIdentities.getUserIdentity,
  }),
  ...seamAction({
    path: "/user_identities/list", also: "get", auth: ["users_read"],
    operationId: "listUserIdentities", summary: "List user identities",
    description: "Pages in creation order; `limit` above 500 is capped.",
    input: ListUserIdentitiesParams, responses: { 200: UserIdentityListEnvelope },
    handler: userIdentities.listUserIdentities,
  }),
  ...seamAction({
    path: "/user_identities/update", also: "patch", auth: ["users_write"],
    operationId: "updateUserIdentity", summary: "Update a user identity",
    description: "An omitted field is kept, `null` clears it.",
    input: UpdateUserIdentityBody, responses: { 200: OkEnvelope }, errors: [404, 409],
    handler: userIdentities.updateUserIdentity,
  }),
  ...seamAction({
    path: "/user_identities/delete", also: "delete", auth: ["users_write"],
    operationId: "deleteUserIdentity", summary: "Delete a user identity",
    description: "Deletes the person and their seat assignments. On DELETE, a JSON body, if sent, is read too and " +
      "wins over the query.",
    input: DeleteUserIdentityParams, responses: { 200: OkEnvelope }, errors: [404],
    handler: userIdentities.deleteUserIdentity,
  }),

  // Datadog: seat assignments per product code. Before Sendblue's /api/v2/seats/{seat_id},
  // which would otherwise take GET /api/v2/seats/users for a seat id `users`.
  route({
    method: "post", path: "/api/v2/seats/users", auth: SEATS_WRITE,
    operationId: "assignSeatsUser", summary: "Assign seats to users",
    description: "All or nothing. `assigned_ids` names exactly the users this request newly seated. Unknown product " +
      "codes or users and a full cap are 422; an overloaded product code is 429.",
    request: { body: SeatAssignmentsBody }, responses: { 201: AssignSeatsResponse }, errors: [422, 429],
    handler: seatAssignments.assignSeats,
  }),
  route({
    method: "get", path: "/api/v2/seats/users", auth: SEATS_READ,
    operationId: "getSeatsUsers", summary: "List the users holding seats of a product code",
    description: "Holders in user-id order; `page[cursor]` is the previous page's `meta.next_cursor`.",
    request: { query: SeatUsersQuery }, responses: { 200: SeatUsersResponse }, errors: [422],
    handler: seatAssignments.listSeatUsers,
  }),
  route({
    method: "delete", path: "/api/v2/seats/users", auth: SEATS_WRITE,
    operationId: "unassignSeatsUser", summary: "Unassign users' seats",
    description: "Takes the seats back, all or nothing; users without a seat are ignored.",
    request: { body: SeatAssignmentsBody }, responses: { 204: null }, errors: [422, 429],
    handler: seatAssignments.unassignSeats,
  }),

  // Sendblue: seats, read views of the same users. /count before /{seat_id}.
  route({
    method: "get", path: "/api/v2/seats", auth: ["users_read"],
    operationId: "listSeats", summary: "List seats",
    description: "Offset pages in creation order; a `limit` above 500 is refused, never capped.",
    request: { query: SeatListQuery }, responses: { 200: SeatListResponse },
    handler: seats.listSeats,
  }),
  route({
    method: "get", path: "/api/v2/seats/count", auth: ["users_read"],
    operationId: "countSeats", summary: "Count seats",
    request: { query: SeatCountQuery }, responses: { 200: SeatCountResponse },
    handler: seats.countSeats,
  }),
  route({
    method: "get", path: "/api/v2/seats/{seat_id}", auth: ["users_read"],
    operationId: "getSeat", summary: "Get a seat by id or auth subject",
    description: "Looks the (percent-decoded) segment up as a seat id, then as a user identity key. Keys `count` and " +
      "`users` cannot be fetched this way: other routes own those paths.",
    request: { params: SeatPathParams }, responses: { 200: SeatRetrieveResponse }, errors: [400, 404],
    handler: seats.getSeat,
  }),
];

export const router = buildRouter(routes);
