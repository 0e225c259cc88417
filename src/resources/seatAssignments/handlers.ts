import { seatWorkspaceOf } from "../../auth/seatAddress";
import type { Handler } from "../../shared/route";
import { listSeatHolders } from "../../db/seatAssignments";
import { changeSeats } from "../../objects/seatAssignmentsClient";
import { changeOutcome, replayHeaders, seatChangeOf, seatIdempotencyOf, seatRefusalError } from "./refusals";
import { type SeatAssignmentsBody, type SeatUsersQuery, seatUsersMeta, toAssignResponse, toSeatUser } from "./schemas";

/**
 * POST /api/v2/seats/users: 201 naming exactly the users this request newly
 * seated (a retry with its Idempotency-Key: those the first one seated).
 */
export const assignSeats: Handler<{ body: SeatAssignmentsBody }> = async ({ body }, request, env) => {
  const change = seatChangeOf(await seatWorkspaceOf(request, env), request, body, seatIdempotencyOf(request));
  const outcome = changeOutcome(await changeSeats(env, request, "assign", change), change, request);
  const answer = toAssignResponse(outcome.responseId, change.productCode, outcome.changed);
  return Response.json(answer, { status: 201, headers: replayHeaders(outcome) });
};

/** DELETE /api/v2/seats/users (JSON body): 204; users without a seat are ignored. */
export const unassignSeats: Handler<{ body: SeatAssignmentsBody }> = async ({ body }, request, env) => {
  const change = seatChangeOf(await seatWorkspaceOf(request, env), request, body, seatIdempotencyOf(request));
  const outcome = changeOutcome(await changeSeats(env, request, "unassign", change), change, request);
  return new Response(null, { status: 204, headers: replayHeaders(outcome) });
};

/** GET /api/v2/seats/users: the product code's holders, in pages that never skip or repeat. */
export const listSeatUsers: Handler<{ query: SeatUsersQuery }> = async ({ query }, request) => {
  const limit = query["page[limit]"];
  const cursor = query["page[cursor]"];
  const page = await listSeatHolders(request.db, request.auth.workspaceId, query.product_code, { limit, after: cursor ?? "" });
  if (!page) throw seatRefusalError({ kind: "unknown_product_code", productCode: query.product_code });
  return Response.json({ data: page.items.map(toSeatUser), meta: seatUsersMeta(cursor, limit, page) });
};
