import type { Surface } from "../shared/surface";
import { jsonResponse } from "./common";

/** `X-RateLimit-Name`: the limit counts every request of one API key. */
const RATE_LIMIT_NAME = "api_key";

/** Datadog's error body (documented in ./docs.ts). */
export interface DatadogErrorBody {
  errors: string[];
}

/**
 * Datadog: `DD-API-KEY` carries the key id and `DD-APPLICATION-KEY` the
 * secret; errors are `{"errors":["..."]}`. Datadog answers a bad or missing
 * API key with 403, not 401.
 */
export const datadog: Surface = {
  name: "datadog",

  readCredentials(headers) {
    const keyId = headers.get("dd-api-key");
    const secret = headers.get("dd-application-key");
    if (keyId === null && secret === null) return undefined;
    return { keyId: keyId ?? "", secret: secret ?? "" };
  },

  renderError(error) {
    const status = error.status === 401 ? 403 : error.status;
    const body: DatadogErrorBody = { errors: [error.message] };
    return jsonResponse(body, status, error.headers);
  },

  /**
   * Datadog's rate-limit headers. The Rate Limiting binding says only
   * whether a request is within the limit, never how many remain, so
   * `X-RateLimit-Remaining` is sent only when known: 0, on a 429. Datadog's
   * client waits `X-RateLimit-Reset` seconds before it retries a 429 (and
   * a 5xx), and reads no `Retry-After`: an answer that names its own wait
   * (an overloaded seat object's 429) gives that wait as the reset.
   */
  rateLimitHeaders({ limit, periodSeconds, resetSeconds, limited }, retryAfter) {
    return {
      "X-RateLimit-Limit": String(limit),
      "X-RateLimit-Period": String(periodSeconds),
      "X-RateLimit-Reset": retryAfter ?? String(resetSeconds),
      "X-RateLimit-Name": RATE_LIMIT_NAME,
      ...(limited && { "X-RateLimit-Remaining": "0" }),
    };
  },
};

/** Datadog's cursor page `meta` (its SeatUserMeta): both cursors are strings, absent (never null) when there is none. */
export interface DatadogPageMeta {
  cursor?: string;
  limit: number;
  next_cursor?: string;
}

/** `meta` of a cursor page: the cursor it was asked with and the next page's, each only when there is one. */
export function datadogPageMeta(cursor: string | undefined, limit: number, next: string | undefined): DatadogPageMeta {
  return { ...(cursor !== undefined && { cursor }), limit, ...(next !== undefined && { next_cursor: next }) };
}
