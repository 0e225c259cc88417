import { ApiError } from "../shared/errors";
import type { AppRequest } from "../shared/context";
import { surfaceFor } from "../surfaces";

/**
 * The one error funnel: expected failures render in the caller's vendor
 * shape; anything else is logged and becomes a 500 that leaks nothing.
 */
export function renderFailure(error: unknown, request: AppRequest): Response {
  const surface = request.surface ?? surfaceFor(new URL(request.url).pathname);
  if (error instanceof ApiError) return surface.renderError(error);
  console.error("unhandled error", request.method, request.url, error);
  return surface.renderError(new ApiError(500, "internal_error", "Internal server error"));
}
