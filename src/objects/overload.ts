import { ApiError } from "../shared/errors";

/**
 * Runs a call to the object; when the runtime refuses it because the object
 * is overloaded (it sets `.overloaded`), the answer is 429, which Datadog's
 * client reads, with a hint to back off. Any other failure stays unexpected.
 */
export async function overloadAs429<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof Error && (error as { overloaded?: boolean }).overloaded === true) throw tooManyChanges();
    throw error;
  }
}

/** The answer to a call the runtime refused as overloaded: 429 with `Retry-After`. */
export function tooManyChanges(): ApiError {
  return new ApiError(429, "too_many_requests", "Too many seat changes for this product code at once; retry with backoff", {
    "Retry-After": "1",
  });
}
