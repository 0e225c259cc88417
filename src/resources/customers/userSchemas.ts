import * as z from "../../shared/zod";
import type { LinkedUser } from "../../db/customerUsers";
import { SequencePage } from "../../surfaces/sequencePagination";
import { Uuid } from "../../shared/text";
import { MAX_IDS } from "./organizationSchemas";

/** POST and PUT /api/customers/{id}/users: shaped like the organization members body. */
export const CustomerUsersBody = z.object({
  userIds: z
    .array(Uuid)
    .check(z.maxLength(MAX_IDS), z.meta({ description: `User ids (Seam user identities, Sendblue seats); at most ${MAX_IDS}.` })),
});
export type CustomerUsersBody = z.output<typeof CustomerUsersBody>;

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

/** A linked user in the Sequence surface's camelCase; absent fields are left out, as Sequence does. */
export function toCustomerUserWire(user: LinkedUser): z.infer<typeof CustomerUser> {
  return {
    id: user.id,
    ...(user.userIdentityKey !== null && { userIdentityKey: user.userIdentityKey }),
    ...(user.emailAddress !== null && { emailAddress: user.emailAddress }),
    ...(user.phoneNumber !== null && { phoneNumber: user.phoneNumber }),
    ...(user.fullName !== null && { fullName: user.fullName }),
    createdAt: user.createdAt,
    linkedAt: user.linkedAt,
  };
}
