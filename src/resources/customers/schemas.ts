import * as z from "../../shared/zod";
import type { Address, Customer, ListedCustomer } from "../../db/customers";
import type { CustomerFields } from "../../db/customerWrites";
import { ContactBody, toContactWire } from "./contactSchemas";
import { CustomerStatus, IntegrationService, TaxStatus } from "./enums";
import { CA_PROVINCES, COUNTRY_CODES, US_STATES } from "./countries";
import { toOrganizationWire } from "./organizationSchemas";
import type { AddressWire, CustomerWire, IntegrationIdWire, ListedCustomerWire } from "./responses";
import { Uuid } from "../../shared/text";
import { propertyKey, text } from "./text";

export const CountryCode = z.enum(COUNTRY_CODES, {
  error: "country must be an ISO 3166-1 alpha-2 code in capitals, e.g. GB",
});

const StateCode = z.enum([...US_STATES, ...CA_PROVINCES], {
  error: "state must be a US state or Canadian province code in capitals, e.g. NY",
});

/** The state Sequence requires for these countries ("required for USA and Canada"), from that country's list. */
const STATES_OF: Record<string, readonly string[]> = { US: US_STATES, CA: CA_PROVINCES };

const AddressBody = z
  .object({
    line1: text(200),
    line2: z.nullish(text(200)),
    town: text(200),
    state: z.nullish(StateCode),
    postcode: text(40),
    country: CountryCode,
  })
  .check(
    z.superRefine((address, context) => {
      const states = STATES_OF[address.country];
      if (states && !(address.state && states.includes(address.state))) {
        context.addIssue({ code: "custom", path: ["state"], message: `state is required for ${address.country}: one of its ${states.length} codes` });
      }
    }),
  );

const IntegrationIdBody = z.object({
  service: IntegrationService,
  id: text(200),
});

/** 2024-05-09's top-level fields, which 2024-07-30 moved into `contacts` (or dropped). */
const OLD_FIELDS = ["email", "contactName", "billingEmails", "telephone"];

/**
 * POST /api/customers and PUT /api/customers/{id}: Sequence's
 * CreateOrUpdateCustomerRequest of version 2024-07-30. A PUT replaces every
 * field except those it leaves out of status, customProperties,
 * customerAliases and parentId, which stay as they are (docs/customers.md).
 * Optional fields also accept null, meaning the same as absent. Unknown
 * fields (the 2024-05-09 ones among them) are refused.
 */
export const CustomerBody = z.strictObject(
  {
    legalName: text(500),
    address: AddressBody,
    url: z.nullish(text(2000)),
    label: z.nullish(text(200)),
    taxStatus: TaxStatus,
    customerAliases: z.nullish(z.array(text(200)).check(z.maxLength(50))).check(
      ...z.described(DOCUMENTED && "The customer's alias values: they become exactly its aliases (the alias endpoints' rows). Unchanged when absent."),
    ),
    integrationIds: z.nullish(z.array(IntegrationIdBody).check(z.maxLength(50))),
    parentId: z.nullish(Uuid).check(
      ...z.described(DOCUMENTED && "Makes the customer a child of this customer: a member of an organization the parent owns (made when it owns none)."),
    ),
    contacts: z.array(ContactBody).check(
      z.maxLength(100),
      z.refine((contacts) => contacts.some((contact) => contact.billingPreference === "PRIMARY"), {
        message: "needs at least one contact whose billingPreference is PRIMARY",
      }),
      ...z.described(DOCUMENTED && "Replaces every contact of the customer; at least one PRIMARY."),
    ),
    pushToIntegrations: z.nullish(z.array(z.enum(["Xero"]))).check(
      z.refine((services) => !services?.length, {
        message: "no integration is linked to Seatkeeper, so none can be pushed to: send an empty list or leave it out",
      }),
    ),
    status: z.nullish(CustomerStatus),
    customProperties: z.nullish(z.record(propertyKey(), text(2000))).check(
      z.refine((properties) => !properties || Object.keys(properties).length <= 50, { message: "at most 50 custom properties" }),
      ...z.described(DOCUMENTED && "Replaces every custom property of the customer; unchanged when absent. Values are strings."),
    ),
  },
  {
    error: (issue) => {
      if (issue.code !== "unrecognized_keys") return undefined;
      const old = issue.keys.filter((key) => OLD_FIELDS.includes(key));
      const note = old.length > 0 ? ` (${old.join(", ")}: fields of API version 2024-05-09; 2024-07-30 takes contacts)` : "";
      return `Unrecognized field(s): ${issue.keys.join(", ")}${note}`;
    },
  },
);
export type CustomerBody = z.output<typeof CustomerBody>;

/** The fields a valid body writes; null optional fields count as absent. */
export function toFields(body: CustomerBody): CustomerFields {
  const { address } = body;
  return {
    legalName: body.legalName,
    address: {
      line1: address.line1,
      line2: address.line2 ?? null,
      town: address.town,
      state: address.state ?? null,
      postcode: address.postcode,
      country: address.country,
    },
    url: body.url ?? null,
    label: body.label ?? null,
    taxStatus: body.taxStatus,
    integrationIds: body.integrationIds ?? [],
    contacts: body.contacts,
    status: body.status ?? undefined,
    customProperties: body.customProperties ?? undefined,
    aliases: body.customerAliases ? [...new Set(body.customerAliases)] : undefined,
    parentId: body.parentId ?? undefined,
  };
}

/** The wire shape of an address; unset optional fields are omitted. */
export function toAddressWire(address: Address): AddressWire {
  return {
    line1: address.line1,
    ...(address.line2 !== null && { line2: address.line2 }),
    town: address.town,
    ...(address.state !== null && { state: address.state }),
    postcode: address.postcode,
    country: address.country,
  };
}

/** The integration ids as Sequence answers them. */
export function toIntegrationIdsWire(customer: ListedCustomer): IntegrationIdWire[] {
  return customer.integrationIds.map(({ service, id }) => ({ service: service as z.infer<typeof IntegrationService>, id, isPending: false }));
}

/** A customer as GET /api/customers lists it; unset optional fields are omitted. */
export function toListedCustomerWire(customer: ListedCustomer): ListedCustomerWire {
  const domain = customer.url === null ? undefined : domainOf(customer.url);
  return {
    id: customer.id,
    createdAt: customer.createdAt,
    organizations: customer.organizations.map(toOrganizationWire),
    legalName: customer.legalName,
    address: toAddressWire(customer.address),
    ...(customer.url !== null && { url: customer.url }),
    ...(domain !== undefined && { domain }),
    ...(customer.label !== null && { label: customer.label }),
    integrationIds: toIntegrationIdsWire(customer),
    ...(customer.archivedAt !== null && { archivedAt: customer.archivedAt }),
    taxStatus: customer.taxStatus,
    customProperties: customer.customProperties,
  };
}

/** The Sequence wire shape of a customer (its `Customer` of 2024-07-30). */
export function toCustomerWire(customer: Customer): CustomerWire {
  return { ...toListedCustomerWire(customer), contacts: customer.contacts.map(toContactWire), status: customer.status };
}

/** "https://www.example.com/x" and "www.example.com" -> "example.com". */
function domainOf(url: string): string | undefined {
  const host = URL.parse(url)?.hostname || URL.parse(`https://${url}`)?.hostname;
  return host ? host.replace(/^www\./, "") : undefined;
}
