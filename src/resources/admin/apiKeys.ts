import type { z } from "zod";
import { generateKey, hashSecret } from "../../auth/keys";
import { PERMISSIONS } from "../../auth/permissions";
import { parseBody } from "../../http/body";
import { notFound } from "../../http/errors";
import type { Handler } from "../../http/context";
import { insertApiKey, revokeApiKey } from "../../db/apiKeys";
import { findWorkspace } from "../../db/workspaces";
import { type ApiKeyResponse, CreateApiKeyBody } from "./schemas";

/** POST /admin/workspaces/{id}/api-keys: the secret and token appear in this response only. */
export const createApiKey: Handler = async (request) => {
  const body = await parseBody(request, CreateApiKeyBody);
  const workspace = await findWorkspace(request.db, request.params.id ?? "");
  if (!workspace) throw notFound("workspace");
  const { keyId, secret, token } = generateKey();
  const permissions = [...new Set(body.permissions ?? PERMISSIONS)];
  const key = await insertApiKey(request.db, {
    id: keyId,
    workspaceId: workspace.id,
    label: body.label,
    secretHash: await hashSecret(secret),
    permissions,
  });
  const created: z.infer<typeof ApiKeyResponse> = {
    id: key.id,
    workspace_id: workspace.id,
    label: key.label,
    secret,
    token,
    permissions,
    created_at: key.createdAt,
  };
  return Response.json(created, { status: 201 });
};

/** DELETE /admin/api-keys/{id}: the key stops working from the next request on. */
export const revokeKey: Handler = async (request) => {
  if (!(await revokeApiKey(request.db, request.params.id ?? ""))) throw notFound("api_key");
  return new Response(null, { status: 204 });
};
