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
const apiReferenceSchemas = lazyModule(() => import("./resources/apiReference/schemas"));
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

// Datadog's page names these permissions for its seat endpoints.
const SEATS_WRITE = ["billing_edit", "incident_write", "on_call_write"] as const;
const SEATS_READ = ["billing_read", "incident_read", "on_call_read"] as const;

/**
 * Every route of the service, in match order. The router and the OpenAPI
 * document (GET /openapi.json, which scripts/build-openapi.mjs builds from
 * this table) both come from it; the surface of each route follows from its
 * path (src/surfaces/index.ts). Each entry:
 * the route and who may call it; its name in the document; the zod schemas
 * its handler validates with, its success answers and the failures the
 * handler throws (auth, body and query failures are added by src/openapi/);
 * the handler. Schemas and handlers come through the lazy modules above
 * (a schema given directly works too, but is built at startup: .ci/run refuses
 * that). See src/shared/route.ts.
 */
export const routes: RouteSpec[] = [
  // Seatkeeper
  route({
    method: "get", path: "/health", auth: "public",
    operationId: "health", summary: "Liveness check",
    responses: { 200: health.HealthResponse },
    handler: health.health,
  }),
  route({
    method: "get", path: "/openapi.json", auth: "public",
    operationId: "getOpenApiDocument", summary: "This OpenAPI document",
    responses: { 200: apiReferenceSchemas.OpenApiDocumentResponse },
    handler: apiReference.serveOpenApi,
  }),
  route({
    method: "get", path: "/docs", auth: "public",
    operationId: "getApiReference", summary: "This API reference page",
    responses: { 200: { mediaType: "text/html", schema: apiReferenceSchemas.HtmlPage } },
    handler: apiReference.docsPage,
  }),
  route({
    method: "post", path: "/admin/workspaces", auth: "admin",
    operationId: "createWorkspace", summary: "Create a workspace",
    request: { body: adminSchemas.CreateWorkspaceBody }, responses: { 201: adminSchemas.WorkspaceResponse }, errors: [409],
    handler: workspaces.createWorkspace,
  }),
  route({
    method: "get", path: "/admin/workspaces", auth: "admin",
    operationId: "listWorkspaces", summary: "List workspaces",
    description: "In creation order; `cursor` is the previous page's `next_cursor`. `name` finds a workspace by its exact name.",
    request: { query: adminSchemas.WorkspaceListQuery }, responses: { 200: adminSchemas.WorkspacePage },
    handler: workspaces.listWorkspaces,
  }),
  route({
    method: "get", path: "/admin/workspaces/{id}", auth: "admin",
    operationId: "getWorkspace", summary: "Get a workspace",
    responses: { 200: adminSchemas.WorkspaceResponse }, errors: [404],
    handler: workspaces.getWorkspace,
  }),
  route({
    method: "post", path: "/admin/workspaces/{id}/api-keys", auth: "admin",
    operationId: "createApiKey", summary: "Create an API key",
    request: { params: IdParams, body: adminSchemas.CreateApiKeyBody },
    responses: { 201: adminSchemas.ApiKeyResponse }, errors: [404],
    handler: apiKeys.createApiKey,
  }),
  route({
    method: "get", path: "/admin/workspaces/{id}/api-keys", auth: "admin",
    operationId: "listApiKeys", summary: "List a workspace's API keys",
    description: "In creation order, revoked keys included (`revoked_at`). Never shows a secret, a token or a hash. " +
      "`cursor` is the previous page's `next_cursor`; any other is 400.",
    request: { query: adminSchemas.ApiKeyListQuery }, responses: { 200: adminSchemas.ApiKeyPage }, errors: [400, 404],
    handler: apiKeys.listApiKeys,
  }),
  route({
    method: "post", path: "/admin/workspaces/{id}/webhook-endpoints", auth: "admin",
    operationId: "createWebhookEndpoint", summary: "Add a webhook endpoint to a workspace",
    description: "Without `eventTypes` it hears every type. The URL must be https (plain http only to 127.0.0.1 or localhost, " +
      "for local development). The answer's `secret` (Standard Webhooks' `whsec_...`) appears only here and in a rotation's answer.",
    request: { params: IdParams, body: webhookSchemas.CreateWebhookEndpointBody },
    responses: { 201: webhookSchemas.WebhookEndpointWithSecret }, errors: [404],
    handler: webhooks.createWebhookEndpoint,
  }),
  route({
    method: "get", path: "/admin/workspaces/{id}/webhook-endpoints", auth: "admin",
    operationId: "listWebhookEndpoints", summary: "List a workspace's webhook endpoints",
    description: "In creation order, without secrets.",
    request: { params: IdParams }, responses: { 200: webhookSchemas.WebhookEndpointList }, errors: [404],
    handler: webhooks.listWebhookEndpoints,
  }),
  route({
    method: "get", path: "/admin/webhook-endpoints/{id}", auth: "admin",
    operationId: "getWebhookEndpoint", summary: "Get a webhook endpoint",
    request: { params: IdParams }, responses: { 200: webhookSchemas.WebhookEndpointResponse }, errors: [404],
    handler: webhooks.getWebhookEndpoint,
  }),
  route({
    method: "patch", path: "/admin/webhook-endpoints/{id}", auth: "admin",
    operationId: "updateWebhookEndpoint", summary: "Change a webhook endpoint's URL, event types or description",
    request: { params: IdParams, body: webhookSchemas.UpdateWebhookEndpointBody },
    responses: { 200: webhookSchemas.WebhookEndpointResponse }, errors: [404],
    handler: webhooks.updateWebhookEndpoint,
  }),
  route({
    method: "delete", path: "/admin/webhook-endpoints/{id}", auth: "admin",
    operationId: "deleteWebhookEndpoint", summary: "Delete a webhook endpoint",
    description: "Its pending deliveries go with it: nothing more is sent to it.",
    request: { params: IdParams }, responses: { 204: null }, errors: [404],
    handler: webhooks.deleteWebhookEndpoint,
  }),
  route({
    method: "post", path: "/admin/webhook-endpoints/{id}/rotate-secret", auth: "admin",
    operationId: "rotateWebhookSecret", summary: "Rotate a webhook endpoint's secret",
    description: "Answers the new secret. For 24 hours deliveries carry a signature with the previous secret beside the new one.",
    request: { params: IdParams }, responses: { 200: webhookSchemas.WebhookEndpointWithSecret }, errors: [404],
    handler: webhooks.rotateWebhookSecret,
  }),
  route({
    method: "get", path: "/admin/webhook-endpoints/{id}/deliveries", auth: "admin",
    operationId: "listWebhookDeliveries", summary: "A webhook endpoint's deliveries: attempts and last status",
    description: "Newest event first; `cursor` is the previous page's `next_cursor`.",
    request: { params: IdParams, query: webhookSchemas.DeliveryListQuery }, responses: { 200: webhookSchemas.DeliveryPage }, errors: [404],
    handler: webhooks.listWebhookDeliveries,
  }),
  route({
    method: "post", path: "/admin/webhook-deliveries/{id}/retry", auth: "admin",
    operationId: "retryWebhookDelivery", summary: "Retry a webhook delivery by hand",
    description: "Sends it again now, a failed one included; its attempts count afresh.",
    request: { params: IdParams }, responses: { 202: webhookSchemas.DeliveryResponse }, errors: [404],
    handler: webhooks.retryWebhookDelivery,
  }),
  route({
    method: "delete", path: "/admin/api-keys/{id}", auth: "admin",
    operationId: "revokeApiKey", summary: "Revoke an API key",
    request: { params: IdParams }, responses: { 204: null }, errors: [404],
    handler: apiKeys.revokeKey,
  }),

  // Sequence: seat metrics
  route({
    method: "post", path: "/api/seat-metrics", auth: ["seat_metrics_write"],
    operationId: "createSeatMetric", summary: "Create a seat metric",
    request: { body: seatMetricSchemas.CreateSeatMetricBody },
    responses: { 201: seatMetricSchemas.SeatMetricResponse }, errors: [409],
    handler: seatMetrics.createSeatMetric,
  }),
  route({
    method: "get", path: "/api/seat-metrics", auth: ["seat_metrics_read"],
    operationId: "listSeatMetrics", summary: "List seat metrics",
    request: { query: sequencePagination.SequencePageQuery }, responses: { 200: seatMetricSchemas.SeatMetricPage },
    handler: seatMetrics.listSeatMetrics,
  }),
  route({
    method: "get", path: "/api/seat-metrics/{id}", auth: ["seat_metrics_read"],
    operationId: "getSeatMetric", summary: "Get a seat metric",
    request: { params: IdParams }, responses: { 200: seatMetricSchemas.SeatMetricResponse }, errors: [404],
    handler: seatMetrics.getSeatMetric,
  }),
  route({
    method: "put", path: "/api/seat-metrics/{id}", auth: ["seat_metrics_write"],
    operationId: "updateSeatMetric", summary: "Update a seat metric",
    description: "Changes `label`, `description` and `maxSeats`; `seatType` may be repeated but never changed. " +
      "`maxSeats` cannot drop below the users who hold a seat of the type (409).",
    request: { params: IdParams, body: seatMetricSchemas.UpdateSeatMetricBody },
    responses: { 200: seatMetricSchemas.SeatMetricResponse }, errors: [400, 404, 409],
    handler: seatMetrics.updateSeatMetric,
  }),
  route({
    method: "delete", path: "/api/seat-metrics/{id}", auth: ["seat_metrics_write"],
    operationId: "deleteSeatMetric", summary: "Delete a seat metric",
    description: "Answers with the deleted seat metric. Refused (409) while users hold seats of its type.",
    request: { params: IdParams }, responses: { 200: seatMetricSchemas.SeatMetricResponse }, errors: [404, 409],
    handler: seatMetrics.deleteSeatMetric,
  }),

  // Sequence: customers (API version 2024-07-30; docs/customers.md)
  route({
    method: "post", path: "/api/seat-events", auth: ["seat_metrics_write"],
    operationId: "postSeatEvent", summary: "Record a seat event",
    description: "Sets the customer's total for the seat type at `eventTimestamp` (a level, not a change). An event with the " +
      "`customerEventId` of a current one supersedes it. A seat type's balance is its latest current event by " +
      "`eventTimestamp`, whether posted or recorded by Seatkeeper from seat assignments (docs/seat-ledger.md). " +
      "An unknown customerAlias or seatType is a 400; superseding an event Seatkeeper recorded is a 409.",
    request: { body: seatEventSchemas.PostSeatEventBody }, responses: { 201: seatEventSchemas.SeatEventResponse }, errors: [400, 409],
    handler: seatEvents.postSeatEvent,
  }),
  route({
    method: "get", path: "/api/seat-events", auth: ["seat_metrics_read"],
    operationId: "listSeatEvents", summary: "List seat events",
    description: "Current events (superseded ones left out), posted and recorded by Seatkeeper, newest first by default.",
    request: { query: seatEventSchemas.SeatEventListQuery }, responses: { 200: seatEventSchemas.SeatEventPageResponse },
    handler: seatEvents.listSeatEvents,
  }),
  route({
    method: "get", path: "/api/seat-events/{id}", auth: ["seat_metrics_read"],
    operationId: "getSeatEvent", summary: "Get a seat event",
    description: "Superseded events too.",
    request: { params: IdParams }, responses: { 200: seatEventSchemas.SeatEventResponse }, errors: [404],
    handler: seatEvents.getSeatEvent,
  }),
  route({
    method: "get", path: "/api/seat-balances", auth: ["seat_metrics_read"],
    operationId: "listSeatBalances", summary: "List seat balances grouped by customer and seat type",
    description: "Every customer (archived ones too) in creation order, with each seat type's latest total and the sum.",
    request: { query: seatBalanceSchemas.SeatBalanceQuery }, responses: { 200: seatBalanceSchemas.SeatBalancePage },
    handler: seatEvents.listSeatBalances,
  }),
  route({
    method: "post", path: "/api/customers", auth: ["customers_write"],
    operationId: "createCustomer", summary: "Create a customer",
    description: "With its contacts (at least one PRIMARY), aliases, custom properties and, with `parentId`, as a child of " +
      "another customer, all or nothing. A taken alias value is refused (409), an unknown parent too (422). " +
      "`pushToIntegrations` must be empty: no integration is linked (400).",
    request: { body: customerSchemas.CustomerBody }, responses: { 201: customerSchemas.CustomerResponse }, errors: [409, 422],
    handler: customers.createCustomer,
  }),
  route({
    method: "get", path: "/api/customers", auth: ["customers_read"],
    operationId: "listCustomers", summary: "List customers",
    description: "Newest first by default. Archived customers only with `includeArchived=true`. Filters are exact " +
      "(`email` ignores case and matches a contact's); any other parameter is refused (400).",
    request: { query: customerListSchemas.CustomerListQuery }, responses: { 200: customerSchemas.CustomerPage },
    handler: customers.listCustomers,
  }),
  route({
    method: "get", path: "/api/customers/by-alias/{alias}", auth: ["customers_read"],
    operationId: "getCustomerByAlias", summary: "Get the customer an alias names",
    description: "Answers the 2024-05-09 customer (`Customer20240509`), as Sequence's document for 2024-07-30 does: `email` and " +
      "`contactName` from the first PRIMARY contact, `billingEmails` from the other billing contacts.",
    request: { params: aliasSchemas.AliasPathParams }, responses: { 200: aliasSchemas.LegacyCustomerResponse }, errors: [404],
    handler: aliases.customerByAlias,
  }),
  route({
    method: "get", path: "/api/customers/{id}", auth: ["customers_read"],
    operationId: "getCustomer", summary: "Get a customer",
    description: "Archived customers too.",
    request: { params: IdParams }, responses: { 200: customerSchemas.CustomerResponse }, errors: [404],
    handler: customers.getCustomer,
  }),
  route({
    method: "put", path: "/api/customers/{id}", auth: ["customers_write"],
    operationId: "replaceCustomer", summary: "Replace a customer",
    description: "Replaces the fields and every contact; `url`, `label` and `integrationIds` left out are cleared, while " +
      "`status`, `customProperties`, `customerAliases` and `parentId` left out stay as they are. With `parentId`, the " +
      "customer joins that parent under the hierarchy rules (409 when it has another parent or would end up under itself).",
    request: { params: IdParams, body: customerSchemas.CustomerBody },
    responses: { 200: customerSchemas.CustomerResponse }, errors: [404, 409, 422],
    handler: customers.replaceCustomer,
  }),
  route({
    method: "post", path: "/api/customers/{id}/archive", auth: ["customers_write"],
    operationId: "archiveCustomer", summary: "Archive a customer",
    description: "Sets `archivedAt` (archiving again keeps the first time). The customer leaves the list unless " +
      "`includeArchived=true` and stays readable by id.",
    responses: { 200: customerSchemas.CustomerResponse }, errors: [404],
    handler: customers.archiveCustomer,
  }),
  route({
    method: "get", path: "/api/customers/{id}/aliases", auth: ["customers_read"],
    operationId: "listCustomerAliasesOfCustomer", summary: "List a customer's aliases",
    responses: { 200: aliasSchemas.CustomerAliasList }, errors: [404],
    handler: aliases.customerAliases,
  }),
  route({
    method: "get", path: "/api/customers/{id}/users", auth: ["customers_read"], extension: true,
    operationId: "listCustomerUsers", summary: "List the users who belong to a customer",
    description: "Users (Seam user identities, Sendblue seats) whose seats count for this customer, in creation order.",
    request: { params: IdParams, query: sequencePagination.SequencePageQuery }, responses: { 200: customerUserSchemas.CustomerUserPage }, errors: [404],
    handler: customerUsers.listCustomerUsers,
  }),
  route({
    method: "post", path: "/api/customers/{id}/users", auth: ["customers_write"], extension: true,
    operationId: "addCustomerUsers", summary: "Add users to a customer",
    description: "Links the users (those linked already stay); their seats count for the customer from now on, in the seat " +
      "balances and as seat events. All or nothing: unknown users 422, a user of another customer 409 (naming them), an " +
      "archived customer 409. Answers the first 100 of the customer's users.",
    request: { params: IdParams, body: customerUserSchemas.CustomerUsersBody }, responses: { 200: customerUserSchemas.CustomerUserPage }, errors: [404, 409, 422],
    handler: customerUsers.addCustomerUsers,
  }),
  route({
    method: "put", path: "/api/customers/{id}/users", auth: ["customers_write"], extension: true,
    operationId: "replaceCustomerUsers", summary: "Replace a customer's users",
    description: "The customer's users become exactly `userIds`; those left out are unlinked and their seats leave its " +
      "count. Refused whole as on POST.",
    request: { params: IdParams, body: customerUserSchemas.CustomerUsersBody }, responses: { 200: customerUserSchemas.CustomerUserPage }, errors: [404, 409, 422],
    handler: customerUsers.replaceCustomerUsers,
  }),
  route({
    method: "get", path: "/api/customers/{customer}/contacts", auth: ["customers_read"],
    operationId: "listContacts", summary: "List a customer's contacts",
    request: { query: contactSchemas.ContactListQuery }, responses: { 200: contactSchemas.ContactList }, errors: [404],
    handler: contacts.listContacts,
  }),
  route({
    method: "post", path: "/api/customers/{customer}/contacts", auth: ["customers_write"],
    operationId: "createContact", summary: "Add a contact to a customer",
    request: { body: contactSchemas.ContactBody }, responses: { 201: contactSchemas.ContactResponse }, errors: [404],
    handler: contacts.createContact,
  }),
  route({
    method: "put", path: "/api/customers/{customer}/contacts/{id}", auth: ["customers_write"],
    operationId: "replaceContact", summary: "Replace a contact",
    description: "Refused (409) when it would leave the customer without a PRIMARY contact that is not archived.",
    request: { body: contactSchemas.ContactBody }, responses: { 200: contactSchemas.ContactResponse }, errors: [404, 409],
    handler: contacts.replaceContact,
  }),
  route({
    method: "post", path: "/api/customers/{customer}/contacts/{id}/archive", auth: ["customers_write"],
    operationId: "archiveContact", summary: "Archive a contact",
    description: "Archiving again keeps the first time. Refused (409) for the customer's last PRIMARY contact that is not archived.",
    responses: { 200: contactSchemas.ContactResponse }, errors: [404, 409],
    handler: contacts.archiveContact,
  }),

  // Sequence: customer aliases and custom property keys
  route({
    method: "get", path: "/api/customer-aliases", auth: ["customers_read"],
    operationId: "listCustomerAliases", summary: "List customer aliases",
    description: "Newest first; `value` finds the one alias of that value.",
    request: { query: aliasSchemas.AliasListQuery }, responses: { 200: aliasSchemas.AliasPage },
    handler: aliases.listAliases,
  }),
  route({
    method: "post", path: "/api/customer-aliases", auth: ["customers_write"],
    operationId: "createCustomerAlias", summary: "Create a customer alias",
    description: "An alias value names one customer of the workspace: a taken value is refused (409), also between racing " +
      "requests. An unknown `customerId` is refused (422).",
    request: { body: aliasSchemas.CreateAliasBody }, responses: { 201: aliasSchemas.AliasResponse }, errors: [409, 422],
    handler: aliases.createAlias,
  }),
  route({
    method: "put", path: "/api/customer-aliases/{id}", auth: ["customers_write"],
    operationId: "updateCustomerAlias", summary: "Update a customer alias",
    description: "Sets the label (cleared when left out); the value never changes.",
    request: { body: aliasSchemas.UpdateAliasBody }, responses: { 200: aliasSchemas.AliasResponse }, errors: [404],
    handler: aliases.updateAlias,
  }),
  route({
    method: "delete", path: "/api/customer-aliases/{id}", auth: ["customers_write"],
    operationId: "deleteCustomerAlias", summary: "Delete a customer alias",
    description: "Answers the alias with `deletedAt`; its value may name a customer again.",
    responses: { 200: aliasSchemas.AliasResponse }, errors: [404],
    handler: aliases.deleteAlias,
  }),
  route({
    method: "get", path: "/api/customer-custom-property-keys", auth: ["customers_read"],
    operationId: "listCustomerCustomPropertyKeys", summary: "List custom property keys",
    description: "Every key some customer of the workspace has (archived customers included), in order.",
    responses: { 200: customerSchemas.CustomPropertyKeys },
    handler: customers.listCustomPropertyKeys,
  }),

  // Sequence: customer organizations
  route({
    method: "post", path: "/api/customer-organizations", auth: ["customers_write"],
    operationId: "createCustomerOrganization", summary: "Create a customer organization",
    description: "The owner among `memberIds` is dropped. Refused whole (nothing written) for unknown customers (422), " +
      "a customer of another organization (409) or a customer that would end up under itself (409).",
    request: { body: organizationSchemas.CreateCustomerOrganizationBody },
    responses: { 201: organizationSchemas.CustomerOrganizationResponse }, errors: [409, 422],
    handler: customerOrganizations.createCustomerOrganization,
  }),
  route({
    method: "get", path: "/api/events", auth: ["events_read"], extension: true,
    operationId: "listEvents", summary: "The events feed: every change, for catching up without webhooks",
    description: "The workspace's events in the order written (the order its webhooks are recorded in), kept 30 days " +
      "(docs/events-and-webhooks.md). Each event's `data` is the resource as its own surface answers it. " +
      "`after` is the previous page's `pagination.after`; `type` (comma-separated), `from` and `to` filter.",
    request: { query: eventSchemas.EventListQuery }, responses: { 200: eventSchemas.EventPage },
    handler: eventFeed.listEventFeed,
  }),
  route({
    method: "get", path: "/api/customer-organizations", auth: ["customers_read"], extension: true,
    operationId: "listCustomerOrganizations", summary: "List customer organizations",
    request: { query: sequencePagination.SequencePageQuery }, responses: { 200: organizationSchemas.CustomerOrganizationPage },
    handler: customerOrganizations.listCustomerOrganizations,
  }),
  route({
    method: "get", path: "/api/customer-organizations/{id}", auth: ["customers_read"], extension: true,
    operationId: "getCustomerOrganization", summary: "Get a customer organization",
    request: { params: IdParams }, responses: { 200: organizationSchemas.CustomerOrganizationResponse }, errors: [404],
    handler: customerOrganizations.getCustomerOrganization,
  }),
  route({
    method: "delete", path: "/api/customer-organizations/{id}", auth: ["customers_write"], extension: true,
    operationId: "deleteCustomerOrganization", summary: "Delete a customer organization",
    description: "Answers with the organization as it was; its members become free.",
    request: { params: IdParams }, responses: { 200: organizationSchemas.CustomerOrganizationResponse }, errors: [404],
    handler: customerOrganizations.deleteCustomerOrganization,
  }),
  route({
    method: "post", path: "/api/customer-organizations/{id}/members", auth: ["customers_write"],
    operationId: "addCustomerOrganizationMembers", summary: "Add members to a customer organization",
    description: "Customers already members stay; refused whole as on create, or 404 for an unknown organization.",
    request: { params: IdParams, body: organizationSchemas.MembersBody },
    responses: { 200: organizationSchemas.CustomerOrganizationResponse }, errors: [404, 409, 422],
    handler: customerOrganizations.addMembers,
  }),
  route({
    method: "put", path: "/api/customer-organizations/{id}/members", auth: ["customers_write"],
    operationId: "replaceCustomerOrganizationMembers", summary: "Replace a customer organization's members",
    description: "The members become exactly `customerIds`; those left out become free. Refused whole as on create.",
    request: { params: IdParams, body: organizationSchemas.MembersBody },
    responses: { 200: organizationSchemas.CustomerOrganizationResponse }, errors: [404, 409, 422],
    handler: customerOrganizations.replaceMembers,
  }),

  // Seam: user identities. Every action takes POST with a JSON body; most also answer the
  // method the Seam SDK uses (src/surfaces/seam.ts).
  ...seamAction({
    path: "/user_identities/create", auth: ["users_write"],
    operationId: "createUserIdentity", summary: "Create a user identity",
    input: userIdentitySchemas.CreateUserIdentityBody,
    responses: { 200: userIdentitySchemas.UserIdentityEnvelope }, errors: [409],
    handler: userIdentities.createUserIdentity,
  }),
  ...seamAction({
    path: "/user_identities/get", also: "get", auth: ["users_read"],
    operationId: "getUserIdentity", summary: "Get a user identity",
    description: "By `user_identity_id` or `user_identity_key`.",
    input: userIdentitySchemas.GetUserIdentityParams, responses: { 200: userIdentitySchemas.UserIdentityEnvelope }, errors: [404],
    handler: userIdentities.getUserIdentity,
  }),
  ...seamAction({
    path: "/user_identities/list", also: "get", auth: ["users_read"],
    operationId: "listUserIdentities", summary: "List user identities",
    description: "Pages in creation order; `limit` above 500 is capped.",
    input: userIdentitySchemas.ListUserIdentitiesParams, responses: { 200: userIdentitySchemas.UserIdentityListEnvelope },
    handler: userIdentities.listUserIdentities,
  }),
  ...seamAction({
    path: "/user_identities/update", also: "patch", auth: ["users_write"],
    operationId: "updateUserIdentity", summary: "Update a user identity",
    description: "An omitted field is kept, `null` clears it.",
    input: userIdentitySchemas.UpdateUserIdentityBody, responses: { 200: userIdentitySchemas.OkEnvelope }, errors: [404, 409],
    handler: userIdentities.updateUserIdentity,
  }),
  ...seamAction({
    path: "/user_identities/delete", also: "delete", auth: ["users_write"],
    operationId: "deleteUserIdentity", summary: "Delete a user identity",
    description: "Deletes the person and their seat assignments. On DELETE, a JSON body, if sent, is read too and " +
      "wins over the query.",
    input: userIdentitySchemas.DeleteUserIdentityParams, responses: { 200: userIdentitySchemas.OkEnvelope }, errors: [404],
    handler: userIdentities.deleteUserIdentity,
  }),

  // Datadog: seat assignments per product code. Before Sendblue's /api/v2/seats/{seat_id},
  // which would otherwise take GET /api/v2/seats/users for a seat id `users`.
  route({
    method: "post", path: "/api/v2/seats/users", auth: SEATS_WRITE,
    operationId: "assignSeatsUser", summary: "Assign seats to users",
    description: "All or nothing. `assigned_ids` names exactly the users this request newly seated. Unknown product " +
      "codes or users and a full cap are 422; an overloaded product code is 429.",
    request: { body: seatAssignmentSchemas.SeatAssignmentsBody },
    responses: { 201: seatAssignmentSchemas.AssignSeatsResponse }, errors: [422, 429],
    handler: seatAssignments.assignSeats,
  }),
  route({
    method: "get", path: "/api/v2/seats/users", auth: SEATS_READ,
    operationId: "getSeatsUsers", summary: "List the users holding seats of a product code",
    description: "Holders in user-id order; `page[cursor]` is the previous page's `meta.next_cursor`.",
    request: { query: seatAssignmentSchemas.SeatUsersQuery },
    responses: { 200: seatAssignmentSchemas.SeatUsersResponse }, errors: [422],
    handler: seatAssignments.listSeatUsers,
  }),
  route({
    method: "delete", path: "/api/v2/seats/users", auth: SEATS_WRITE,
    operationId: "unassignSeatsUser", summary: "Unassign users' seats",
    description: "Takes the seats back, all or nothing; users without a seat are ignored.",
    request: { body: seatAssignmentSchemas.SeatAssignmentsBody }, responses: { 204: null }, errors: [422, 429],
    handler: seatAssignments.unassignSeats,
  }),
  route({
    method: "get", path: "/api/v2/seats/users/ledger", auth: SEATS_READ, extension: true,
    operationId: "listSeatLedger", summary: "The seat ledger: every change of who holds a seat",
    description: "Every assignment and unassignment, the seats a user deletion took along included, in the order written, " +
      "with the request and API key that caused it (docs/seat-ledger.md). Entries are never changed or removed. " +
      "`page[cursor]` is the previous page's `meta.next_cursor`.",
    request: { query: seatLedgerSchemas.LedgerQuery }, responses: { 200: seatLedgerSchemas.SeatLedgerPage },
    handler: seatLedger.listSeatLedger,
  }),

  // Sendblue: seats, read views of the same users. /count before /{seat_id}.
  route({
    method: "get", path: "/api/v2/seats", auth: ["users_read"],
    operationId: "listSeats", summary: "List seats",
    description: "Offset pages in creation order; a `limit` above 500 is refused, never capped.",
    request: { query: seatSchemas.SeatListQuery }, responses: { 200: seatSchemas.SeatListResponse },
    handler: seats.listSeats,
  }),
  route({
    method: "get", path: "/api/v2/seats/count", auth: ["users_read"],
    operationId: "countSeats", summary: "Count seats",
    request: { query: seatSchemas.SeatCountQuery }, responses: { 200: seatSchemas.SeatCountResponse },
    handler: seats.countSeats,
  }),
  route({
    method: "get", path: "/api/v2/seats/{seat_id}", auth: ["users_read"],
    operationId: "getSeat", summary: "Get a seat by id or auth subject",
    description: "Looks the (percent-decoded) segment up as a seat id, then as a user identity key. Keys `count` and " +
      "`users` cannot be fetched this way: other routes own those paths.",
    request: { params: seatSchemas.SeatPathParams }, responses: { 200: seatSchemas.SeatRetrieveResponse }, errors: [400, 404],
    handler: seats.getSeat,
  }),
];

export const router = buildRouter(routes);
