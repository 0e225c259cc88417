import { validate } from "../../http/body";
import { notFound } from "../../http/errors";
import type { Handler } from "../../http/context";
import * as store from "../../db/users";
import { SeatCountQuery, SeatListQuery, toWire } from "./schemas";

/** GET /api/v2/seats: a bare JSON array, in creation order (then id), so offset pages never skip or repeat. */
export const listSeats: Handler = async (request) => {
  const query = validate(SeatListQuery, request.query);
  const users = await store.listUsersByOffset(request.db, request.auth.workspaceId, query);
  return Response.json(users.map(toWire));
};

/** GET /api/v2/seats/count: `{"count": n}`, with the same `email` filter as the list. */
export const countSeats: Handler = async (request) => {
  const query = validate(SeatCountQuery, request.query);
  return Response.json({ count: await store.countUsers(request.db, request.auth.workspaceId, query.email) });
};

/** GET /api/v2/seats/{seat_id}: by seat id (the user identity id, any case) or by the auth subject (the user identity key). */
export const getSeat: Handler = async (request) => {
  const user = await store.findUserByIdOrKey(request.db, request.auth.workspaceId, request.params.seat_id ?? "");
  if (!user) throw notFound("seat");
  return Response.json({ status: "OK", seat: toWire(user) });
};
