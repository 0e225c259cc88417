import * as z from "../../shared/zod";
import type { LinkedUser } from "../../db/customerUsers";
import type { CustomerUserWire } from "./responses";
import { Uuid } from "../../shared/text";
import { MAX_IDS } from "./organizationSchemas";

/** POST and PUT /api/customers/{id}/users: shaped like the organization members body. */
export const CustomerUsersBody = z.object({
  userIds: z
    .array(Uuid)
    .check(z.maxLength(MAX_IDS), ...z.described(DOCUMENTED && `User ids (Seam user identities, Sendblue seats); at most ${MAX_IDS}.`)),
});
export type CustomerUsersBody = z.output<typeof CustomerUsersBody>;

/** A linked user in the Sequence surface's camelCase; absent fields are left out, as Sequence does. */
export function toCustomerUserWire(user: LinkedUser): CustomerUserWire {
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
