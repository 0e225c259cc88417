import type { z } from "zod";
import type { ZodOpenApiSecuritySchemeObject } from "zod-openapi";
import type { ApiError } from "../http/errors";

/** A key id and secret, however the vendor's scheme carries them. */
export interface Credentials {
  keyId: string;
  secret: string;
}

/**
 * One vendor's wire conventions: how credentials arrive, how an error looks,
 * and which headers every response carries.
 */
export interface Surface {
  readonly name: "sequence" | "sendblue" | "datadog" | "seam" | "service";
  /** undefined when the request carries none of this surface's credential headers. */
  readCredentials(headers: Headers): Credentials | undefined;
  renderError(error: ApiError): Response;
  /** Checks that apply to every request of the surface, before routing. */
  prepare?(request: Request): void;
  /** Adds the surface's per-response headers. */
  finish?(response: Response, request: Request): Response;
  /** How the surface appears in the OpenAPI document (src/openapi/). */
  readonly docs: SurfaceDocs;
}

/** The surface's conventions as OpenAPI pieces; every operation on the surface shares them. */
export interface SurfaceDocs {
  /** The tag (a section of /docs) that groups the surface's operations. */
  tag: { name: string; description: string };
  /** The security schemes that together carry a tenant key on this surface (all of them at once). */
  securitySchemes: Record<string, ZodOpenApiSecuritySchemeObject>;
  /** The body of every error the surface renders (a zod schema with a component id). */
  errorBody: z.ZodType;
  /** Request headers that every operation of the surface reads. */
  requestHeaders?: z.ZodObject;
  /** Headers on every response of the surface, errors included. */
  responseHeaders?: z.ZodObject;
}

/** JSON response with the given status; shared by every renderer. */
export function jsonResponse(body: unknown, status: number, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers });
}

/** Splits "Scheme value" from an Authorization header, case-insensitively on the scheme. */
export function authorizationValue(headers: Headers, scheme: "Basic" | "Bearer"): string | undefined {
  const header = headers.get("authorization");
  if (!header) return undefined;
  const [given, ...rest] = header.trim().split(/\s+/);
  if (given?.toLowerCase() !== scheme.toLowerCase()) return undefined;
  return rest.join(" ");
}
