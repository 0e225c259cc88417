import { constraintFailureOf, type ConstraintKind } from "../db/constraints";
import { ApiError, conflict, unprocessable } from "../shared/errors";
import type { AppRequest } from "../shared/context";
import { surfaceFor } from "../surfaces";
import { logProblem } from "./requestLog";

/**
 * The one error funnel: expected failures render in the caller's vendor
 * shape; a constraint the database enforced becomes a 4xx; anything else is
 * logged and becomes a 500 that leaks nothing.
 */
export function renderFailure(error: unknown, request: AppRequest): Response {
  const surface = request.surface ?? surfaceFor(pathOf(request));
  const answered = error instanceof ApiError ? error : (constraintRefusal(error, request) ?? unhandled(error, request));
  request.errorType = answered.type;
  const response = surface.renderError(answered);
  if (response.status === 401 && surface.challenge) response.headers.set("WWW-Authenticate", surface.challenge);
  return response;
}

/** Logged with its stack (never the URL, whose query can hold emails), answered as a 500 that says nothing. */
function unhandled(error: unknown, request: AppRequest): ApiError {
  const details = error instanceof Error ? { error: error.name, message: error.message, stack: error.stack } : { error: String(error) };
  logProblem(request, "unhandled_error", { method: request.method, ...details });
  return new ApiError(500, "internal_error", "Internal server error");
}

/**
 * A statement the schema refused, whatever validation missed: 409 when it
 * clashes with other rows (UNIQUE, FOREIGN KEY, a trigger's RAISE, which
 * here guard relations between rows), 422 when a value breaks a column's
 * rule (CHECK, NOT NULL, type). A refused statement or batch wrote nothing.
 * The constraint is logged, never answered (it names tables and columns).
 */
function constraintRefusal(error: unknown, request: AppRequest): ApiError | undefined {
  const failure = constraintFailureOf(error);
  if (!failure) return undefined;
  logProblem(request, "constraint_failed", { ...failure, method: request.method });
  if (CONFLICTS.includes(failure.kind)) {
    return conflict("conflict", "The request conflicts with existing data and was refused; nothing was written");
  }
  return unprocessable("A value breaks a rule of the stored data and was refused; nothing was written", "constraint_violation");
}

const CONFLICTS: readonly ConstraintKind[] = ["unique", "foreign_key", "trigger"];

/** The path, from the URL the router parsed (a failure before that parses it here). */
function pathOf(request: AppRequest): string {
  return (request.parsedUrl ?? new URL(request.url)).pathname;
}
