import type * as z from "zod/mini";
import type { ApiError } from "./errors";

/** What the rate limiter said about a signed-in request's key (src/auth/rateLimit.ts). */
export interface RateLimitState {
  limit: number;
  periodSeconds: number;
  /** Seconds until the limiter's window starts again. */
  resetSeconds: number;
  limited: boolean;
}

/** A key id and secret, however the vendor's scheme carries them. */
export interface Credentials {
  keyId: string;
  secret: string;
}

/** A request's input before validation: the parsed JSON body (if read) and the query (the router's, or a surface's reading of it). */
export interface RawInput {
  body: unknown;
  query: unknown;
}

/** The schemas a route declares for its body and query. */
export interface InputSchemas {
  body?: z.core.$ZodType | undefined;
  query?: z.core.$ZodType | undefined;
}

/** The query string as the router parses it: a repeated key becomes an array. */
export type QueryStrings = Record<string, string | string[] | undefined>;

/**
 * One vendor's wire conventions: how credentials arrive, how input is
 * encoded, how an error looks, and which headers every response carries.
 */
export interface Surface {
  readonly name: "sequence" | "sendblue" | "datadog" | "seam" | "service";
  /** undefined when the request carries none of this surface's credential headers. */
  readCredentials(headers: Headers): Credentials | undefined;
  renderError(error: ApiError): Response;
  /** The WWW-Authenticate challenge of a 401 (RFC 9110 11.6.1), for surfaces whose credentials have an HTTP scheme. */
  readonly challenge?: string;
  /** Checks that apply to every request of the surface, before routing. */
  prepare?(request: Request): void;
  /**
   * The input a route's schemas validate, for surfaces whose clients
   * encode it their own way (Seam's query strings). `readBody` reads the
   * JSON body; without this hook the body is read only for routes that
   * declare a body schema.
   */
  input?(schemas: InputSchemas, method: string, raw: { query: QueryStrings }, readBody: () => Promise<unknown>): Promise<RawInput>;
  /** Adds the surface's per-response headers. */
  finish?(response: Response, request: Request): Response;
  /** The response header that carries the request id, when not `x-request-id` (Seam's `seam-request-id`). */
  readonly requestIdHeader?: string;
  /** The rate-limit headers the vendor documents (Datadog's `X-RateLimit-*`), on every answer the limiter saw; `retryAfter`: the answer's own. */
  rateLimitHeaders?(state: RateLimitState, retryAfter: string | null): Record<string, string>;
  // How the surface appears in the OpenAPI document: src/surfaces/docs.ts (build time only).
}
