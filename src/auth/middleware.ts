import { findActiveKey } from "../db/apiKeys";
import { alreadyChecked, checkedInFirstBatch } from "../db/keyGate";
import { forbidden, KeyInactive, unauthorized } from "../shared/errors";
import type { AppRequest, AuthContext, Middleware } from "../shared/context";
import type { Permission } from "../shared/permissions";
import { forgetKey, recallKey, rememberKey } from "./keyCache";
import { isKeyId, sameSecret, secretMatches } from "./keys";

const INVALID = "Invalid API credentials";

/**
 * Authenticates the caller with its surface's credential scheme and requires
 * any one of the given permissions. Sets `request.auth`, and `request.db` to
 * a database that confirms the key is still active in the request's first
 * batch (see src/db/keyGate.ts).
 */
export function requirePermission(...anyOf: Permission[]): Middleware {
  return async (request, env) => {
    request.auth = await authenticate(request, env);
    if (!anyOf.some((permission) => request.auth.permissions.includes(permission))) {
      throw forbidden(`This API key lacks the permission for this operation (needs any of: ${anyOf.join(", ")})`);
    }
  };
}

/**
 * Wraps a signed-in route's handler: it answers only once the key is
 * confirmed active. A handler that never reached D1 confirms it here.
 */
export function answerActiveKeysOnly(handler: Middleware): Middleware {
  return async (request, env, ctx) => {
    const response = await handler(request, env, ctx);
    await request.keyGate?.confirm();
    return response;
  };
}

/**
 * The error a failed request answers with: 401 when its key turned out
 * inactive, whatever else went wrong, so that a revoked key learns nothing.
 */
export async function errorToAnswer(request: AppRequest, error: unknown): Promise<unknown> {
  const failure = error instanceof KeyInactive ? error : await confirmationFailure(request);
  if (failure === undefined) return error;
  if (!(failure instanceof KeyInactive)) return failure;
  forgetKey(failure.keyId);
  return unauthorized(INVALID);
}

async function confirmationFailure(request: AppRequest): Promise<unknown> {
  try {
    await request.keyGate?.confirm();
    return undefined;
  } catch (failure) {
    return failure;
  }
}

/** Guards /admin with `Authorization: Bearer <ADMIN_TOKEN>`. */
export const requireAdmin: Middleware = async (request, env) => {
  const header = request.headers.get("authorization") ?? "";
  const token = header.match(/^Bearer\s+(.+)$/i)?.[1]?.trim();
  if (!token || !env.ADMIN_TOKEN || !(await sameSecret(token, env.ADMIN_TOKEN))) {
    throw unauthorized("A valid admin token is required (Authorization: Bearer <ADMIN_TOKEN>)");
  }
};

/**
 * A key this isolate has seen is checked against what it learned (secret,
 * permissions) and gated for the rest; an unseen one costs a lookup first.
 */
async function authenticate(request: AppRequest, env: Env): Promise<AuthContext> {
  const credentials = request.surface.readCredentials(request.headers);
  if (!credentials) throw unauthorized("Missing API credentials");
  if (!isKeyId(credentials.keyId)) throw unauthorized(INVALID);
  const known = recallKey(credentials.keyId);
  const key = known ?? (await findActiveKey(env.DB, credentials.keyId));
  if (!key || !(await secretMatches(credentials.secret, key.secretHash))) throw unauthorized(INVALID);
  if (!known) rememberKey(key);
  request.keyGate = known ? checkedInFirstBatch(env.DB, key.id) : alreadyChecked(env.DB);
  request.db = request.keyGate.db;
  return { workspaceId: key.workspaceId, workspaceRowid: key.workspaceRowid, keyId: key.id, permissions: key.permissions };
}
