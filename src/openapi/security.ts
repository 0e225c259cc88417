import type { oas31, ZodOpenApiSecuritySchemeObject } from "zod-openapi";
import type { RouteAuth } from "../shared/route";
import type { Surface } from "../surfaces";
import { surfaceDocs } from "../surfaces/docs";

/** The operator's scheme for /admin (see requireAdmin). */
export const ADMIN_SCHEMES: Record<string, ZodOpenApiSecuritySchemeObject> = {
  AdminToken: { type: "http", scheme: "bearer", description: "The Worker's `ADMIN_TOKEN` secret." },
};

/**
 * The security requirement of an operation: none, the admin token, or all of
 * the surface's schemes at once (Sendblue and Datadog split a key over two headers).
 */
export function securityFor(auth: RouteAuth, surface: Surface): oas31.SecurityRequirementObject[] {
  if (auth === "public") return [];
  const schemes = auth === "admin" ? ADMIN_SCHEMES : surfaceDocs(surface).securitySchemes;
  return [Object.fromEntries(Object.keys(schemes).map((name) => [name, []]))];
}

/** Markdown for the operation's description: who may call it. */
export function accessNote(auth: RouteAuth, surface: Surface): string {
  if (auth === "public") return "**Credentials:** none.";
  if (auth === "admin") return "**Credentials:** the operator's `Authorization: Bearer <ADMIN_TOKEN>`.";
  const schemes = Object.values(surfaceDocs(surface).securitySchemes).map(describeScheme).join(" and ");
  const permissions = auth.map((permission) => `\`${permission}\``).join(", ");
  return `**Credentials:** ${schemes}.\n\n**Permissions:** any one of ${permissions}.`;
}

/** "HTTP Basic (user name: the API key id; password: its secret)", "`DD-API-KEY` header (the API key id)". */
function describeScheme(scheme: ZodOpenApiSecuritySchemeObject): string {
  const name = scheme.type === "apiKey" ? `\`${scheme.name}\` header` : `HTTP ${scheme.scheme === "basic" ? "Basic" : "Bearer"}`;
  const detail = scheme.description?.replace(/\.$/, "");
  return detail ? `${name} (${detail.charAt(0).toLowerCase()}${detail.slice(1)})` : name;
}
