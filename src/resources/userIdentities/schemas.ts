import * as z from "zod";
import type { User } from "../../db/users";
import { PageCursor, SeamLimit, SeamPagination } from "../../surfaces/seamPagination";
import { Email, nameText, plain, text, Uuid } from "../../shared/text";

/** E.164: `+`, then up to 15 digits, the first not 0 (+15555550100). */
export const PhoneNumber = text({ max: 100 })
  .regex(/^\+[1-9]\d{0,14}$/, "phone_number must be in E.164 format, e.g. +15555550100");

/** Kept exactly as given (not trimmed): the caller's own identifier, compared as is. */
export const UserIdentityKey = text({ kind: "name", min: 1, max: 255 });
export const EmailAddress = Email;
export const FullName = nameText(255);

/** All four fields optional and nullable: Seam's own example posts `{}`. */
export const CreateUserIdentityBody = z.object({
  user_identity_key: UserIdentityKey.nullable().optional(),
  email_address: EmailAddress.nullable().optional(),
  phone_number: PhoneNumber.nullable().optional(),
  full_name: FullName.nullable().optional(),
});

/** By id or by key; when both are given, both must match the same user identity. */
export const GetUserIdentityParams = z
  .object({
    user_identity_id: Uuid.optional(),
    user_identity_key: text({ min: 1, max: 255 }).optional(),
  })
  .refine((params) => params.user_identity_id !== undefined || params.user_identity_key !== undefined, {
    message: "Pass user_identity_id or user_identity_key",
  });

export const ListUserIdentitiesParams = z.object({
  limit: SeamLimit,
  page_cursor: PageCursor,
  search: text({ max: 255 }).nullable().optional(),
  created_before: plain(z.iso.datetime({ offset: true }))
    .transform((date) => new Date(date).toISOString())
    .optional(),
  user_identity_ids: z.array(Uuid).max(500).optional(),
});

/** Omitted fields are kept, null clears them. */
export const UpdateUserIdentityBody = CreateUserIdentityBody.extend({ user_identity_id: Uuid });

export const DeleteUserIdentityParams = z.object({ user_identity_id: Uuid });

/** The user identity object, field for field as in Seam's current OpenAPI `user_identity` schema. */
export const UserIdentityResponse = z
  .object({
    user_identity_id: z.uuid(),
    user_identity_key: z.string().min(1).nullable(),
    email_address: z.email().nullable(),
    phone_number: z.string().nullable(),
    display_name: z.string().min(1),
    full_name: z.string().min(1).nullable(),
    created_at: z.iso.datetime(),
    workspace_id: z.uuid(),
    errors: z.array(z.object({ error_code: z.string(), message: z.string(), created_at: z.iso.datetime() })),
    warnings: z.array(z.object({ warning_code: z.string(), message: z.string(), created_at: z.iso.datetime() })),
    acs_user_ids: z.array(z.uuid()),
  })
  .meta({ id: "UserIdentity" });

export const UserIdentityEnvelope = z.object({ user_identity: UserIdentityResponse, ok: z.literal(true) });
export const UserIdentityListEnvelope = z.object({
  user_identities: z.array(UserIdentityResponse),
  pagination: SeamPagination,
  ok: z.literal(true),
});
export const OkEnvelope = z.object({ ok: z.literal(true) });

export type UserIdentityResponse = z.infer<typeof UserIdentityResponse>;

/** The Seam wire shape of a user. Seatkeeper has no access-system users, so the lists are empty. */
export function toUserIdentityWire(user: User): UserIdentityResponse {
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
export function displayName(user: User): string {
  return user.fullName ?? user.emailAddress ?? user.phoneNumber ?? user.userIdentityKey ?? `User ${user.id.slice(-12)}`;
}

export type CreateUserIdentityBody = z.output<typeof CreateUserIdentityBody>;
export type GetUserIdentityParams = z.output<typeof GetUserIdentityParams>;
export type ListUserIdentitiesParams = z.output<typeof ListUserIdentitiesParams>;
export type UpdateUserIdentityBody = z.output<typeof UpdateUserIdentityBody>;
export type DeleteUserIdentityParams = z.output<typeof DeleteUserIdentityParams>;
