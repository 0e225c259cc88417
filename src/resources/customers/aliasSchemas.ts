import * as z from "../../shared/zod";
import type { CustomerAlias } from "../../db/customerAliases";
import type { Customer } from "../../db/customers";
import { CursorParam } from "../../surfaces/sequencePagination";
import type { AliasWire, CustomerAliasWire, LegacyCustomerWire } from "./responses";
import { toAddressWire, toIntegrationIdsWire } from "./schemas";
import { PageLimit, text as plainText, Uuid } from "../../shared/text";
import { text } from "./text";

/** POST /api/customer-aliases (Sequence's CreateCustomerAliasRequestModel). */
export const CreateAliasBody = z.object({
  customerId: Uuid,
  value: text(200).check(...z.described(DOCUMENTED && "Unique in the workspace: it names one customer.")),
  label: z.nullish(text(200)),
});
export type CreateAliasBody = z.output<typeof CreateAliasBody>;

/** `/api/customers/by-alias/{alias}`: an alias value, compared exactly (never case-folded, even when shaped like a UUID). */
export const AliasPathParams = z.object({ alias: plainText({ max: 255 }) });

/** PUT /api/customer-aliases/{id}: the label only (a PUT: left out, it is cleared); the value never changes. */
export const UpdateAliasBody = z.strictObject(
  { label: z.nullish(text(200)) },
  { error: (issue) => (issue.code === "unrecognized_keys" ? `Only label can change; unrecognized: ${issue.keys.join(", ")}` : undefined) },
);
export type UpdateAliasBody = z.output<typeof UpdateAliasBody>;

/** GET /api/customer-aliases: the page parameters and the value filter. */
export const AliasListQuery = z
  .strictObject({
    limit: PageLimit,
    after: z.optional(CursorParam(z.tuple([z.string()]))).check(...z.described(DOCUMENTED && "Cursor: the page after this one.")),
    before: z.optional(CursorParam(z.tuple([z.string()]))).check(...z.described(DOCUMENTED && "Cursor: the page before this one.")),
    value: z.optional(text(200)).check(...z.described(DOCUMENTED && "The alias of exactly this value.")),
  })
  .check(z.refine((query) => !(query.after && query.before), { message: "Pass either after or before, not both" }));
export type AliasListQuery = z.output<typeof AliasListQuery>;

/** The Sequence wire shape of an alias in the alias endpoints. */
export function toAliasWire(alias: CustomerAlias, deletedAt?: string): AliasWire {
  return {
    ...toCustomerAliasWire(alias),
    ...(alias.label !== null && { label: alias.label }),
    ...(deletedAt !== undefined && { deletedAt }),
  };
}

/** An alias as GET /api/customers/{id}/aliases lists it (Sequence's CustomerAlias). */
export function toCustomerAliasWire(alias: CustomerAlias): CustomerAliasWire {
  return { id: alias.id, sequenceAccountId: alias.workspaceId, customerId: alias.customerId, value: alias.value, createdAt: alias.createdAt };
}

/**
 * A customer in 2024-05-09's shape, the inverse of migration 0011: email and
 * contactName from the first PRIMARY contact that is not archived (every
 * customer has one), billingEmails from the other active PRIMARY and
 * STANDARD contacts, in order.
 */
export function toLegacyCustomerWire(customer: Customer): LegacyCustomerWire {
  const active = customer.contacts.filter((contact) => contact.archivedAt === null);
  const primary = active.find((contact) => contact.billingPreference === "PRIMARY") ?? active[0] ?? customer.contacts[0];
  const billing = active.filter((contact) => contact !== primary && contact.billingPreference !== "NONE");
  return {
    id: customer.id,
    createdAt: customer.createdAt,
    legalName: customer.legalName,
    ...(primary && { contactName: primary.name }),
    address: toAddressWire(customer.address),
    email: primary?.email ?? "",
    ...(customer.telephone !== null && { telephone: customer.telephone }),
    ...(customer.url !== null && { url: customer.url }),
    ...(customer.label !== null && { label: customer.label }),
    integrationIds: toIntegrationIdsWire(customer),
    ...(customer.archivedAt !== null && { archivedAt: customer.archivedAt }),
    billingEmails: billing.map((contact) => contact.email),
    taxStatus: customer.taxStatus,
  };
}
