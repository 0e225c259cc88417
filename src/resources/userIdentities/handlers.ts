import { parseBody, validate } from "../../http/body";
import { conflict, notFound } from "../../http/errors";
import type { Handler } from "../../http/context";
import * as store from "../../db/users";
import { listUsers } from "../../db/userSearch";
import { readSeamParams } from "../../surfaces/seamParams";
import { seamPagination } from "../../surfaces/seamPagination";
import {
  CreateUserIdentityBody,
  DeleteUserIdentityParams,
  GetUserIdentityParams,
  ListUserIdentitiesParams,
  toWire,
  UpdateUserIdentityBody,
} from "./schemas";

/** POST /user_identities/create: 200 `{"user_identity","ok":true}`, as Seam answers. */
export const createUserIdentity: Handler = async (request) => {
  const body = await parseBody(request, CreateUserIdentityBody);
  const user = await refuseTaken(() => store.insertUser(request.db, request.auth.workspaceId, fieldsOf(body)));
  return Response.json({ user_identity: toWire(user), ok: true });
};

/** GET or POST /user_identities/get, by user_identity_id or user_identity_key. */
export const getUserIdentity: Handler = async (request) => {
  const params = validate(GetUserIdentityParams, await readSeamParams(request));
  const user = await store.findUser(request.db, request.auth.workspaceId, {
    id: params.user_identity_id,
    key: params.user_identity_key,
  });
  if (!user) throw notFound("user_identity");
  return Response.json({ user_identity: toWire(user), ok: true });
};

/** GET or POST /user_identities/list: keyset pages in creation order. */
export const listUserIdentities: Handler = async (request, env) => {
  const raw = await readSeamParams(request, { arrays: ["user_identity_ids"], integers: ["limit"] });
  const params = validate(ListUserIdentitiesParams, raw);
  const filter = { search: params.search, createdBefore: params.created_before, ids: params.user_identity_ids };
  const workspace = { id: request.auth.workspaceId, rowid: request.auth.workspaceRowid };
  const page = await listUsers(request.db, workspace, filter, {
    limit: params.limit,
    after: params.page_cursor,
  });
  const { page_cursor: _, ...repeated } = params;
  return Response.json({
    user_identities: page.items.map(toWire),
    pagination: seamPagination(request, env.PUBLIC_URL, repeated, { hasMore: page.hasMore, lastId: page.resumeAfter }),
    ok: true,
  });
};

/** PATCH or POST /user_identities/update: omitted fields are kept, null clears. */
export const updateUserIdentity: Handler = async (request) => {
  const { user_identity_id: id, ...changes } = await parseBody(request, UpdateUserIdentityBody);
  const updated = await refuseTaken(() => store.updateUser(request.db, request.auth.workspaceId, id, fieldsOf(changes)));
  if (!updated) throw notFound("user_identity");
  return Response.json({ ok: true });
};

/** DELETE (query) or POST (body) /user_identities/delete: the user's seat assignments go with it. */
export const deleteUserIdentity: Handler = async (request) => {
  const params = validate(DeleteUserIdentityParams, await readSeamParams(request));
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
