import { badRequest, conflict, notFound } from "../../shared/errors";
import type { Handler } from "../../shared/route";
import { isUniqueViolation } from "../../db/constraints";
import * as store from "../../db/seatMetrics";
import { type SequencePageQuery, sequencePage } from "../../surfaces/sequencePagination";
import { type CreateSeatMetricBody, toSeatMetricWire, type UpdateSeatMetricBody } from "./schemas";

type ById = { params: { id: string } };

/** POST /api/seat-metrics */
export const createSeatMetric: Handler<{ body: CreateSeatMetricBody }> = async ({ body }, request) => {
  try {
    const metric = await store.insertSeatMetric(request.db, {
      workspaceId: request.auth.workspaceId,
      seatType: body.seatType,
      label: body.label,
      description: body.description ?? null,
      createdBy: request.auth.keyId,
      maxSeats: body.maxSeats ?? null,
    });
    return Response.json(toSeatMetricWire(metric), { status: 201 });
  } catch (error) {
    if (isUniqueViolation(error, "seat_metrics.seat_type")) {
      throw conflict("seat_type_taken", `A seat metric with seatType '${body.seatType}' already exists`);
    }
    throw error;
  }
};

/** GET /api/seat-metrics */
export const listSeatMetrics: Handler<{ query: SequencePageQuery }> = async ({ query }, request) => {
  const page = await store.listSeatMetrics(request.db, request.auth.workspaceId, query);
  return Response.json(sequencePage(page, query, (metric) => metric.id, toSeatMetricWire));
};

/** GET /api/seat-metrics/{id} */
export const getSeatMetric: Handler<ById> = async ({ params }, request) => {
  const metric = await store.findSeatMetric(request.db, request.auth.workspaceId, params.id);
  if (!metric) throw notFound("seat_metric");
  return Response.json(toSeatMetricWire(metric));
};

/** PUT /api/seat-metrics/{id}: seatType is immutable; maxSeats never drops below the current holders. */
export const updateSeatMetric: Handler<ById & { body: UpdateSeatMetricBody }> = async ({ body, params }, request) => {
  const { before, after } = await store.updateSeatMetric(request.db, request.auth.workspaceId, params.id, body);
  if (after) return Response.json(toSeatMetricWire(after));
  // The guarded update matched nothing: no such metric, another seatType, or the cap is below the holders.
  if (!before) throw notFound("seat_metric");
  if (body.seatType !== undefined && before.seatType !== body.seatType) {
    throw badRequest("seatType is immutable and cannot be changed", "immutable_field");
  }
  throw conflict(
    "max_seats_below_holders",
    `maxSeats ${body.maxSeats} is below the ${before.seatsHeld} users who hold a '${before.seatType}' seat; unassign seats first`,
  );
};

/** DELETE /api/seat-metrics/{id}: answers with the deleted metric; refused while users hold its seats. */
export const deleteSeatMetric: Handler<ById> = async ({ params }, request) => {
  const { before, after } = await store.deleteSeatMetric(request.db, request.auth.workspaceId, params.id);
  if (after) return Response.json(toSeatMetricWire(after));
  if (!before) throw notFound("seat_metric");
  throw conflict(
    "seat_metric_in_use",
    `Seat metric '${before.seatType}' still has ${before.seatsHeld} seat holders; unassign them (DELETE /api/v2/seats/users) before deleting it`,
  );
};
