// The answers' schemas: only the route table's docs name them, so the Worker's build leaves them
// out (docs/bundle-and-startup.md). The wire mappers use their types only.
import * as z from "../../shared/zod";
import { SeamPagination } from "../../surfaces/pageResponses";

/** The user identity object, field for field as in Seam's current OpenAPI `user_identity` schema. */
export const UserIdentityResponse = z
  .object({
    user_identity_id: z.uuid(),
    user_identity_key: z.nullable(z.string().check(z.minLength(1))),
    email_address: z.nullable(z.email()),
    phone_number: z.nullable(z.string()),
    display_name: z.string().check(z.minLength(1)),
    full_name: z.nullable(z.string().check(z.minLength(1))),
    created_at: z.iso.datetime(),
    workspace_id: z.uuid(),
    errors: z.array(z.object({ error_code: z.string(), message: z.string(), created_at: z.iso.datetime() })),
    warnings: z.array(z.object({ warning_code: z.string(), message: z.string(), created_at: z.iso.datetime() })),
    acs_user_ids: z.array(z.uuid()),
  })
  .check(z.meta({ id: "UserIdentity" }));

export const UserIdentityEnvelope = z.object({ user_identity: UserIdentityResponse, ok: z.literal(true) });
export const UserIdentityListEnvelope = z.object({
  user_identities: z.array(UserIdentityResponse),
  pagination: SeamPagination,
  ok: z.literal(true),
});
export const OkEnvelope = z.object({ ok: z.literal(true) });

export type UserIdentityWire = z.infer<typeof UserIdentityResponse>;
