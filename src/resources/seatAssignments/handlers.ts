import { parseBody, validate } from "../../http/body";
import type { Handler } from "../../http/context";
import { newRecord } from "../../db/ids";
import { listSeatHolders } from "../../db/seatAssignments";
import { refusalError, onSeats, seatChangeOf } from "./changes";
import { SeatAssignmentsBody, SeatUsersQuery, seatUsersMeta, toAssignResponse, toSeatUser } from "./schemas";

/** POST /api/v2/seats/users: 201 naming exactly the users this request newly seated. */
export const assignSeats: Handler = async (request, env) => {
  const change = seatChangeOf(request.auth, await parseBody(request, SeatAssignmentsBody));
  const assigned = await onSeats(env, request.keyGate, change, (seats, options) => seats.assign(change, options));
  return Response.json(toAssignResponse(newRecord().id, change.productCode, assigned), { status: 201 });
};

/** DELETE /api/v2/seats/users (JSON body): 204; users without a seat are ignored. */
export const unassignSeats: Handler = async (request, env) => {
  const change = seatChangeOf(request.auth, await parseBody(request, SeatAssignmentsBody));
  await onSeats(env, request.keyGate, change, (seats, options) => seats.unassign(change, options));
  return new Response(null, { status: 204 });
};

/** GET /api/v2/seats/users: the product code's holders, in pages that never skip or repeat. */
export const listSeatUsers: Handler = async (request) => {
  const query = validate(SeatUsersQuery, request.query);
  const limit = query["page[limit]"];
  const cursor = query["page[cursor]"];
  const page = await listSeatHolders(request.db, request.auth.workspaceId, query.product_code, { limit, after: cursor ?? "" });
  if (!page) throw refusalError({ kind: "unknown_product_code", productCode: query.product_code });
  return Response.json({ data: page.items.map(toSeatUser), meta: seatUsersMeta(cursor, limit, page) });
};
