import { z } from "zod";
import type { Surface } from "../shared/surface";
import { jsonResponse } from "./common";

/** `X-RateLimit-Name`: the limit counts every request of one API key. */
const RATE_LIMIT_NAME = "api_key";

const count = (description: string) => z.string().regex(/^\d+$/).optional().meta({ description });

export const DatadogErrors = z
  .object({ errors: z.array(z.string()) })
  .meta({ id: "DatadogErrors", description: "Datadog's error body" });

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
    const body: z.infer<typeof DatadogErrors> = { errors: [error.message] };
    return jsonResponse(body, status, error.headers);
  },

  /**
   * Datadog's rate-limit headers. The Rate Limiting binding says only
   * whether a request is within the limit, never how many remain, so
   * `X-RateLimit-Remaining` is sent only when known: 0, on a 429. Datadog's
   * client waits `X-RateLimit-Reset` seconds before it retries a 429.
   */
  rateLimitHeaders({ limit, periodSeconds, resetSeconds, limited }) {
    return {
      "X-RateLimit-Limit": String(limit),
      "X-RateLimit-Period": String(periodSeconds),
      "X-RateLimit-Reset": String(resetSeconds),
      "X-RateLimit-Name": RATE_LIMIT_NAME,
      ...(limited && { "X-RateLimit-Remaining": "0" }),
    };
  },

  docs: {
    tag: {
      name: "Datadog",
      description: "Seat assignments per product code in Datadog's wire format. " +
        "Credentials: the key id in `DD-API-KEY` and the secret in `DD-APPLICATION-KEY`; " +
        "bad or missing credentials get 403, as Datadog answers them.",
    },
    securitySchemes: {
      DatadogApiKey: { type: "apiKey", in: "header", name: "DD-API-KEY", description: "The API key id." },
      DatadogApplicationKey: { type: "apiKey", in: "header", name: "DD-APPLICATION-KEY", description: "The API key's secret." },
    },
    errorBody: DatadogErrors,
    responseHeaders: z.object({
      "X-RateLimit-Limit": count("Requests one API key may send per period (wrangler.toml `[[ratelimits]]`)."),
      "X-RateLimit-Period": count("The period, in seconds."),
      "X-RateLimit-Remaining": count("Requests left in this period: sent only on a 429 (0); the limiter does not tell otherwise."),
      "X-RateLimit-Reset": count("Seconds until the period starts again."),
      "X-RateLimit-Name": z.string().optional().meta({ description: "`api_key`: the limit counts every request of one API key." }),
    }),
  },
};

/** Datadog's cursor page `meta` (its SeatUserMeta): both cursors are strings, absent (never null) when there is none. */
export const DatadogPageMeta = z.object({
  cursor: z.string().optional().meta({ description: "The page[cursor] this page was asked with; absent on the first page." }),
  limit: z.number().int(),
  next_cursor: z.string().optional().meta({ description: "The cursor of the next page; absent on the last page." }),
});

/** `meta` of a cursor page: the cursor it was asked with and the next page's, each only when there is one. */
export function datadogPageMeta(cursor: string | undefined, limit: number, next: string | undefined): z.infer<typeof DatadogPageMeta> {
  return { ...(cursor !== undefined && { cursor }), limit, ...(next !== undefined && { next_cursor: next }) };
}
