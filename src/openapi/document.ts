import { createDocument, type ZodOpenApiPathsObject } from "zod-openapi";
import type { DocumentedRoute } from "../shared/route";
import { surfaceFor } from "../surfaces";
import { surfaceDocs } from "../surfaces/docs";
import { operationFor } from "./operation";
import { ADMIN_SCHEMES } from "./security";

export const API_VERSION = "0.1.0";

const DESCRIPTION = `Seatkeeper serves four vendors' seat and identity APIs, each in that vendor's wire format.

One API key works through every surface's credential scheme: its \`id\` and \`secret\` (Sequence Basic auth,
Sendblue's and Datadog's two headers) or its \`token\` (Seam's Bearer). The operator creates workspaces
and keys through the admin API with the \`ADMIN_TOKEN\`.

To try an operation here, open it, paste the key into its authentication fields and send the request.

Every error is rendered in the surface's own error body. Besides the statuses listed per operation, any
request may get 404 (no such route), 405 with \`Allow\` (the path exists under other methods) or 500.`;

export type OpenApiDocument = ReturnType<typeof createDocument>;

/** The OpenAPI 3.1 document of a route table. */
export function buildDocument(routes: readonly DocumentedRoute[]): OpenApiDocument {
  const paths: ZodOpenApiPathsObject = {};
  const operationIds = new Set<string>();
  for (const route of routes) {
    // Caught here, at the first request of /openapi.json and in the tests, rather than by a reader.
    if (operationIds.has(route.operationId)) throw new Error(`duplicate operationId ${route.operationId}`);
    if (paths[route.path]?.[route.method]) throw new Error(`duplicate route ${route.method} ${route.path}`);
    operationIds.add(route.operationId);
    paths[route.path] = { ...paths[route.path], [route.method]: operationFor(route) };
  }
  const surfaces = [...new Set(routes.map((route) => surfaceFor(route.path)))];
  return createDocument({
    openapi: "3.1.0",
    info: { title: "Seatkeeper", version: API_VERSION, description: DESCRIPTION },
    tags: surfaces.map((surface) => surfaceDocs(surface).tag),
    paths,
    components: {
      securitySchemes: Object.assign({}, ADMIN_SCHEMES, ...surfaces.map((surface) => surfaceDocs(surface).securitySchemes)),
    },
  });
}
