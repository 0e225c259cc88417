// Sequence's own request examples for these operations, verbatim from its
// OpenAPI document for API version 2024-07-30 (SequenceHQ/openapi-schema,
// ../shared/vendor/sequence/2024-07-30.product.json). Copied here because
// tests inside workerd cannot read files; test/openapi/contract/ sends the
// document's examples as read from the file.

/** CreateOrUpdateCustomerRequest (POST /customers and PUT /customers/{id}). */
export const CUSTOMER_REQUEST = {
  legalName: "John Doe",
  address: { line1: "Flat 1", line2: "123 Fake Street", town: "New York", state: "NY", postcode: "AB1 2EF", country: "US" },
  url: "https://example.com/",
  label: "Example customer",
  taxStatus: "TAXED",
  customerAliases: ["b1c87177-088a-40ec-8917-9809343f3f9c"],
  integrationIds: [
    { service: "Xero", id: "123456789" },
    { service: "Stripe", id: "cus_OCtCxqQDgu1uX9" },
    { service: "HubSpot", id: "123456789" },
  ],
  parentId: "50af5191-05a3-42a5-802a-6b59091157af",
  contacts: [
    { name: "John Smith", email: "john.smith@example.com", billingPreference: "PRIMARY" },
    { name: "Anna Smith", email: "anna.smith@example.com", billingPreference: "STANDARD" },
    { name: "Penny Smith", email: "penny.smith@example.com", billingPreference: "NONE" },
  ],
  pushToIntegrations: ["Xero"],
  status: "ACTIVE",
  customProperties: { region: "EU", tier: "gold" },
} as const;

/** ContactRequestModel (POST and PUT of contacts). */
export const CONTACT_REQUEST = { name: "John Smith", email: "john.smith@example.com", billingPreference: "PRIMARY" } as const;

/** CreateCustomerAliasRequestModel (POST /customer-aliases). */
export const CREATE_ALIAS_REQUEST = { customerId: "01849e70-703e-705a-b59a-d3fd575587e0", value: "external-customer-alias-123", label: "CRM ID" } as const;

/** UpdateCustomerAliasRequestModel (PUT /customer-aliases/{id}). */
export const UPDATE_ALIAS_REQUEST = { label: "CRM ID" } as const;

/**
 * The customer example made sendable: its parentId names a customer of the
 * test's workspace, and pushToIntegrations is empty (no integration is
 * linked to Seatkeeper; the example's ["Xero"] is refused with 400).
 */
export function sendableCustomerRequest(parentId: string) {
  return { ...CUSTOMER_REQUEST, parentId, pushToIntegrations: [] };
}
