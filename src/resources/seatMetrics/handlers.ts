import { parseBody, validate } from "../../http/body";
import { badRequest, conflict, notFound } from "../../http/errors";
import type { Handler } from "../../http/context";
import { isUniqueViolation } from "../../db/constraints";
import * as store from "../../db/seatMetrics";
import { SequencePageQuery, sequencePage } from "../../surfaces/sequencePagination";
import { CreateSeatMetricBody, toWire, UpdateSeatMetricBody } from "./schemas";

/** POST /api/seat-metrics */
export const createSeatMetric: Handler = async (request) => {
  const body = await parseBody(request, CreateSeatMetricBody);
  try {
    const metric = await store.insertSeatMetric(request.db, {
      workspaceId: request.auth.workspaceId,
      seatType: body.seatType,
      label: body.label,
      description: body.description ?? null,
      createdBy: request.auth.keyId,
      maxSeats: body.maxSeats ?? null,
    });
    return Response.json(toWire(metric), { status: 201 });
  } catch (error) {
    if (isUniqueViolation(error, "seat_metrics.seat_type")) {
      throw conflict("seat_type_taken", `A seat metric with seatType '${body.seatType}' already exists`);
    }
    throw error;
  }
};

/** GET /api/seat-metrics */
export const listSeatMetrics: Handler = async (request) => {
  const query = validate(SequencePageQuery, request.query);
  const page = await store.listSeatMetrics(request.db, request.auth.workspaceId, query);
  return Response.json(sequencePage(page, query, (metric) => metric.id, toWire));
};

/** GET /api/seat-metrics/{id} */
export const getSeatMetric: Handler = async (request) => {
  const metric = await store.findSeatMetric(request.db, request.auth.workspaceId, request.params.id ?? "");
  if (!metric) throw notFound("seat_metric");
  return Response.json(toWire(metric));
};

/** PUT /api/seat-metrics/{id}: seatType is immutable; maxSeats never drops below the current holders. */
export const updateSeatMetric: Handler = async (request) => {
  const body = await parseBody(request, UpdateSeatMetricBody);
  const { workspaceId } = request.auth;
  const id = request.params.id ?? "";
  if (body.seatType !== undefined) {
    const current = await store.findSeatMetric(request.db, workspaceId, id);
    if (!current) throw notFound("seat_metric");
    if (current.seatType !== body.seatType) throw badRequest("seatType is immutable and cannot be changed", "immutable_field");
  }
  const metric = await store.updateSeatMetric(request.db, workspaceId, id, body);
  if (metric) return Response.json(toWire(metric));
  // The guarded update matched nothing: no such metric, or the cap is below the holders.
  const current = await store.findSeatMetric(request.db, workspaceId, id);
  if (!current) throw notFound("seat_metric");
  throw conflict(
    "max_seats_below_holders",
    `maxSeats ${body.maxSeats} is below the ${current.seatsHeld} users who hold a '${current.seatType}' seat; unassign seats first`,
  );
};

/** DELETE /api/seat-metrics/{id}: answers with the deleted metric; refused while users hold its seats. */
export const deleteSeatMetric: Handler = async (request) => {
  const { workspaceId } = request.auth;
  const id = request.params.id ?? "";
  const metric = await store.deleteSeatMetric(request.db, workspaceId, id);
  if (metric) return Response.json(toWire(metric));
  const current = await store.findSeatMetric(request.db, workspaceId, id);
  if (!current) throw notFound("seat_metric");
  throw conflict(
    "seat_metric_in_use",
    `Seat metric '${current.seatType}' still has ${current.seatsHeld} seat holders; unassign them (DELETE /api/v2/seats/users) before deleting it`,
  );
};
