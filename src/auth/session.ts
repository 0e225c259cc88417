import { isBookmark } from "../shared/bookmark";
import { RequestSession } from "../db/session";
import { badRequest } from "../shared/errors";
import type { AppRequest } from "../shared/context";
import type { KnownKey } from "./keyCache";

/** The request and response header that carries a D1 bookmark (D1's Sessions API). */
export const BOOKMARK_HEADER = "x-d1-bookmark";

/**
 * How long a read replica's word that a key is active is taken. A replica
 * may lag behind the primary, and a revocation with it; once D1's primary
 * has not confirmed a key for this long, the request's batch goes to the
 * primary. A revoked key therefore reads for at most this long after its
 * revocation, and never writes (writes always run on the primary, behind
 * the key gate). docs/key-check.md.
 */
export const KEY_STATE_MAX_AGE_MS = 10_000;

/**
 * Opens the D1 session of a signed-in request. A key this isolate has not
 * seen, or one the primary has not confirmed lately, starts at the primary;
 * otherwise at a replica at least as fresh as the client's bookmark, if it
 * sent one, else at any replica. Returns whether the client's bookmark
 * was malformed: the caller refuses that (400) once the key check is set up.
 */
export function openKeySession(
  request: AppRequest,
  env: Env,
  known: KnownKey | undefined,
): { session: RequestSession; malformedBookmark: boolean } {
  const sent = request.headers.get(BOOKMARK_HEADER);
  const malformedBookmark = sent !== null && !isBookmark(sent);
  const fresh = known !== undefined && Date.now() - known.confirmedOnPrimaryAt < KEY_STATE_MAX_AGE_MS;
  const constraint = !fresh ? "first-primary" : sent !== null && !malformedBookmark ? sent : "first-unconstrained";
  const session = new RequestSession(env.DB, constraint);
  // A request whose only batch is refused whole (a 409) reaches no bookmark: the client's still holds.
  if (sent !== null && !malformedBookmark) session.reached(sent);
  request.session = session;
  return { session, malformedBookmark };
}

/** Opens the D1 session of an admin request: always the primary (the operator's writes and their reads back). */
export function openAdminSession(request: AppRequest, env: Env): RequestSession {
  const session = new RequestSession(env.DB, "first-primary");
  request.session = session;
  return session;
}

/** The refusal of a malformed `x-d1-bookmark`. */
export function malformedBookmark(): Error {
  return badRequest(`${BOOKMARK_HEADER} is not a bookmark this API returned`, "invalid_bookmark");
}
