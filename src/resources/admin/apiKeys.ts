import type * as z from "zod/mini";
import { generateCredentials, hashSecret } from "../../auth/keys";
import { PERMISSIONS } from "../../shared/permissions";
import { badRequest, notFound } from "../../shared/errors";
import type { Handler } from "../../shared/route";
import { insertApiKey, listApiKeys as selectApiKeys, revokeApiKey } from "../../db/apiKeys";
import { seamToken } from "../../surfaces/seam";
import type { ApiKeyWire } from "./responses";
import { adminPage, toApiKeySummaryWire, type ApiKeyListQuery, type CreateApiKeyBody } from "./schemas";

type ById = { params: { id: string } };

/** POST /admin/workspaces/{id}/api-keys: the secret and token appear in this response only; the id names the workspace. */
export const createApiKey: Handler<ById & { body: CreateApiKeyBody }> = async ({ body, params }, request, env) => {
  const credentials = await generateCredentials(params.id, env.ADMIN_TOKEN);
  const permissions = [...new Set(body.permissions ?? PERMISSIONS)];
  const key = await insertApiKey(request.db, {
    id: credentials.keyId,
    workspaceId: params.id,
    label: body.label,
    secretHash: await hashSecret(credentials.secret),
    permissions,
  });
  if (!key) throw notFound("workspace");
  const created: ApiKeyWire = {
    id: key.id,
    workspace_id: key.workspaceId,
    label: key.label,
    secret: credentials.secret,
    token: seamToken(credentials),
    permissions,
    created_at: key.createdAt,
  };
  return Response.json(created, { status: 201 });
};

/** DELETE /admin/api-keys/{id}: the key stops working from the next request on. */
export const revokeKey: Handler<ById> = async ({ params }, request) => {
  if (!(await revokeApiKey(request.db, params.id))) throw notFound("api_key");
  return new Response(null, { status: 204 });
};

/** GET /admin/workspaces/{id}/api-keys: revoked keys too; never a secret, token or hash. */
export const listApiKeys: Handler<ById & { query: ApiKeyListQuery }> = async ({ params, query }, request) => {
  const page = await selectApiKeys(request.db, params.id, { limit: query.limit, after: query.cursor });
  if (page === "no_workspace") throw notFound("workspace");
  if (page === "bad_cursor") throw badRequest("cursor: not a next_cursor of this workspace's key list");
  return Response.json(adminPage(page, toApiKeySummaryWire));
};
