import { ApiError, badRequest, conflict, notFound } from "../../shared/errors";
import type { Handler } from "../../shared/route";
import * as balances from "../../db/seatBalances";
import * as events from "../../db/seatEvents";
import { encodeCursor, sequencePage } from "../../surfaces/sequencePagination";
import { type SeatBalanceQuery, toBalanceFilters, toCustomerSeatBalancesWire } from "./balanceSchemas";
import { type PostSeatEventBody, type SeatEventListQuery, toEventListArgs, toSeatEventWire } from "./eventSchemas";

/** POST /api/seat-events: 201, superseding the current event of its customerEventId. */
export const postSeatEvent: Handler<{ body: PostSeatEventBody }> = async ({ body }, request) => {
  const outcome = await events.postSeatEvent(request.db, request.auth.workspaceId, body);
  if (!outcome.ok) throw seatEventRefusal(outcome.reason);
  return Response.json(toSeatEventWire(outcome.event), { status: 201 });
};

/** GET /api/seat-events: current events (superseded ones left out), filtered and sorted. */
export const listSeatEvents: Handler<{ query: SeatEventListQuery }> = async ({ query }, request) => {
  const { filters, page } = toEventListArgs(query);
  const found = await events.listSeatEvents(request.db, request.auth.workspaceId, filters, page);
  const cursorOf = (event: events.SeatEvent) => encodeCursor([page.sort, ...events.seatEventKeys(event, page.sort)]);
  return Response.json(sequencePage(found, query, cursorOf, toSeatEventWire));
};

/** GET /api/seat-events/{id}: superseded events too. */
export const getSeatEvent: Handler<{ params: { id: string } }> = async ({ params }, request) => {
  const event = await events.findSeatEvent(request.db, request.auth.workspaceId, params.id);
  if (!event) throw notFound("seat_event");
  return Response.json(toSeatEventWire(event));
};

/** GET /api/seat-balances: per customer, each seat type's latest total. */
export const listSeatBalances: Handler<{ query: SeatBalanceQuery }> = async ({ query }, request) => {
  const found = await balances.listSeatBalances(request.db, request.auth.workspaceId, toBalanceFilters(query), query);
  return Response.json(sequencePage(found, query, (customer) => customer.customerId, toCustomerSeatBalancesWire));
};

/** 400 for what names nothing (Sequence documents no other refusal); 409 for a Seatkeeper-recorded event. */
function seatEventRefusal(reason: events.SeatEventRefusal): ApiError {
  switch (reason.kind) {
    case "unknown_customer":
      return badRequest(`customerAlias '${reason.customerAlias}' is neither an alias nor the id of a customer`, "customer_not_found");
    case "unknown_seat_type":
      return badRequest(`seatType '${reason.seatType}' is not the seatType of a seat metric`, "seat_metric_not_found");
    case "supersedes_seatkeeper":
      return conflict(
        "recorded_seat_event",
        `customerEventId '${reason.customerEventId}' is an event Seatkeeper recorded from seat assignments; it cannot be superseded`,
      );
  }
}
