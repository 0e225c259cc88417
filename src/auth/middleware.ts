import { findActiveKey } from "../db/apiKeys";
import { forbidden, unauthorized } from "../http/errors";
import type { AppRequest, Handler } from "../http/context";
import { sameSecret, secretMatches } from "./keys";
import type { Permission } from "./permissions";

/**
 * Authenticates the caller with its surface's credential scheme and requires
 * any one of the given permissions. Sets `request.auth`.
 */
export function requirePermission(...anyOf: Permission[]): Handler {
  return async (request, env) => {
    request.auth = await authenticate(request, env);
    if (!anyOf.some((permission) => request.auth.permissions.includes(permission))) {
      throw forbidden(`This API key lacks the permission for this operation (needs any of: ${anyOf.join(", ")})`);
    }
  };
}

/** Guards /admin with `Authorization: Bearer <ADMIN_TOKEN>`. */
export const requireAdmin: Handler = async (request, env) => {
  const header = request.headers.get("authorization") ?? "";
  const token = header.match(/^Bearer\s+(.+)$/i)?.[1]?.trim();
  if (!token || !env.ADMIN_TOKEN || !(await sameSecret(token, env.ADMIN_TOKEN))) {
    throw unauthorized("A valid admin token is required (Authorization: Bearer <ADMIN_TOKEN>)");
  }
};

async function authenticate(request: AppRequest, env: Env) {
  const credentials = request.surface.readCredentials(request.headers);
  if (!credentials) throw unauthorized("Missing API credentials");
  const key = credentials.keyId ? await findActiveKey(env.DB, credentials.keyId) : null;
  if (!key || !(await secretMatches(credentials.secret, key.secretHash))) {
    throw unauthorized("Invalid API credentials");
  }
  return { workspaceId: key.workspaceId, keyId: key.id, permissions: key.permissions };
}
