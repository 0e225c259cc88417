import { constraintFailureOf, type ConstraintKind } from "../db/constraints";
import { ApiError, conflict, unprocessable } from "../shared/errors";
import type { AppRequest } from "../shared/context";
import { surfaceFor } from "../surfaces";

/**
 * The one error funnel: expected failures render in the caller's vendor
 * shape; a constraint the database enforced becomes a 4xx; anything else is
 * logged and becomes a 500 that leaks nothing.
 */
export function renderFailure(error: unknown, request: AppRequest): Response {
  const surface = request.surface ?? surfaceFor(pathOf(request));
  if (error instanceof ApiError) return surface.renderError(error);
  const refused = constraintRefusal(error, request);
  if (refused) return surface.renderError(refused);
  console.error("unhandled error", request.method, request.url, error);
  return surface.renderError(new ApiError(500, "internal_error", "Internal server error"));
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
  console.error(JSON.stringify({ event: "constraint_failed", ...failure, method: request.method, path: pathOf(request) }));
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
