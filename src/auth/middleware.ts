import { findActiveKey } from "../db/apiKeys";
import { KeyInactive, keyGate, openGate } from "../db/keyGate";
import { forbidden, unauthorized } from "../http/errors";
import type { AppRequest, Handler } from "../http/context";
import { forgetKey, recallKey, rememberKey } from "./keyCache";
import { isKeyId, sameSecret, secretMatches } from "./keys";
import type { Permission } from "./permissions";

const INVALID = "Invalid API credentials";

/**
 * Authenticates the caller with its surface's credential scheme and requires
 * any one of the given permissions. Sets `request.auth`, and `request.db` to
 * a database that confirms the key is still active in the request's first
 * batch (see src/db/keyGate.ts).
 */
export function requirePermission(...anyOf: Permission[]): Handler {
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
export function answerActiveKeysOnly(handler: Handler): Handler {
  return async (request, env, ctx) => {
    const response = await handler(request, env, ctx);
    await confirmKey(request);
    return response;
  };
}

/** Confirms the caller's key unless the request's statements already did (one round trip otherwise). */
async function confirmKey(request: AppRequest): Promise<void> {
  await request.keyGate?.confirm();
}

/**
 * The error a failed request answers with: 401 when its key turned out
 * inactive, whatever else went wrong, so that a revoked key learns nothing.
 */
export async function keyFailureFirst(request: AppRequest, error: unknown): Promise<unknown> {
  const failure = error instanceof KeyInactive ? error : await confirmationFailure(request);
  if (failure === undefined) return error;
  if (!(failure instanceof KeyInactive)) return failure;
  forgetKey(failure.keyId);
  return unauthorized(INVALID);
}

async function confirmationFailure(request: AppRequest): Promise<unknown> {
  try {
    await confirmKey(request);
    return undefined;
  } catch (failure) {
    return failure;
  }
}

/** Guards /admin with `Authorization: Bearer <ADMIN_TOKEN>`. */
export const requireAdmin: Handler = async (request, env) => {
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
async function authenticate(request: AppRequest, env: Env) {
  const credentials = request.surface.readCredentials(request.headers);
  if (!credentials) throw unauthorized("Missing API credentials");
  if (!isKeyId(credentials.keyId)) throw unauthorized(INVALID);
  const known = recallKey(credentials.keyId);
  const key = known ?? (await findActiveKey(env.DB, credentials.keyId));
  if (!key || !(await secretMatches(credentials.secret, key.secretHash))) throw unauthorized(INVALID);
  if (!known) rememberKey(key);
  request.keyGate = known ? keyGate(env.DB, key.id) : openGate(env.DB);
  request.db = request.keyGate.db;
  return { workspaceId: key.workspaceId, workspaceRowid: key.workspaceRowid, keyId: key.id, permissions: key.permissions };
}
