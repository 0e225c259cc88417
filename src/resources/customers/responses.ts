// The answers' schemas: only the route table's docs name them, so the Worker's build leaves them
// out (docs/bundle-and-startup.md). The wire mappers use their types only.
import * as z from "../../shared/zod";
import { SequencePage } from "../../surfaces/pageResponses";
import { BillingPreference, CustomerStatus, IntegrationService, TaxStatus } from "./enums";

// Contacts
export const ContactResponse = z
  .object({
    id: z.uuid(),
    name: z.string(),
    email: z.string(),
    billingPreference: BillingPreference,
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    archivedAt: z.optional(z.iso.datetime()),
  })
  .check(z.meta({ id: "Contact" }));

/** Sequence's ContactResponseModel: every contact at once, no pagination. */
export const ContactList = z.object({ items: z.array(ContactResponse) }).check(z.meta({ id: "ContactList" }));

// Customer organizations
const Party = z.object({
  id: z.uuid(),
  /** The customer's legalName. */
  name: z.string(),
});

export const CustomerOrganizationResponse = z
  .object({
    id: z.uuid(),
    owner: Party,
    /** Excludes the owner; the children in the parent-child relationship. */
    members: z.array(Party),
  })
  .check(z.meta({ id: "CustomerOrganization" }));

export const CustomerOrganizationPage = SequencePage(CustomerOrganizationResponse);


// Customers
export const AddressResponse = z.object({
  line1: z.string(),
  line2: z.optional(z.string()),
  town: z.string(),
  state: z.optional(z.string()),
  postcode: z.string(),
  country: z.string(),
});

/** Sequence's IntegrationId1. Seatkeeper syncs with no integration, so none is ever pending. */
export const IntegrationIdResponse = z.object({ service: IntegrationService, id: z.string(), isPending: z.boolean() });

/** What the list and the single customer share (Sequence's ListCustomerResponseModel). */
const listedFields = {
  id: z.uuid(),
  createdAt: z.iso.datetime(),
  /** The organizations the customer owns or belongs to, each as the organization endpoints answer it. */
  organizations: z.array(CustomerOrganizationResponse),
  legalName: z.string(),
  address: AddressResponse,
  url: z.optional(z.string()),
  domain: z.optional(z.string()).check(z.meta({ description: "The host name of `url`, without a leading www." })),
  label: z.optional(z.string()),
  integrationIds: z.array(IntegrationIdResponse),
  archivedAt: z.optional(z.iso.datetime()),
  taxStatus: TaxStatus,
  customProperties: z.record(z.string(), z.string()),
};

/** A customer in GET /api/customers: Sequence's ListCustomerResponseModel (no contacts, no status). */
export const ListedCustomerResponse = z.object(listedFields).check(z.meta({ id: "ListedCustomer" }));

export const CustomerResponse = z
  .object({ ...listedFields, contacts: z.array(ContactResponse), status: CustomerStatus })
  .check(z.meta({ id: "Customer" }));

/** GET /api/customers: PaginationMeta5, whose cursors are left out rather than null. */
export const CustomerPage = SequencePage(ListedCustomerResponse, "omit");

/** GET /api/customer-custom-property-keys */
export const CustomPropertyKeys = z.object({ items: z.array(z.string()) }).check(z.meta({ id: "CustomerCustomPropertyKeys" }));

// A customer's users
export const CustomerUser = z
  .object({
    id: z.uuid(),
    userIdentityKey: z.optional(z.string()),
    emailAddress: z.optional(z.string()),
    phoneNumber: z.optional(z.string()),
    fullName: z.optional(z.string()),
    createdAt: z.iso.datetime(),
    linkedAt: z.iso.datetime().check(z.meta({ description: "When the user was linked to this customer." })),
  })
  .check(
    z.meta({ id: "CustomerUser", description: "A user (Seam user identity, Sendblue seat) who belongs to the customer. A Seatkeeper extension." }),
  );

/** A customer's users, as Sequence's 2024-07-30 lists page (PaginationMeta5: cursors left out where there is no such page). */
export const CustomerUserPage = SequencePage(CustomerUser, "omit");

// Customer aliases
/** Sequence's CustomerAlias (GET /api/customers/{id}/aliases): no label. */
const aliasFields = {
  id: z.uuid(),
  sequenceAccountId: z.uuid().check(z.meta({ description: "The workspace." })),
  customerId: z.uuid(),
  value: z.string(),
  createdAt: z.iso.datetime(),
};
export const CustomerAliasResponse = z.object(aliasFields).check(z.meta({ id: "CustomerAlias" }));
export const CustomerAliasList = z.object({ items: z.array(CustomerAliasResponse) }).check(z.meta({ id: "CustomerAliasList" }));

/** Sequence's CustomerAliasResponseModel; `deletedAt` on the answer of DELETE. */
export const AliasResponse = z
  .object({ ...aliasFields, label: z.optional(z.string()), deletedAt: z.optional(z.iso.datetime()) })
  .check(z.meta({ id: "CustomerAliasResponse" }));

/** GET /api/customer-aliases: PaginationMeta5 (cursors left out, not null). */
export const AliasPage = SequencePage(AliasResponse, "omit");

/**
 * GET /api/customers/by-alias/{alias} answers Sequence's Customer20240509:
 * the 2024-05-09 customer, even in version 2024-07-30 (its document says so).
 */
export const LegacyCustomerResponse = z
  .object({
    id: z.uuid(),
    createdAt: z.iso.datetime(),
    legalName: z.string(),
    contactName: z.optional(z.string()),
    address: AddressResponse,
    email: z.string().check(z.meta({ description: "The first PRIMARY contact's (not archived)." })),
    telephone: z.optional(z.string()),
    url: z.optional(z.string()),
    label: z.optional(z.string()),
    integrationIds: z.array(IntegrationIdResponse),
    archivedAt: z.optional(z.iso.datetime()),
    billingEmails: z.array(z.string()).check(z.meta({ description: "The other contacts (not archived) that receive billing communications." })),
    taxStatus: TaxStatus,
  })
  .check(z.meta({ id: "Customer20240509" }));

export type ContactWire = z.infer<typeof ContactResponse>;
export type CustomerOrganizationWire = z.infer<typeof CustomerOrganizationResponse>;
export type AddressWire = z.infer<typeof AddressResponse>;
export type IntegrationIdWire = z.infer<typeof IntegrationIdResponse>;
export type ListedCustomerWire = z.infer<typeof ListedCustomerResponse>;
export type CustomerWire = z.infer<typeof CustomerResponse>;
export type CustomerUserWire = z.infer<typeof CustomerUser>;
export type AliasWire = z.infer<typeof AliasResponse>;
export type CustomerAliasWire = z.infer<typeof CustomerAliasResponse>;
export type LegacyCustomerWire = z.infer<typeof LegacyCustomerResponse>;
