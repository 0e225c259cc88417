// A request body for every operation that takes one, by operationId: /docs shows it and its
// "Try it" sends it. test/workers/openapi/requests.test.ts checks that each passes its route's body
// schema, and test/openapi/examples.test.ts that the served Worker takes each (no 400). Ids in them
// are placeholders: sent as they are, they name nothing (404), which is what a reader replaces.

const ID = "0193a0d0-5b3c-7d2e-9f10-2a3b4c5d6e7f";
const OTHER_ID = "0193a0d0-5b3c-7d2e-9f10-2a3b4c5d6e80";

const CUSTOMER = {
  legalName: "Acme Ltd",
  address: { line1: "1 High Street", line2: "Floor 2", town: "Albany", state: "NY", postcode: "12207", country: "US" },
  contacts: [{ name: "Jo Bloggs", email: "billing@acme.example", billingPreference: "PRIMARY" }],
  url: "https://acme.example",
  taxStatus: "TAXED",
  customerAliases: ["acme"],
  integrationIds: [{ service: "HubSpot", id: "42" }],
  status: "ACTIVE",
  customProperties: { tier: "gold" },
};

const CONTACT = { name: "Accounts", email: "ap@acme.example", billingPreference: "STANDARD" };

const SEAT_ASSIGNMENTS = { data: { type: "seat-assignments", attributes: { product_code: "incidents", user_uuids: [ID] } } };

const USER_IDENTITY = { user_identity_key: "jo", email_address: "jo@acme.example", full_name: "Jo Bloggs" };

export const BODY_EXAMPLES: Record<string, unknown> = {
  createWorkspace: { name: "Acme" },
  createApiKey: { label: "billing sync", permissions: ["seat_metrics_read", "customers_read"] },
  createWebhookEndpoint: { url: "https://hooks.acme.example/seatkeeper", eventTypes: ["seat.assigned", "seat.unassigned"], description: "Seat changes" },
  updateWebhookEndpoint: { eventTypes: null },

  createSeatMetric: { seatType: "incidents", label: "Incident responders", description: "Users who may declare incidents", maxSeats: 25 },
  updateSeatMetric: { label: "Incident responders", maxSeats: 50 },
  postSeatEvent: { customerEventId: "evt-2026-12-01", customerAlias: "acme", seatType: "incidents", eventTimestamp: "2026-12-01T09:00:00Z", total: 12 },
  createCustomer: CUSTOMER,
  replaceCustomer: CUSTOMER,
  addCustomerUsers: { userIds: [ID] },
  replaceCustomerUsers: { userIds: [ID, OTHER_ID] },
  createContact: CONTACT,
  replaceContact: CONTACT,
  createCustomerAlias: { customerId: ID, value: "crm-1042", label: "CRM" },
  updateCustomerAlias: { label: "CRM account" },
  createCustomerOrganization: { ownerId: ID, memberIds: [OTHER_ID] },
  addCustomerOrganizationMembers: { customerIds: [OTHER_ID] },
  replaceCustomerOrganizationMembers: { customerIds: [OTHER_ID] },

  createUserIdentity: USER_IDENTITY,
  getUserIdentityPost: { user_identity_key: "jo" },
  listUserIdentitiesPost: { limit: 20, search: "acme" },
  updateUserIdentity: { user_identity_id: ID, full_name: "Jo Bloggs-Smith" },
  updateUserIdentityPost: { user_identity_id: ID, full_name: "Jo Bloggs-Smith" },
  deleteUserIdentityPost: { user_identity_id: ID },

  assignSeatsUser: SEAT_ASSIGNMENTS,
  unassignSeatsUser: SEAT_ASSIGNMENTS,
};
