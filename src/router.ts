import { buildRouter } from "./http/routing";
import { lazyModule } from "./shared/lazy";
import { IdParams, route, type RouteSpec } from "./shared/route";
import { seamAction } from "./surfaces/seam";

// The resources' modules load when one of their routes first runs, so starting the Worker builds
// none of their schemas (src/shared/lazy.ts, docs/bundle-and-startup.md).
const adminSchemas = lazyModule(() => import("./resources/admin/schemas"));
const apiKeys = lazyModule(() => import("./resources/admin/apiKeys"));
const workspaces = lazyModule(() => import("./resources/admin/workspaces"));
const apiReference = lazyModule(() => import("./resources/apiReference/handlers"));
const health = lazyModule(() => import("./resources/health"));
const customerOrganizations = lazyModule(() => import("./resources/customers/organizations"));
const organizationSchemas = lazyModule(() => import("./resources/customers/organizationSchemas"));
const aliases = lazyModule(() => import("./resources/customers/aliases"));
const aliasSchemas = lazyModule(() => import("./resources/customers/aliasSchemas"));
const contacts = lazyModule(() => import("./resources/customers/contacts"));
const contactSchemas = lazyModule(() => import("./resources/customers/contactSchemas"));
const customers = lazyModule(() => import("./resources/customers/customers"));
const customerListSchemas = lazyModule(() => import("./resources/customers/listSchemas"));
const customerSchemas = lazyModule(() => import("./resources/customers/schemas"));
const customerUsers = lazyModule(() => import("./resources/customers/users"));
const customerUserSchemas = lazyModule(() => import("./resources/customers/userSchemas"));
const seatAssignments = lazyModule(() => import("./resources/seatAssignments/handlers"));
const seatAssignmentSchemas = lazyModule(() => import("./resources/seatAssignments/schemas"));
const seatLedger = lazyModule(() => import("./resources/seatAssignments/ledger"));
const seatLedgerSchemas = lazyModule(() => import("./resources/seatAssignments/ledgerSchemas"));
const seatEvents = lazyModule(() => import("./resources/seatEvents/handlers"));
const seatEventSchemas = lazyModule(() => import("./resources/seatEvents/eventSchemas"));
const seatBalanceSchemas = lazyModule(() => import("./resources/seatEvents/balanceSchemas"));
const seatMetrics = lazyModule(() => import("./resources/seatMetrics/handlers"));
const seatMetricSchemas = lazyModule(() => import("./resources/seatMetrics/schemas"));
const seats = lazyModule(() => import("./resources/seats/handlers"));
const seatSchemas = lazyModule(() => import("./resources/seats/schemas"));
const userIdentities = lazyModule(() => import("./resources/userIdentities/handlers"));
const userIdentitySchemas = lazyModule(() => import("./resources/userIdentities/schemas"));
const sequencePagination = lazyModule(() => import("./surfaces/sequencePagination"));
const webhooks = lazyModule(() => import("./resources/webhooks/handlers"));
const webhookSchemas = lazyModule(() => import("./resources/webhooks/schemas"));
const eventFeed = lazyModule(() => import("./events/feed"));
const eventSchemas = lazyModule(() => import("./events/schemas"));

// The answers' schemas: only the routes' docs name them. In the Worker's build DOCUMENTED is false,
// every `...(DOCUMENTED && { docs: {...} })` folds away, and these lazy modules go unused: marked pure,
// esbuild drops them with their modules (docs/bundle-and-startup.md; check:bundle refuses them).
const adminResponses = /* @__PURE__ */ lazyModule(() => import("./resources/admin/responses"));
const apiReferenceResponses = /* @__PURE__ */ lazyModule(() => import("./resources/apiReference/responses"));
const healthResponses = /* @__PURE__ */ lazyModule(() => import("./resources/healthResponses"));
const customerResponses = /* @__PURE__ */ lazyModule(() => import("./resources/customers/responses"));
const seatAssignmentResponses = /* @__PURE__ */ lazyModule(() => import("./resources/seatAssignments/responses"));
const seatEventResponses = /* @__PURE__ */ lazyModule(() => import("./resources/seatEvents/responses"));
const seatMetricResponses = /* @__PURE__ */ lazyModule(() => import("./resources/seatMetrics/responses"));
const seatResponses = /* @__PURE__ */ lazyModule(() => import("./resources/seats/responses"));
const userIdentityResponses = /* @__PURE__ */ lazyModule(() => import("./resources/userIdentities/responses"));
const webhookResponses = /* @__PURE__ */ lazyModule(() => import("./resources/webhooks/responses"));
const eventResponses = /* @__PURE__ */ lazyModule(() => import("./events/responses"));

// Datadog's page names these permissions for its seat endpoints.
const SEATS_WRITE = ["billing_edit", "incident_write", "on_call_write"] as const;
const SEATS_READ = ["billing_read", "incident_read", "on_call_read"] as const;

/**
 * Every route of the service, in match order. The router and the OpenAPI
 * document (GET /openapi.json, which scripts/build-openapi.mjs builds from
 * this table) both come from it; the surface of each route follows from its
 * path (src/surfaces/index.ts). Each entry: the route and who may call it;
 * the zod schemas its handler validates with; the handler; then its `docs`:
 * its name in the document, its success answers and the failures the handler
 * throws (auth, body and query failures are added by src/openapi/). Only the
 * document's build reads `docs`; the Worker's build leaves each out
 * (DOCUMENTED, src/documented.d.ts). Schemas and handlers come through the
 * lazy modules above (a schema given directly works too, but is built at
 * startup: .ci/run refuses that). See src/shared/route.ts.
 */
export const routes: RouteSpec[] = [
  // Seatkeeper
  route({
    method: "get", path: "/health", auth: "public",
    handler: health.health,
    ...(DOCUMENTED && { docs: {
      operationId: "health", summary: "Liveness check",
      responses: { 200: healthResponses.HealthResponse },
    } }),
  }),
  route({
    method: "get", path: "/openapi.json", auth: "public",
    handler: apiReference.serveAsset,
    ...(DOCUMENTED && { docs: {
      operationId: "getOpenApiDocument", summary: "This OpenAPI document",
      responses: { 200: apiReferenceResponses.OpenApiDocumentResponse },
    } }),
  }),
  route({
    method: "get", path: "/docs", auth: "public",
    handler: apiReference.serveAsset,
    ...(DOCUMENTED && { docs: {
      operationId: "getApiReference", summary: "This API reference page",
      responses: { 200: { mediaType: "text/html", schema: apiReferenceResponses.HtmlPage } },
    } }),
  }),
  route({
    method: "post", path: "/admin/workspaces", auth: "admin",
    request: { body: adminSchemas.CreateWorkspaceBody },
    handler: workspaces.createWorkspace,
    ...(DOCUMENTED && { docs: {
      operationId: "createWorkspace", summary: "Create a workspace",
      responses: { 201: adminResponses.WorkspaceResponse }, errors: [409],
    } }),
  }),
  route({
    method: "get", path: "/admin/workspaces", auth: "admin",
    request: { query: adminSchemas.WorkspaceListQuery },
    handler: workspaces.listWorkspaces,
    ...(DOCUMENTED && { docs: {
      operationId: "listWorkspaces", summary: "List workspaces",
      description: "In creation order; `cursor` is the previous page's `next_cursor`. `name` finds a workspace by its exact name.",
      responses: { 200: adminResponses.WorkspacePage },
    } }),
  }),
  route({
    method: "get", path: "/admin/workspaces/{id}", auth: "admin",
    handler: workspaces.getWorkspace,
    ...(DOCUMENTED && { docs: {
      operationId: "getWorkspace", summary: "Get a workspace",
      responses: { 200: adminResponses.WorkspaceResponse }, errors: [404],
    } }),
  }),
  route({
    method: "post", path: "/admin/workspaces/{id}/api-keys", auth: "admin",
    request: { params: IdParams, body: adminSchemas.CreateApiKeyBody },
    handler: apiKeys.createApiKey,
    ...(DOCUMENTED && { docs: {
      operationId: "createApiKey", summary: "Create an API key",
      responses: { 201: adminResponses.ApiKeyResponse }, errors: [404],
    } }),
  }),
  route({
    method: "get", path: "/admin/workspaces/{id}/api-keys", auth: "admin",
    request: { query: adminSchemas.ApiKeyListQuery },
    handler: apiKeys.listApiKeys,
    ...(DOCUMENTED && { docs: {
      operationId: "listApiKeys", summary: "List a workspace's API keys",
      description: "In creation order, revoked keys included (`revoked_at`). Never shows a secret, a token or a hash. " +
        "`cursor` is the previous page's `next_cursor`; any other is 400.",
      responses: { 200: adminResponses.ApiKeyPage }, errors: [400, 404],
    } }),
  }),
  route({
    method: "post", path: "/admin/workspaces/{id}/webhook-endpoints", auth: "admin",
    request: { params: IdParams, body: webhookSchemas.CreateWebhookEndpointBody },
    handler: webhooks.createWebhookEndpoint,
    ...(DOCUMENTED && { docs: {
      operationId: "createWebhookEndpoint", summary: "Add a webhook endpoint to a workspace",
      description: "Without `eventTypes` it hears every type. The URL must be https (plain http only to 127.0.0.1 or localhost, " +
        "for local development). The answer's `secret` (Standard Webhooks' `whsec_...`) appears only here and in a rotation's answer.",
      responses: { 201: webhookResponses.WebhookEndpointWithSecret }, errors: [404],
    } }),
  }),
  route({
    method: "get", path: "/admin/workspaces/{id}/webhook-endpoints", auth: "admin",
    request: { params: IdParams },
    handler: webhooks.listWebhookEndpoints,
    ...(DOCUMENTED && { docs: {
      operationId: "listWebhookEndpoints", summary: "List a workspace's webhook endpoints",
      description: "In creation order, without secrets.",
      responses: { 200: webhookResponses.WebhookEndpointList }, errors: [404],
    } }),
  }),
  route({
    method: "get", path: "/admin/webhook-endpoints/{id}", auth: "admin",
    request: { params: IdParams },
    handler: webhooks.getWebhookEndpoint,
    ...(DOCUMENTED && { docs: {
      operationId: "getWebhookEndpoint", summary: "Get a webhook endpoint",
      responses: { 200: webhookResponses.WebhookEndpointResponse }, errors: [404],
    } }),
  }),
  route({
    method: "patch", path: "/admin/webhook-endpoints/{id}", auth: "admin",
    request: { params: IdParams, body: webhookSchemas.UpdateWebhookEndpointBody },
    handler: webhooks.updateWebhookEndpoint,
    ...(DOCUMENTED && { docs: {
      operationId: "updateWebhookEndpoint", summary: "Change a webhook endpoint's URL, event types or description",
      responses: { 200: webhookResponses.WebhookEndpointResponse }, errors: [404],
    } }),
  }),
  route({
    method: "delete", path: "/admin/webhook-endpoints/{id}", auth: "admin",
    request: { params: IdParams },
    handler: webhooks.deleteWebhookEndpoint,
    ...(DOCUMENTED && { docs: {
      operationId: "deleteWebhookEndpoint", summary: "Delete a webhook endpoint",
      description: "Its pending deliveries go with it: nothing more is sent to it.",
      responses: { 204: null }, errors: [404],
    } }),
  }),
  route({
    method: "post", path: "/admin/webhook-endpoints/{id}/rotate-secret", auth: "admin",
    request: { params: IdParams },
    handler: webhooks.rotateWebhookSecret,
    ...(DOCUMENTED && { docs: {
      operationId: "rotateWebhookSecret", summary: "Rotate a webhook endpoint's secret",
      description: "Answers the new secret. For 24 hours deliveries carry a signature with the previous secret beside the new one.",
      responses: { 200: webhookResponses.WebhookEndpointWithSecret }, errors: [404],
    } }),
  }),
  route({
    method: "get", path: "/admin/webhook-endpoints/{id}/deliveries", auth: "admin",
    request: { params: IdParams, query: webhookSchemas.DeliveryListQuery },
    handler: webhooks.listWebhookDeliveries,
    ...(DOCUMENTED && { docs: {
      operationId: "listWebhookDeliveries", summary: "A webhook endpoint's deliveries: attempts and last status",
      description: "Newest event first; `cursor` is the previous page's `next_cursor`.",
      responses: { 200: webhookResponses.DeliveryPage }, errors: [404],
    } }),
  }),
  route({
    method: "post", path: "/admin/webhook-deliveries/{id}/retry", auth: "admin",
    request: { params: IdParams },
    handler: webhooks.retryWebhookDelivery,
    ...(DOCUMENTED && { docs: {
      operationId: "retryWebhookDelivery", summary: "Retry a webhook delivery by hand",
      description: "Sends a succeeded or failed delivery again now; its attempts count afresh. A pending one is still on its retry schedule (409).",
      responses: { 202: webhookResponses.DeliveryResponse }, errors: [404, 409],
    } }),
  }),
  route({
    method: "delete", path: "/admin/api-keys/{id}", auth: "admin",
    request: { params: IdParams },
    handler: apiKeys.revokeKey,
    ...(DOCUMENTED && { docs: {
      operationId: "revokeApiKey", summary: "Revoke an API key",
      responses: { 204: null }, errors: [404],
    } }),
  }),

  // Sequence: seat metrics
  route({
    method: "post", path: "/api/seat-metrics", auth: ["seat_metrics_write"],
    request: { body: seatMetricSchemas.CreateSeatMetricBody },
    handler: seatMetrics.createSeatMetric,
    ...(DOCUMENTED && { docs: {
      operationId: "createSeatMetric", summary: "Create a seat metric",
      responses: { 201: seatMetricResponses.SeatMetricResponse }, errors: [409],
    } }),
  }),
  route({
    method: "get", path: "/api/seat-metrics", auth: ["seat_metrics_read"],
    request: { query: sequencePagination.SequencePageQuery },
    handler: seatMetrics.listSeatMetrics,
    ...(DOCUMENTED && { docs: {
      operationId: "listSeatMetrics", summary: "List seat metrics",
      responses: { 200: seatMetricResponses.SeatMetricPage },
    } }),
  }),
  route({
    method: "get", path: "/api/seat-metrics/{id}", auth: ["seat_metrics_read"],
    request: { params: IdParams },
    handler: seatMetrics.getSeatMetric,
    ...(DOCUMENTED && { docs: {
      operationId: "getSeatMetric", summary: "Get a seat metric",
      responses: { 200: seatMetricResponses.SeatMetricResponse }, errors: [404],
    } }),
  }),
  route({
    method: "put", path: "/api/seat-metrics/{id}", auth: ["seat_metrics_write"],
    request: { params: IdParams, body: seatMetricSchemas.UpdateSeatMetricBody },
    handler: seatMetrics.updateSeatMetric,
    ...(DOCUMENTED && { docs: {
      operationId: "updateSeatMetric", summary: "Update a seat metric",
      description: "Changes `label`, `description` and `maxSeats`, any of them (a body naming none is a 400); " +
        "`seatType` may be repeated but never changed. `maxSeats` cannot drop below the users who hold a seat of the type (409).",
      responses: { 200: seatMetricResponses.SeatMetricResponse }, errors: [400, 404, 409],
    } }),
  }),
  route({
    method: "delete", path: "/api/seat-metrics/{id}", auth: ["seat_metrics_write"],
    request: { params: IdParams },
    handler: seatMetrics.deleteSeatMetric,
    ...(DOCUMENTED && { docs: {
      operationId: "deleteSeatMetric", summary: "Delete a seat metric",
      description: "Answers with the deleted seat metric. Refused (409) while users hold seats of its type.",
      responses: { 200: seatMetricResponses.SeatMetricResponse }, errors: [404, 409],
    } }),
  }),

  // Sequence: customers (API version 2024-07-30; docs/customers.md)
  route({
    method: "post", path: "/api/seat-events", auth: ["seat_metrics_write"],
    request: { body: seatEventSchemas.PostSeatEventBody },
    handler: seatEvents.postSeatEvent,
    ...(DOCUMENTED && { docs: {
      operationId: "postSeatEvent", summary: "Record a seat event",
      description: "Sets the customer's total for the seat type at `eventTimestamp` (a level, not a change). An event with the " +
        "`customerEventId` of a current one supersedes it. A seat type's balance is its latest current event by " +
        "`eventTimestamp`, whether posted or recorded by Seatkeeper from seat assignments (docs/seat-ledger.md). " +
        "An unknown customerAlias or seatType is a 400; superseding an event Seatkeeper recorded is a 409.",
      responses: { 201: seatEventResponses.SeatEventResponse }, errors: [400, 409],
    } }),
  }),
  route({
    method: "get", path: "/api/seat-events", auth: ["seat_metrics_read"],
    request: { query: seatEventSchemas.SeatEventListQuery },
    handler: seatEvents.listSeatEvents,
    ...(DOCUMENTED && { docs: {
      operationId: "listSeatEvents", summary: "List seat events",
      description: "Current events (superseded ones left out), posted and recorded by Seatkeeper, newest first by default.",
      responses: { 200: seatEventResponses.SeatEventPageResponse },
    } }),
  }),
  route({
    method: "get", path: "/api/seat-events/{id}", auth: ["seat_metrics_read"],
    request: { params: IdParams },
    handler: seatEvents.getSeatEvent,
    ...(DOCUMENTED && { docs: {
      operationId: "getSeatEvent", summary: "Get a seat event",
      description: "Superseded events too.",
      responses: { 200: seatEventResponses.SeatEventResponse }, errors: [404],
    } }),
  }),
  route({
    method: "get", path: "/api/seat-balances", auth: ["seat_metrics_read"],
    request: { query: seatBalanceSchemas.SeatBalanceQuery },
    handler: seatEvents.listSeatBalances,
    ...(DOCUMENTED && { docs: {
      operationId: "listSeatBalances", summary: "List seat balances grouped by customer and seat type",
      description: "Every customer (archived ones too) in creation order, with each seat type's latest total and the sum.",
      responses: { 200: seatEventResponses.SeatBalancePage },
    } }),
  }),
  route({
    method: "post", path: "/api/customers", auth: ["customers_write"],
    request: { body: customerSchemas.CustomerBody },
    handler: customers.createCustomer,
    ...(DOCUMENTED && { docs: {
      operationId: "createCustomer", summary: "Create a customer",
      description: "With its contacts (at least one PRIMARY), aliases, custom properties and, with `parentId`, as a child of " +
        "another customer, all or nothing. A taken alias value is refused (409), an unknown parent too (422). " +
        "`pushToIntegrations` must be empty: no integration is linked (400).",
      responses: { 201: customerResponses.CustomerResponse }, errors: [409, 422],
    } }),
  }),
  route({
    method: "get", path: "/api/customers", auth: ["customers_read"],
    request: { query: customerListSchemas.CustomerListQuery },
    handler: customers.listCustomers,
    ...(DOCUMENTED && { docs: {
      operationId: "listCustomers", summary: "List customers",
      description: "Newest first by default. Archived customers only with `includeArchived=true`. Filters are exact " +
        "(`email` ignores case and matches a contact's); any other parameter is refused (400).",
      responses: { 200: customerResponses.CustomerPage },
    } }),
  }),
  route({
    method: "get", path: "/api/customers/by-alias/{alias}", auth: ["customers_read"],
    request: { params: aliasSchemas.AliasPathParams },
    handler: aliases.customerByAlias,
    ...(DOCUMENTED && { docs: {
      operationId: "getCustomerByAlias", summary: "Get the customer an alias names",
      description: "Answers the 2024-05-09 customer (`Customer20240509`), as Sequence's document for 2024-07-30 does: `email` and " +
        "`contactName` from the first PRIMARY contact, `billingEmails` from the other billing contacts.",
      responses: { 200: customerResponses.LegacyCustomerResponse }, errors: [404],
    } }),
  }),
  route({
    method: "get", path: "/api/customers/{id}", auth: ["customers_read"],
    request: { params: IdParams },
    handler: customers.getCustomer,
    ...(DOCUMENTED && { docs: {
      operationId: "getCustomer", summary: "Get a customer",
      description: "Archived customers too.",
      responses: { 200: customerResponses.CustomerResponse }, errors: [404],
    } }),
  }),
  route({
    method: "put", path: "/api/customers/{id}", auth: ["customers_write"],
    request: { params: IdParams, body: customerSchemas.CustomerBody },
    handler: customers.replaceCustomer,
    ...(DOCUMENTED && { docs: {
      operationId: "replaceCustomer", summary: "Replace a customer",
      description: "Replaces the fields and every contact; `url`, `label` and `integrationIds` left out are cleared, while " +
        "`status`, `customProperties`, `customerAliases` and `parentId` left out stay as they are. With `parentId`, the " +
        "customer joins that parent under the hierarchy rules (409 when it has another parent or would end up under itself).",
      responses: { 200: customerResponses.CustomerResponse }, errors: [404, 409, 422],
    } }),
  }),
  route({
    method: "post", path: "/api/customers/{id}/archive", auth: ["customers_write"],
    handler: customers.archiveCustomer,
    ...(DOCUMENTED && { docs: {
      operationId: "archiveCustomer", summary: "Archive a customer",
      description: "Sets `archivedAt` (archiving again keeps the first time). The customer leaves the list unless " +
        "`includeArchived=true` and stays readable by id.",
      responses: { 200: customerResponses.CustomerResponse }, errors: [404],
    } }),
  }),
  route({
    method: "get", path: "/api/customers/{id}/aliases", auth: ["customers_read"],
    request: { query: sequencePagination.NoQuery },
    handler: aliases.customerAliases,
    ...(DOCUMENTED && { docs: {
      operationId: "listCustomerAliasesOfCustomer", summary: "List a customer's aliases",
      responses: { 200: customerResponses.CustomerAliasList }, errors: [404],
    } }),
  }),
  route({
    method: "get", path: "/api/customers/{id}/users", auth: ["customers_read"],
    request: { params: IdParams, query: sequencePagination.SequencePageQuery },
    handler: customerUsers.listCustomerUsers,
    ...(DOCUMENTED && { docs: {
      operationId: "listCustomerUsers", summary: "List the users who belong to a customer", extension: true,
      description: "Users (Seam user identities, Sendblue seats) whose seats count for this customer, in creation order.",
      responses: { 200: customerResponses.CustomerUserPage }, errors: [404],
    } }),
  }),
  route({
    method: "post", path: "/api/customers/{id}/users", auth: ["customers_write"],
    request: { params: IdParams, body: customerUserSchemas.CustomerUsersBody },
    handler: customerUsers.addCustomerUsers,
    ...(DOCUMENTED && { docs: {
      operationId: "addCustomerUsers", summary: "Add users to a customer", extension: true,
      description: "Links the users (those linked already stay); their seats count for the customer from now on, in the seat " +
        "balances and as seat events. All or nothing: unknown users 422, a user of another customer 409 (naming them), an " +
        "archived customer 409. Answers the first 100 of the customer's users.",
      responses: { 200: customerResponses.CustomerUserPage }, errors: [404, 409, 422],
    } }),
  }),
  route({
    method: "put", path: "/api/customers/{id}/users", auth: ["customers_write"],
    request: { params: IdParams, body: customerUserSchemas.CustomerUsersBody },
    handler: customerUsers.replaceCustomerUsers,
    ...(DOCUMENTED && { docs: {
      operationId: "replaceCustomerUsers", summary: "Replace a customer's users", extension: true,
      description: "The customer's users become exactly `userIds`; those left out are unlinked and their seats leave its " +
        "count. Refused whole as on POST.",
      responses: { 200: customerResponses.CustomerUserPage }, errors: [404, 409, 422],
    } }),
  }),
  route({
    method: "get", path: "/api/customers/{customer}/contacts", auth: ["customers_read"],
    request: { query: contactSchemas.ContactListQuery },
    handler: contacts.listContacts,
    ...(DOCUMENTED && { docs: {
      operationId: "listContacts", summary: "List a customer's contacts",
      responses: { 200: customerResponses.ContactList }, errors: [404],
    } }),
  }),
  route({
    method: "post", path: "/api/customers/{customer}/contacts", auth: ["customers_write"],
    request: { body: contactSchemas.ContactBody },
    handler: contacts.createContact,
    ...(DOCUMENTED && { docs: {
      operationId: "createContact", summary: "Add a contact to a customer",
      responses: { 201: customerResponses.ContactResponse }, errors: [404],
    } }),
  }),
  route({
    method: "put", path: "/api/customers/{customer}/contacts/{id}", auth: ["customers_write"],
    request: { body: contactSchemas.ContactBody },
    handler: contacts.replaceContact,
    ...(DOCUMENTED && { docs: {
      operationId: "replaceContact", summary: "Replace a contact",
      description: "Refused (409) when it would leave the customer without a PRIMARY contact that is not archived.",
      responses: { 200: customerResponses.ContactResponse }, errors: [404, 409],
    } }),
  }),
  route({
    method: "post", path: "/api/customers/{customer}/contacts/{id}/archive", auth: ["customers_write"],
    handler: contacts.archiveContact,
    ...(DOCUMENTED && { docs: {
      operationId: "archiveContact", summary: "Archive a contact",
      description: "Archiving again keeps the first time. Refused (409) for the customer's last PRIMARY contact that is not archived.",
      responses: { 200: customerResponses.ContactResponse }, errors: [404, 409],
    } }),
  }),

  // Sequence: customer aliases and custom property keys
  route({
    method: "get", path: "/api/customer-aliases", auth: ["customers_read"],
    request: { query: aliasSchemas.AliasListQuery },
    handler: aliases.listAliases,
    ...(DOCUMENTED && { docs: {
      operationId: "listCustomerAliases", summary: "List customer aliases",
      description: "Newest first; `value` finds the one alias of that value.",
      responses: { 200: customerResponses.AliasPage },
    } }),
  }),
  route({
    method: "post", path: "/api/customer-aliases", auth: ["customers_write"],
    request: { body: aliasSchemas.CreateAliasBody },
    handler: aliases.createAlias,
    ...(DOCUMENTED && { docs: {
      operationId: "createCustomerAlias", summary: "Create a customer alias",
      description: "An alias value names one customer of the workspace: a taken value is refused (409), also between racing " +
        "requests. An unknown `customerId` is refused (422).",
      responses: { 201: customerResponses.AliasResponse }, errors: [409, 422],
    } }),
  }),
  route({
    method: "put", path: "/api/customer-aliases/{id}", auth: ["customers_write"],
    request: { body: aliasSchemas.UpdateAliasBody },
    handler: aliases.updateAlias,
    ...(DOCUMENTED && { docs: {
      operationId: "updateCustomerAlias", summary: "Update a customer alias",
      description: "Sets the label (cleared when left out); the value never changes.",
      responses: { 200: customerResponses.AliasResponse }, errors: [404],
    } }),
  }),
  route({
    method: "delete", path: "/api/customer-aliases/{id}", auth: ["customers_write"],
    handler: aliases.deleteAlias,
    ...(DOCUMENTED && { docs: {
      operationId: "deleteCustomerAlias", summary: "Delete a customer alias",
      description: "Answers the alias with `deletedAt`; its value may name a customer again.",
      responses: { 200: customerResponses.AliasResponse }, errors: [404],
    } }),
  }),
  route({
    method: "get", path: "/api/customer-custom-property-keys", auth: ["customers_read"],
    request: { query: sequencePagination.NoQuery },
    handler: customers.listCustomPropertyKeys,
    ...(DOCUMENTED && { docs: {
      operationId: "listCustomerCustomPropertyKeys", summary: "List custom property keys",
      description: "Every key some customer of the workspace has (archived customers included), in order.",
      responses: { 200: customerResponses.CustomPropertyKeys },
    } }),
  }),

  // Sequence: customer organizations
  route({
    method: "post", path: "/api/customer-organizations", auth: ["customers_write"],
    request: { body: organizationSchemas.CreateCustomerOrganizationBody },
    handler: customerOrganizations.createCustomerOrganization,
    ...(DOCUMENTED && { docs: {
      operationId: "createCustomerOrganization", summary: "Create a customer organization",
      description: "The owner among `memberIds` is dropped. Refused whole (nothing written) for unknown customers (422), " +
        "a customer of another organization (409) or a customer that would end up under itself (409).",
      responses: { 201: customerResponses.CustomerOrganizationResponse }, errors: [409, 422],
    } }),
  }),
  route({
    method: "get", path: "/api/events", auth: ["events_read"],
    request: { query: eventSchemas.EventListQuery },
    handler: eventFeed.listEventFeed,
    ...(DOCUMENTED && { docs: {
      operationId: "listEvents", summary: "The events feed: every change, for catching up without webhooks", extension: true,
      description: "The workspace's events in the order written (the order its webhooks are recorded in), kept 30 days " +
        "(docs/events-and-webhooks.md). Each event's `data` is the resource as its own surface answers it. " +
        "`after` is the previous page's `pagination.after`; `type` (comma-separated), `from` and `to` filter.",
      responses: { 200: eventResponses.EventPage },
    } }),
  }),
  route({
    method: "get", path: "/api/customer-organizations", auth: ["customers_read"],
    request: { query: sequencePagination.SequencePageQuery },
    handler: customerOrganizations.listCustomerOrganizations,
    ...(DOCUMENTED && { docs: {
      operationId: "listCustomerOrganizations", summary: "List customer organizations", extension: true,
      responses: { 200: customerResponses.CustomerOrganizationPage },
    } }),
  }),
  route({
    method: "get", path: "/api/customer-organizations/{id}", auth: ["customers_read"],
    request: { params: IdParams },
    handler: customerOrganizations.getCustomerOrganization,
    ...(DOCUMENTED && { docs: {
      operationId: "getCustomerOrganization", summary: "Get a customer organization", extension: true,
      responses: { 200: customerResponses.CustomerOrganizationResponse }, errors: [404],
    } }),
  }),
  route({
    method: "delete", path: "/api/customer-organizations/{id}", auth: ["customers_write"],
    request: { params: IdParams },
    handler: customerOrganizations.deleteCustomerOrganization,
    ...(DOCUMENTED && { docs: {
      operationId: "deleteCustomerOrganization", summary: "Delete a customer organization", extension: true,
      description: "Answers with the organization as it was; its members become free.",
      responses: { 200: customerResponses.CustomerOrganizationResponse }, errors: [404],
    } }),
  }),
  route({
    method: "post", path: "/api/customer-organizations/{id}/members", auth: ["customers_write"],
    request: { params: IdParams, body: organizationSchemas.MembersBody },
    handler: customerOrganizations.addMembers,
    ...(DOCUMENTED && { docs: {
      operationId: "addCustomerOrganizationMembers", summary: "Add members to a customer organization",
      description: "Customers already members stay; refused whole as on create, or 404 for an unknown organization.",
      responses: { 200: customerResponses.CustomerOrganizationResponse }, errors: [404, 409, 422],
    } }),
  }),
  route({
    method: "put", path: "/api/customer-organizations/{id}/members", auth: ["customers_write"],
    request: { params: IdParams, body: organizationSchemas.MembersBody },
    handler: customerOrganizations.replaceMembers,
    ...(DOCUMENTED && { docs: {
      operationId: "replaceCustomerOrganizationMembers", summary: "Replace a customer organization's members",
      description: "The members become exactly `customerIds`; those left out become free. Refused whole as on create.",
      responses: { 200: customerResponses.CustomerOrganizationResponse }, errors: [404, 409, 422],
    } }),
  }),

  // Seam: user identities. Every action takes POST with a JSON body; most also answer the
  // method the Seam SDK uses (src/surfaces/seam.ts).
  ...seamAction({
    path: "/user_identities/create", auth: ["users_write"],
    input: userIdentitySchemas.CreateUserIdentityBody,
    handler: userIdentities.createUserIdentity,
    ...(DOCUMENTED && { docs: {
      operationId: "createUserIdentity", summary: "Create a user identity",
      responses: { 200: userIdentityResponses.UserIdentityEnvelope }, errors: [409],
    } }),
  }),
  ...seamAction({
    path: "/user_identities/get", auth: ["users_read"], also: "get",
    input: userIdentitySchemas.GetUserIdentityParams,
    handler: userIdentities.getUserIdentity,
    ...(DOCUMENTED && { docs: {
      operationId: "getUserIdentity", summary: "Get a user identity",
      description: "By `user_identity_id` or `user_identity_key`.",
      responses: { 200: userIdentityResponses.UserIdentityEnvelope }, errors: [404],
    } }),
  }),
  ...seamAction({
    path: "/user_identities/list", auth: ["users_read"], also: "get",
    input: userIdentitySchemas.ListUserIdentitiesParams,
    handler: userIdentities.listUserIdentities,
    ...(DOCUMENTED && { docs: {
      operationId: "listUserIdentities", summary: "List user identities",
      description:
        "Pages in creation order; `limit` above 500 is capped. `search` matches a substring of the full name, email, phone or key, or the start of `user_identity_id`, ignoring the case of ASCII letters.",
      responses: { 200: userIdentityResponses.UserIdentityListEnvelope },
    } }),
  }),
  ...seamAction({
    path: "/user_identities/update", auth: ["users_write"], also: "patch",
    input: userIdentitySchemas.UpdateUserIdentityBody,
    handler: userIdentities.updateUserIdentity,
    ...(DOCUMENTED && { docs: {
      operationId: "updateUserIdentity", summary: "Update a user identity",
      description: "An omitted field is kept, `null` clears it.",
      responses: { 200: userIdentityResponses.OkEnvelope }, errors: [404, 409],
    } }),
  }),
  ...seamAction({
    path: "/user_identities/delete", auth: ["users_write"], also: "delete",
    input: userIdentitySchemas.DeleteUserIdentityParams,
    handler: userIdentities.deleteUserIdentity,
    ...(DOCUMENTED && { docs: {
      operationId: "deleteUserIdentity", summary: "Delete a user identity",
      description: "Deletes the person and their seat assignments. On DELETE, a JSON body, if sent, is read too and " +
        "wins over the query.",
      responses: { 200: userIdentityResponses.OkEnvelope }, errors: [404],
    } }),
  }),

  // Datadog: seat assignments per product code. Before Sendblue's /api/v2/seats/{seat_id},
  // which would otherwise take GET /api/v2/seats/users for a seat id `users`.
  route({
    method: "post", path: "/api/v2/seats/users", auth: SEATS_WRITE,
    request: { body: seatAssignmentSchemas.SeatAssignmentsBody },
    handler: seatAssignments.assignSeats,
    ...(DOCUMENTED && { docs: {
      operationId: "assignSeatsUser", summary: "Assign seats to users",
      description: "All or nothing. `assigned_ids` names exactly the users this request newly seated. Unknown product " +
        "codes or users and a full cap are 422; an overloaded product code is 429.",
      responses: { 201: seatAssignmentResponses.AssignSeatsResponse }, errors: [422, 429],
    } }),
  }),
  route({
    method: "get", path: "/api/v2/seats/users", auth: SEATS_READ,
    request: { query: seatAssignmentSchemas.SeatUsersQuery },
    handler: seatAssignments.listSeatUsers,
    ...(DOCUMENTED && { docs: {
      operationId: "getSeatsUsers", summary: "List the users holding seats of a product code",
      description: "Holders in user-id order; `page[cursor]` is the previous page's `meta.next_cursor`.",
      responses: { 200: seatAssignmentResponses.SeatUsersResponse }, errors: [422],
    } }),
  }),
  route({
    method: "delete", path: "/api/v2/seats/users", auth: SEATS_WRITE,
    request: { body: seatAssignmentSchemas.SeatAssignmentsBody },
    handler: seatAssignments.unassignSeats,
    ...(DOCUMENTED && { docs: {
      operationId: "unassignSeatsUser", summary: "Unassign users' seats",
      description: "Takes the seats back, all or nothing; users without a seat are ignored.",
      responses: { 204: null }, errors: [422, 429],
    } }),
  }),
  route({
    method: "get", path: "/api/v2/seats/users/ledger", auth: SEATS_READ,
    request: { query: seatLedgerSchemas.LedgerQuery },
    handler: seatLedger.listSeatLedger,
    ...(DOCUMENTED && { docs: {
      operationId: "listSeatLedger", summary: "The seat ledger: every change of who holds a seat", extension: true,
      description: "Every assignment and unassignment, the seats a user deletion took along included, in the order written, " +
        "with the request and API key that caused it (docs/seat-ledger.md). Entries are never changed or removed. " +
        "`page[cursor]` is the previous page's `meta.next_cursor`.",
      responses: { 200: seatAssignmentResponses.SeatLedgerPage },
    } }),
  }),

  // Sendblue: seats, read views of the same users. /count before /{seat_id}.
  route({
    method: "get", path: "/api/v2/seats", auth: ["users_read"],
    request: { query: seatSchemas.SeatListQuery },
    handler: seats.listSeats,
    ...(DOCUMENTED && { docs: {
      operationId: "listSeats", summary: "List seats",
      description: "Offset pages in creation order; a `limit` above 500 is refused, never capped.",
      responses: { 200: seatResponses.SeatListResponse },
    } }),
  }),
  route({
    method: "get", path: "/api/v2/seats/count", auth: ["users_read"],
    request: { query: seatSchemas.SeatCountQuery },
    handler: seats.countSeats,
    ...(DOCUMENTED && { docs: {
      operationId: "countSeats", summary: "Count seats",
      responses: { 200: seatResponses.SeatCountResponse },
    } }),
  }),
  route({
    method: "get", path: "/api/v2/seats/{seat_id}", auth: ["users_read"],
    request: { params: seatSchemas.SeatPathParams },
    handler: seats.getSeat,
    ...(DOCUMENTED && { docs: {
      operationId: "getSeat", summary: "Get a seat by id or auth subject",
      description: "Looks the (percent-decoded) segment up as a seat id, then as a user identity key. Keys `count` and " +
        "`users` cannot be fetched this way: other routes own those paths.",
      responses: { 200: seatResponses.SeatRetrieveResponse }, errors: [400, 404],
    } }),
  }),
];

export const router = buildRouter(routes);
