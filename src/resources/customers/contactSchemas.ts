import * as z from "../../shared/zod";
import type { Contact } from "../../db/contacts";
import { QueryBoolean } from "../../surfaces/sequencePagination";
import { emailAddress, text } from "./text";

export const BillingPreference = z.enum(["PRIMARY", "STANDARD", "NONE"]).check(
  z.meta({
    description:
      "Whether the contact receives billing communications. A customer may have several PRIMARY contacts and always keeps " +
      "at least one that is not archived (see docs/customers.md).",
  }),
);

/** POST and PUT /api/customers/{customer}/contacts (Sequence's ContactRequestModel); a PUT replaces all three fields. */
export const ContactBody = z.object({
  name: text(200),
  email: emailAddress(),
  billingPreference: BillingPreference,
});
export type ContactBody = z.output<typeof ContactBody>;

/** GET /api/customers/{customer}/contacts */
export const ContactListQuery = z.strictObject({
  includeArchived: z._default(QueryBoolean, false).check(z.meta({ description: "Include archived contacts (default false)." })),
});
export type ContactListQuery = z.output<typeof ContactListQuery>;

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

/** The Sequence wire shape of a contact; archivedAt only once archived. */
export function toContactWire(contact: Contact): z.infer<typeof ContactResponse> {
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
