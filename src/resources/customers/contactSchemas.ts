import * as z from "../../shared/zod";
import type { Contact } from "../../db/contacts";
import type { ContactWire } from "./responses";
import { QueryBoolean } from "../../surfaces/sequencePagination";
import { BillingPreference } from "./enums";
import { emailAddress, text } from "./text";

/** POST and PUT /api/customers/{customer}/contacts (Sequence's ContactRequestModel); a PUT replaces all three fields. */
export const ContactBody = z.object({
  name: text(200),
  email: emailAddress(),
  billingPreference: BillingPreference,
});
export type ContactBody = z.output<typeof ContactBody>;

/** GET /api/customers/{customer}/contacts */
export const ContactListQuery = z.strictObject({
  includeArchived: z._default(QueryBoolean, false).check(...z.described(DOCUMENTED && "Include archived contacts (default false).")),
});
export type ContactListQuery = z.output<typeof ContactListQuery>;

/** The Sequence wire shape of a contact; archivedAt only once archived. */
export function toContactWire(contact: Contact): ContactWire {
  return {
    id: contact.id,
    name: contact.name,
    email: contact.email,
    billingPreference: contact.billingPreference,
    createdAt: contact.createdAt,
    updatedAt: contact.updatedAt,
    ...(contact.archivedAt !== null && { archivedAt: contact.archivedAt }),
  };
}
