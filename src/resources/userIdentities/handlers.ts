import { conflict, notFound } from "../../shared/errors";
import type { AppRequest } from "../../shared/context";
import * as store from "../../db/users";
import { listUsers } from "../../db/search/listUsers";
import { seamPagination } from "../../surfaces/seamPagination";
import {
  type CreateUserIdentityBody,
  type DeleteUserIdentityParams,
  type GetUserIdentityParams,
  type ListUserIdentitiesParams,
  toUserIdentityWire,
  type UpdateUserIdentityBody,
} from "./schemas";

/** A Seam action's handler: the action's parameters, from its body or its query (src/surfaces/seam.ts). */
type Action<Params> = (params: Params, request: AppRequest, env: Env) => Promise<Response>;

/** POST /user_identities/create: 200 `{"user_identity","ok":true}`, as Seam answers. */
export const createUserIdentity: Action<CreateUserIdentityBody> = async (body, request) => {
  const user = await refuseTaken(() => store.insertUser(request.db, request.auth.workspaceId, fieldsOf(body)));
  return Response.json({ user_identity: toUserIdentityWire(user), ok: true });
};

/** GET or POST /user_identities/get, by user_identity_id or user_identity_key. */
export const getUserIdentity: Action<GetUserIdentityParams> = async (params, request) => {
  const user = await store.findUser(request.db, request.auth.workspaceId, {
    id: params.user_identity_id,
    key: params.user_identity_key,
  });
  if (!user) throw notFound("user_identity");
  return Response.json({ user_identity: toUserIdentityWire(user), ok: true });
};

/** GET or POST /user_identities/list: keyset pages in creation order. */
export const listUserIdentities: Action<ListUserIdentitiesParams> = async (params, request, env) => {
  const ids = params.credential_manager_acs_system_id ? [] : params.user_identity_ids;
  const filter = { search: params.search, createdBefore: params.created_before, ids };
  const page = await listUsers(request.db, request.auth.workspaceId, filter, { limit: params.limit, after: params.page_cursor });
  const { page_cursor: _, ...repeated } = params;
  return Response.json({
    user_identities: page.items.map(toUserIdentityWire),
    pagination: seamPagination(request, env.PUBLIC_URL, repeated, { hasMore: page.hasMore, lastId: page.resumeAfter }),
    ok: true,
  });
};

/** PATCH or POST /user_identities/update: omitted fields are kept, null clears. */
export const updateUserIdentity: Action<UpdateUserIdentityBody> = async ({ user_identity_id: id, ...changes }, request) => {
  const updated = await refuseTaken(() => store.updateUser(request.db, request.auth.workspaceId, id, fieldsOf(changes)));
  if (!updated) throw notFound("user_identity");
  return Response.json({ ok: true });
};

/** DELETE (query) or POST (body) /user_identities/delete: the user's seat assignments go with it. */
export const deleteUserIdentity: Action<DeleteUserIdentityParams> = async (params, request) => {
  if (!(await store.deleteUser(request.db, request.auth.workspaceId, params.user_identity_id))) throw notFound("user_identity");
  return Response.json({ ok: true });
};

type WireFields = Partial<Record<"user_identity_key" | "email_address" | "phone_number" | "full_name", string | null>>;

/** Wire names to the data layer's; undefined stays undefined (kept on update, null on create). */
function fieldsOf(body: WireFields) {
  return {
    userIdentityKey: body.user_identity_key,
    emailAddress: body.email_address,
    phoneNumber: body.phone_number,
    fullName: body.full_name,
  };
}

const TAKEN_MESSAGES: Record<store.UniqueUserColumn, string> = {
  user_identity_key: "A user identity with this user_identity_key already exists in the workspace",
  email_address: "A user identity with this email_address already exists in the workspace",
  phone_number: "A user identity with this phone_number already exists in the workspace",
};

/**
 * Runs a write and turns a UNIQUE violation into 409 `<field>_taken`. The
 * database decides, so two racing writes cannot both succeed.
 */
async function refuseTaken<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    const column = store.violatedUniqueColumn(error);
    if (column) throw conflict(`${column}_taken`, TAKEN_MESSAGES[column]);
    throw error;
  }
}
