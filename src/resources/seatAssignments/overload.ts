import { ApiError } from "../../http/errors";

/**
 * The answer to a call the runtime refused because the product code's object
 * is overloaded: 429, which Datadog's client reads, with a hint to back off.
 */
export function tooManyChanges(): ApiError {
  return new ApiError(429, "too_many_requests", "Too many seat changes for this product code at once; retry with backoff", {
    "Retry-After": "1",
  });
}

/** Whether a failed call to a Durable Object was refused as overloaded (the runtime sets `.overloaded`). */
export function isOverloaded(error: unknown): boolean {
  return error instanceof Error && (error as { overloaded?: boolean }).overloaded === true;
}
