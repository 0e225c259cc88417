import { notFound } from "../../shared/errors";
import type { Handler } from "../../shared/route";
import * as store from "../../db/users";
import { type SeatCountQuery, type SeatListQuery, toSeatWire } from "./schemas";

/** GET /api/v2/seats: a bare JSON array, in creation order (then id), so offset pages never skip or repeat. */
export const listSeats: Handler<{ query: SeatListQuery }> = async ({ query }, request) => {
  const users = await store.listUsersByOffset(request.db, request.auth.workspaceId, query);
  return Response.json(users.map(toSeatWire));
};

/** GET /api/v2/seats/count: `{"count": n}`, with the same `email` filter as the list. */
export const countSeats: Handler<{ query: SeatCountQuery }> = async ({ query }, request) => {
  return Response.json({ count: await store.countUsers(request.db, request.auth.workspaceId, query.email) });
};

/**
 * GET /api/v2/seats/{seat_id}: by seat id (the user identity id, any case) or
 * by the auth subject (the user identity key). The router percent-decodes the
 * segment, which the SDK encodes with encodeURIComponent (`a/b` arrives as `a%2Fb`).
 */
export const getSeat: Handler<{ params: { seat_id: string } }> = async ({ params }, request) => {
  const user = await store.findUserByIdOrKey(request.db, request.auth.workspaceId, params.seat_id);
  if (!user) throw notFound("seat");
  return Response.json({ status: "OK", seat: toSeatWire(user) });
};
