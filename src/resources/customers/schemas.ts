import * as z from "zod";
import type { Customer, CustomerFields } from "../../db/customers";
import { CustomerOrganizationResponse, toOrganizationWire } from "./organizationSchemas";
import { SequencePage, SequencePageQuery } from "../../surfaces/sequencePagination";
import { Email, nameText, plain, text } from "../../shared/text";
import { COUNTRY_CODES } from "./countries";

export const TaxStatus = z.enum(["TAXED", "TAX_EXEMPT", "REVERSE_CHARGED"]);

export const CountryCode = z.enum(COUNTRY_CODES, {
  error: "country must be an ISO 3166-1 alpha-2 code in capitals, e.g. GB",
});

export const AddressBody = z.object({
  line1: nameText(200),
  line2: nameText(200).nullish(),
  town: nameText(200),
  state: nameText(200).nullish(),
  postcode: nameText(40),
  country: CountryCode,
});

export const IntegrationIdBody = z.object({
  service: nameText(100),
  id: nameText(200),
});

/**
 * POST /api/customers and PUT /api/customers/{id} (a PUT replaces every
 * field: what it leaves out is cleared). Optional fields also accept null.
 */
export const CustomerBody = z.object({
  legalName: nameText(500),
  email: Email,
  address: AddressBody,
  contactName: nameText(200).nullish(),
  billingEmails: z.array(Email).max(50).nullish(),
  telephone: nameText(50).nullish(),
  url: plain(z.httpUrl()).max(2000).nullish(),
  label: nameText(200).nullish(),
  taxStatus: TaxStatus.nullish(),
  customerAliases: z.array(nameText(200)).max(50).nullish(),
  integrationIds: z.array(IntegrationIdBody).max(50).nullish(),
});
export type CustomerBody = z.output<typeof CustomerBody>;

/** GET /api/customers filters, each an exact match (email ignores case). */
export const CustomerFilters = z.object({
  legalName: text({ min: 1, max: 500 }).optional(),
  email: text({ min: 1, max: 320 }).optional(),
});

/** GET /api/customers query: Sequence's page parameters and the filters. */
export const CustomerListQuery = SequencePageQuery.extend(CustomerFilters.shape);
export type CustomerListQuery = z.output<typeof CustomerListQuery>;

/** The stored fields of a valid body; absent optional fields are cleared, taxStatus defaults to TAXED. */
export function toFields(body: CustomerBody): CustomerFields {
  const { address } = body;
  return {
    legalName: body.legalName,
    email: body.email,
    contactName: body.contactName ?? null,
    address: {
      line1: address.line1,
      line2: address.line2 ?? null,
      town: address.town,
      state: address.state ?? null,
      postcode: address.postcode,
      country: address.country,
    },
    billingEmails: body.billingEmails ?? [],
    telephone: body.telephone ?? null,
    url: body.url ?? null,
    label: body.label ?? null,
    taxStatus: body.taxStatus ?? "TAXED",
    customerAliases: body.customerAliases ?? [],
    integrationIds: body.integrationIds ?? [],
  };
}

const AddressResponse = z.object({
  line1: z.string(),
  line2: z.string().optional(),
  town: z.string(),
  state: z.string().optional(),
  postcode: z.string(),
  country: z.string(),
});

export const CustomerResponse = z
  .object({
    id: z.uuid(),
    createdAt: z.iso.datetime(),
    legalName: z.string(),
    contactName: z.string().optional(),
    address: AddressResponse,
    email: z.string(),
    billingEmails: z.array(z.string()),
    telephone: z.string().optional(),
    url: z.string().optional(),
    label: z.string().optional(),
    taxStatus: TaxStatus,
    customerAliases: z.array(z.string()),
    integrationIds: z.array(z.object({ service: z.string(), id: z.string() })),
    /** The organizations the customer owns or belongs to, each as the organization endpoints answer it. */
    organizations: z.array(CustomerOrganizationResponse),
  })
  .meta({ id: "Customer" });

export const CustomerPage = SequencePage(CustomerResponse);

/** The Sequence wire shape of a customer; unset optional fields are omitted. */
export function toCustomerWire(customer: Customer): z.infer<typeof CustomerResponse> {
  const { address } = customer;
  return {
    id: customer.id,
    createdAt: customer.createdAt,
    legalName: customer.legalName,
    ...(customer.contactName !== null && { contactName: customer.contactName }),
    address: {
      line1: address.line1,
      ...(address.line2 !== null && { line2: address.line2 }),
      town: address.town,
      ...(address.state !== null && { state: address.state }),
      postcode: address.postcode,
      country: address.country,
    },
    email: customer.email,
    billingEmails: customer.billingEmails,
    ...(customer.telephone !== null && { telephone: customer.telephone }),
    ...(customer.url !== null && { url: customer.url }),
    ...(customer.label !== null && { label: customer.label }),
    taxStatus: customer.taxStatus,
    customerAliases: customer.customerAliases,
    integrationIds: customer.integrationIds.map(({ service, id }) => ({ service, id })),
    organizations: customer.organizations.map(toOrganizationWire),
  };
}
