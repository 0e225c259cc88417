import { parseBody, validate } from "../../http/body";
import { badRequest, conflict, notFound } from "../../http/errors";
import type { Handler } from "../../http/context";
import { isUniqueViolation } from "../../db/constraints";
import * as store from "../../db/seatMetrics";
import { SequencePageQuery, sequencePage } from "../../surfaces/sequencePagination";
import { CreateSeatMetricBody, toWire, UpdateSeatMetricBody } from "./schemas";

/** POST /api/seat-metrics */
export const createSeatMetric: Handler = async (request, env) => {
  const body = await parseBody(request, CreateSeatMetricBody);
  try {
    const metric = await store.insertSeatMetric(env.DB, {
      workspaceId: request.auth.workspaceId,
      seatType: body.seatType,
      label: body.label,
      description: body.description ?? null,
      createdBy: request.auth.keyId,
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
export const listSeatMetrics: Handler = async (request, env) => {
  const query = validate(SequencePageQuery, request.query);
  const page = await store.listSeatMetrics(env.DB, request.auth.workspaceId, query);
  return Response.json(sequencePage(page, query, (metric) => metric.id, toWire));
};

/** GET /api/seat-metrics/{id} */
export const getSeatMetric: Handler = async (request, env) => {
  const metric = await store.findSeatMetric(env.DB, request.auth.workspaceId, request.params.id ?? "");
  if (!metric) throw notFound("seat_metric");
  return Response.json(toWire(metric));
};

/** PUT /api/seat-metrics/{id}: seatType is immutable. */
export const updateSeatMetric: Handler = async (request, env) => {
  const body = await parseBody(request, UpdateSeatMetricBody);
  const { workspaceId } = request.auth;
  const id = request.params.id ?? "";
  if (body.seatType !== undefined) {
    const current = await store.findSeatMetric(env.DB, workspaceId, id);
    if (!current) throw notFound("seat_metric");
    if (current.seatType !== body.seatType) throw badRequest("seatType is immutable and cannot be changed", "immutable_field");
  }
  const metric = await store.updateSeatMetric(env.DB, workspaceId, id, body);
  if (!metric) throw notFound("seat_metric");
  return Response.json(toWire(metric));
};

/** DELETE /api/seat-metrics/{id}: answers with the deleted metric. */
export const deleteSeatMetric: Handler = async (request, env) => {
  const metric = await store.deleteSeatMetric(env.DB, request.auth.workspaceId, request.params.id ?? "");
  if (!metric) throw notFound("seat_metric");
  return Response.json(toWire(metric));
};
