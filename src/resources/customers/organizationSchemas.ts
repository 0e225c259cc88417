import * as z from "../../shared/zod";
import type { CustomerOrganization } from "../../db/organizations";
import { SequencePage } from "../../surfaces/sequencePagination";
import { Uuid } from "../../shared/text";

/** Customer ids per request: the members of one organization are written in one statement. */
export const MAX_IDS = 1000;

const CustomerIds = z.array(Uuid).check(z.maxLength(MAX_IDS));

/** POST /api/customer-organizations. The owner may appear among memberIds (Sequence's own example does): it is dropped. */
export const CreateCustomerOrganizationBody = z.object({
  ownerId: Uuid,
  memberIds: CustomerIds,
});
export type CreateCustomerOrganizationBody = z.output<typeof CreateCustomerOrganizationBody>;

/** POST and PUT /api/customer-organizations/{id}/members. */
export const MembersBody = z.object({
  customerIds: CustomerIds,
});
export type MembersBody = z.output<typeof MembersBody>;

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

export type CustomerOrganizationWire = z.infer<typeof CustomerOrganizationResponse>;

/** The Sequence wire shape of a customer organization. */
export function toOrganizationWire(organization: CustomerOrganization): CustomerOrganizationWire {
  return {
    id: organization.id,
    owner: { id: organization.owner.id, name: organization.owner.name },
    members: organization.members.map((member) => ({ id: member.id, name: member.name })),
  };
}

/** Ids in first-seen order without repeats. */
export function distinct(ids: string[]): string[] {
  return [...new Set(ids)];
}
