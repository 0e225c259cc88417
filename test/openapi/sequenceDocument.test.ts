// The checker against Sequence's own document must find what is wrong, and
// the request examples the tests send must be the document's, verbatim.
import { describe, expect, it } from "vitest";
import * as examples from "../workers/customers/sequenceExamples";
import { SequenceDocument, sequenceDocumentMissing } from "./sequenceDocument";

const customer = {
  id: "0193a0d0-0000-7000-8000-000000000001",
  createdAt: "2026-11-23T06:00:00.000Z",
  organizations: [],
  legalName: "Acme",
  address: { line1: "1 Main Street", town: "Albany", state: "NY", postcode: "12207", country: "US" },
  integrationIds: [{ service: "Stripe", id: "cus_1", isPending: false }],
  taxStatus: "TAXED",
  contacts: [
    {
      id: "0193a0d0-0000-7000-8000-000000000002",
      name: "Jo",
      email: "jo@example.com",
      billingPreference: "PRIMARY",
      createdAt: "2026-11-23T06:00:00.000Z",
      updatedAt: "2026-11-23T06:00:00.000Z",
    },
  ],
  status: "ACTIVE",
  customProperties: { tier: "gold" },
};

describe.skipIf(sequenceDocumentMissing)("Sequence's own OpenAPI document (2024-07-30)", () => {
  const sequence = sequenceDocumentMissing ? undefined! : new SequenceDocument();

  it("gives the request examples the tests send, verbatim", () => {
    expect(sequence.requestExample("post", "/customers")).toEqual(examples.CUSTOMER_REQUEST);
    expect(sequence.requestExample("put", "/customers/{id}")).toEqual(examples.CUSTOMER_REQUEST);
    expect(sequence.requestExample("post", "/customers/{customer}/contacts")).toEqual(examples.CONTACT_REQUEST);
    expect(sequence.requestExample("put", "/customers/{customer}/contacts/{id}")).toEqual(examples.CONTACT_REQUEST);
    expect(sequence.requestExample("post", "/customer-aliases")).toEqual(examples.CREATE_ALIAS_REQUEST);
    expect(sequence.requestExample("put", "/customer-aliases/{id}")).toEqual(examples.UPDATE_ALIAS_REQUEST);
  });

  it("accepts a 2024-07-30 Customer, and answers to statuses it lists without a body", () => {
    expect(sequence.problems("GET", "/api/customers/{id}", 200, customer)).toEqual([]);
    expect(sequence.problems("POST", "/api/customers", 201, customer)).toEqual([]);
    expect(sequence.problems("GET", "/api/customers/{id}", 400, { error: { type: "InvalidInput", message: "x" } })).toEqual([]);
  });

  it("finds what Sequence's clients would trip over", () => {
    const { contacts: _contacts, ...withoutContacts } = customer;
    const wrong = [
      withoutContacts,
      { ...customer, status: "ARCHIVED" },
      { ...customer, url: null },
      { ...customer, address: { ...customer.address, state: "Greater London" } },
      { ...customer, integrationIds: [{ service: "Stripe", id: "cus_1" }] },
      { ...customer, integrationIds: [{ service: "crm", id: "1", isPending: false }] },
      { ...customer, customProperties: { tier: 1 } },
      { ...customer, contacts: [{ ...customer.contacts[0], billingPreference: "primary" }] },
    ];
    for (const body of wrong) expect(sequence.problems("GET", "/api/customers/{id}", 200, body), JSON.stringify(body)).not.toEqual([]);
    // PaginationMeta5 cursors are not nullable: absent, not null.
    const page = (pagination: object) => ({ items: [customer], pagination });
    expect(sequence.problems("GET", "/api/customers", 200, page({ totalResultSize: 1 }))).toEqual([]);
    expect(sequence.problems("GET", "/api/customers", 200, page({ after: null, totalResultSize: 1 })).join()).toMatch(/after must be string/);
    // GET /customers/by-alias/{alias} answers the 2024-05-09 model, which needs email and billingEmails.
    expect(sequence.problems("GET", "/api/customers/by-alias/{alias}", 200, customer).join()).toMatch(/email/);
  });

  it("refuses an operation or a status it does not list, unless recorded as Seatkeeper's own", () => {
    expect(sequence.problems("DELETE", "/api/customers/{id}", 200, {})).toEqual(["Sequence's document has no DELETE /customers/{id}"]);
    expect(sequence.problems("GET", "/api/customers/{id}", 302, {})).toEqual(["Sequence's document lists no 302 for GET /customers/{id}"]);
    expect(sequence.problems("GET", "/api/customers/{id}", 404, {})).toEqual([]);
    expect(sequence.problems("GET", "/api/customer-organizations", 200, {})).toEqual([]);
  });
});
