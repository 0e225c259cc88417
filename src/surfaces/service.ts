import * as z from "zod";
import { once } from "../shared/lazy";
import type { Surface, SurfaceDocs } from "../shared/surface";
import { jsonResponse } from "./common";

const seatkeeperError = () =>
  z
    .object({ error: z.object({ type: z.string().meta({ description: "snake_case error type" }), message: z.string() }) })
    .meta({ id: "SeatkeeperError", description: "Seatkeeper's own error body" });

/** Seatkeeper's own endpoints (/health, /admin, /docs): no tenant credentials, plain `{"error":{"type","message"}}`. */
export const service: Surface = {
  name: "service",
  readCredentials: () => undefined,
  renderError(error) {
    const body: z.infer<ReturnType<typeof seatkeeperError>> = { error: { type: error.type, message: error.message } };
    return jsonResponse(body, error.status, error.headers);
  },

  get docs() {
    return docs();
  },
};

// Only the OpenAPI document reads these (built at build time): never built by a request.
const docs = once(
  (): SurfaceDocs => ({
    tag: {
      name: "Seatkeeper",
      description: "Seatkeeper's own endpoints: health, this reference, and the operator's admin API (`Authorization: Bearer <ADMIN_TOKEN>`).",
    },
    // Tenant keys never authenticate here; the admin routes carry their own scheme (src/openapi/security.ts).
    securitySchemes: {},
    errorBody: seatkeeperError(),
  }),
);
