import * as z from "../../shared/zod";
import type { User } from "../../db/users";
import { PageCursor, SeamLimit } from "../../surfaces/seamPagination";
import type { UserIdentityWire } from "./responses";
import { Email, IsoTimestamp, nameText, text, Uuid } from "../../shared/text";

/** E.164: `+`, then up to 15 digits, the first not 0 (+15555550100). */
const PhoneNumber = text({ max: 100 }).check(
  z.regex(/^\+[1-9]\d{0,14}$/, "phone_number must be in E.164 format, e.g. +15555550100"),
);

/** Kept exactly as given (not trimmed): the caller's own identifier, compared as is. */
const UserIdentityKey = text({ kind: "name", min: 1, max: 255 });
const EmailAddress = Email;
const FullName = nameText(255);

/** All four fields optional and nullable: Seam's own example posts `{}`. */
export const CreateUserIdentityBody = z.object({
  user_identity_key: z.optional(z.nullable(UserIdentityKey)),
  email_address: z.optional(z.nullable(EmailAddress)),
  phone_number: z.optional(z.nullable(PhoneNumber)),
  full_name: z.optional(z.nullable(FullName)),
});

/** By id or by key; when both are given, both must match the same user identity. */
export const GetUserIdentityParams = z
  .object({
    user_identity_id: z.optional(Uuid),
    user_identity_key: z.optional(text({ min: 1, max: 255 })),
  })
  .check(
    z.refine((params) => params.user_identity_id !== undefined || params.user_identity_key !== undefined, {
      message: "Pass user_identity_id or user_identity_key",
    }),
  );

export const ListUserIdentitiesParams = z.object({
  limit: SeamLimit,
  page_cursor: PageCursor,
  search: z.optional(z.nullable(text({ max: 255 }))),
  created_before: z.optional(IsoTimestamp),
  user_identity_ids: z.optional(z.array(Uuid).check(z.maxLength(500))),
  /** Seatkeeper has no access systems, so no user identity has a credential manager on one. */
  credential_manager_acs_system_id: z.optional(Uuid),
});

/** Omitted fields are kept, null clears them. */
export const UpdateUserIdentityBody = z.extend(CreateUserIdentityBody, { user_identity_id: Uuid });

export const DeleteUserIdentityParams = z.object({ user_identity_id: Uuid });

/** The Seam wire shape of a user. Seatkeeper has no access-system users, so the lists are empty. */
export function toUserIdentityWire(user: User): UserIdentityWire {
  return {
    user_identity_id: user.id,
    user_identity_key: user.userIdentityKey,
    email_address: user.emailAddress,
    phone_number: user.phoneNumber,
    display_name: displayName(user),
    full_name: user.fullName,
    created_at: user.createdAt,
    workspace_id: user.workspaceId,
    errors: [],
    warnings: [],
    acs_user_ids: [],
  };
}

/**
 * Never empty: the full name, else the email, else the phone, else the key,
 * else `User ` and the id's last 12 hex digits (its random part), which is
 * stable for the life of the user.
 */
function displayName(user: User): string {
  return user.fullName ?? user.emailAddress ?? user.phoneNumber ?? user.userIdentityKey ?? `User ${user.id.slice(-12)}`;
}

export type CreateUserIdentityBody = z.output<typeof CreateUserIdentityBody>;
export type GetUserIdentityParams = z.output<typeof GetUserIdentityParams>;
export type ListUserIdentitiesParams = z.output<typeof ListUserIdentitiesParams>;
export type UpdateUserIdentityBody = z.output<typeof UpdateUserIdentityBody>;
export type DeleteUserIdentityParams = z.output<typeof DeleteUserIdentityParams>;
