import { checkedInFirstBatch, UNSEEN_WORKSPACE, type KeyClaim } from "../db/keyGate";
import { BatchRiders } from "../db/riders";
import { requestContext, withWriteContext } from "../db/writeContext";
import { forbidden, KeyInactive, KeyLacksPermission, unauthorized } from "../shared/errors";
import type { AppRequest, Middleware } from "../shared/context";
import type { Permission } from "../shared/permissions";
import type { Credentials } from "../shared/surface";
import { forgetKey, recallKey, rememberKey, type KnownKey } from "./keyCache";
import { hashesMatch, hashSecret, isKeyId, sameSecret } from "./keys";
import { countRequest } from "./rateLimit";
import { malformedBookmark, openAdminSession, openKeySession } from "./session";

const INVALID = "Invalid API credentials";

/**
 * Authenticates the caller with its surface's credential scheme and requires
 * any one of the given permissions. Sets `request.auth`, and `request.db` to
 * a D1 session that checks the key in the request's first batch (see
 * src/db/keyGate.ts). A key this isolate knows is checked here against what
 * it learned (secret, permissions); one it does not know is checked on what
 * that batch reads of it, in the same round trip (docs/key-check.md).
 */
export function requirePermission(...anyOf: Permission[]): Middleware {
  return async (request, env) => {
    const credentials = request.surface.readCredentials(request.headers);
    if (!credentials) throw unauthorized("Missing API credentials");
    if (!isKeyId(credentials.keyId)) throw unauthorized(INVALID);
    const known = recallKey(credentials.keyId);
    if (known && !known.secret.matches(credentials.secret)) throw unauthorized(INVALID);
    const secretHash = known?.secretHash ?? (await hashSecret(credentials.secret));
    await countRequest(request, env, credentials.keyId, secretHash);
    const { session, malformedBookmark: malformed } = openKeySession(request, env, known);
    const claim = known ? knownClaim(known, anyOf) : unseenClaim(request, credentials, secretHash, anyOf);
    request.auth = { workspaceId: known?.workspaceId ?? UNSEEN_WORKSPACE, keyId: credentials.keyId, permissions: known?.permissions ?? [] };
    // The data layer's functions take a D1Database and use only prepare and batch, which a session has.
    const riders = new BatchRiders();
    request.carrier = riders;
    request.keyGate = checkedInFirstBatch(session.db, claim, requestContext(request.id, credentials.keyId), riders);
    request.db = request.keyGate.db;
    if (known && !holdsAny(known.permissions, anyOf)) throw new KeyLacksPermission(anyOf);
    if (malformed) throw malformedBookmark();
  };
}

/** A key this isolate knows: its secret and permissions are checked already; D1 says whether it is still active. */
function knownClaim(known: KnownKey, anyOf: readonly Permission[]): KeyClaim {
  return {
    keyId: known.id,
    secretHash: known.secretHash,
    anyOf,
    workspaceId: known.workspaceId,
    judge({ facts, servedByPrimary }) {
      if (facts !== undefined && !facts?.active) throw new KeyInactive(known.id);
      if (servedByPrimary) known.confirmedOnPrimaryAt = Date.now();
    },
  };
}

/**
 * A key this isolate has not seen: the first batch reads its facts (or, if
 * it writes, passes the key gate, which checks them in SQL). The presented
 * secret is verified against the hash it read, in constant time; the key is
 * remembered, and `request.auth` gets its workspace and permissions.
 */
function unseenClaim(request: AppRequest, credentials: Credentials, secretHash: string, anyOf: readonly Permission[]): KeyClaim {
  return {
    keyId: credentials.keyId,
    secretHash,
    anyOf,
    workspaceId: undefined,
    judge({ facts, servedByPrimary }) {
      if (facts === undefined) return;
      if (!facts?.active || !hashesMatch(secretHash, facts.secretHash)) throw new KeyInactive(credentials.keyId);
      rememberKey(facts, credentials.secret, servedByPrimary ? Date.now() : 0);
      request.auth.workspaceId = facts.workspaceId;
      request.auth.permissions = facts.permissions;
      if (!holdsAny(facts.permissions, anyOf)) throw new KeyLacksPermission(anyOf);
    },
  };
}

function holdsAny(held: readonly Permission[], anyOf: readonly Permission[]): boolean {
  return anyOf.some((permission) => held.includes(permission));
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
 * inactive (or its secret wrong), whatever else went wrong, so that such a
 * key learns nothing; 403 when it lacks the permission; else the error.
 */
export async function errorToAnswer(request: AppRequest, error: unknown): Promise<unknown> {
  const failure = error instanceof KeyInactive ? error : ((await confirmationFailure(request)) ?? error);
  if (failure instanceof KeyInactive) {
    forgetKey(failure.keyId);
    return unauthorized(INVALID);
  }
  if (failure instanceof KeyLacksPermission) return forbidden(failure.message);
  return failure;
}

async function confirmationFailure(request: AppRequest): Promise<unknown> {
  try {
    await request.keyGate?.confirm();
    return undefined;
  } catch (failure) {
    return failure;
  }
}

/** Guards /admin with `Authorization: Bearer <ADMIN_TOKEN>`; its statements go to D1's primary, its writes in the operator's write context. */
export const requireAdmin: Middleware = async (request, env) => {
  const header = request.headers.get("authorization") ?? "";
  const token = header.match(/^Bearer\s+(.+)$/i)?.[1]?.trim();
  if (!token || !env.ADMIN_TOKEN || !(await sameSecret(token, env.ADMIN_TOKEN))) {
    throw unauthorized("A valid admin token is required (Authorization: Bearer <ADMIN_TOKEN>)");
  }
  // The data layer's functions take a D1Database and use only prepare and batch, which a session has.
  const riders = new BatchRiders();
  request.carrier = riders;
  request.db = withWriteContext(openAdminSession(request, env).db, { requestId: request.id, keyId: null, cause: "admin" }, riders);
};
