import * as z from "zod";
import type { ZodOpenApiSecuritySchemeObject } from "zod-openapi";
import type { Surface } from "../shared/surface";
import type { DatadogErrorBody } from "./datadog";
import type { SeamErrorBody } from "./seam";
import type { SendblueErrorBody } from "./sendblue";
import { SEQUENCE_VERSIONS, type SequenceErrorBody } from "./sequence";
import type { SeatkeeperErrorBody } from "./service";

// How each surface appears in the OpenAPI document. Only src/openapi/ imports this module, at build
// time (scripts/build-openapi.mjs): the Worker neither carries these schemas nor builds them, and
// the surfaces it loads on every request import zod for types only (docs/bundle-and-startup.md).

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

const SequenceError = z
  .object({
    error: z.object({
      type: z.string().meta({ description: "PascalCase error type, e.g. `SeatMetricNotFound`" }),
      message: z.string(),
    }),
  })
  .meta({ id: "SequenceError", description: "Sequence's error body" }) satisfies z.ZodType<SequenceErrorBody>;

const SendblueError = z
  .object({ status: z.literal("ERROR"), message: z.string() })
  .meta({ id: "SendblueError", description: "Sendblue's error body" }) satisfies z.ZodType<SendblueErrorBody>;

const DatadogErrors = z
  .object({ errors: z.array(z.string()) })
  .meta({ id: "DatadogErrors", description: "Datadog's error body" }) satisfies z.ZodType<DatadogErrorBody>;

/** zod's formatted error tree, which the Seam SDK reads: `{ _errors: [...], field: { _errors: [...] } }`. */
const SeamValidationErrors: z.ZodType<z.core.$ZodFormattedError<unknown>> = z
  .lazy(() => z.object({ _errors: z.array(z.string()) }).catchall(SeamValidationErrors))
  .meta({ id: "SeamValidationErrors" });

const SeamError = z
  .object({
    error: z.object({ type: z.string(), message: z.string(), validation_errors: SeamValidationErrors.optional() }),
    ok: z.literal(false),
  })
  .meta({ id: "SeamError", description: "Seam's error body" }) satisfies z.ZodType<SeamErrorBody>;

const SeatkeeperError = z
  .object({ error: z.object({ type: z.string().meta({ description: "snake_case error type" }), message: z.string() }) })
  .meta({ id: "SeatkeeperError", description: "Seatkeeper's own error body" }) satisfies z.ZodType<SeatkeeperErrorBody>;

/** Two header schemes that carry a key together, each as [scheme name, header]: the key id's, then the secret's. */
function keyHeaders(
  [idScheme, idHeader]: [string, string],
  [secretScheme, secretHeader]: [string, string],
): Record<string, ZodOpenApiSecuritySchemeObject> {
  return {
    [idScheme]: { type: "apiKey", in: "header", name: idHeader, description: "The API key id." },
    [secretScheme]: { type: "apiKey", in: "header", name: secretHeader, description: "The API key's secret." },
  };
}

const DOCS: Record<Surface["name"], SurfaceDocs> = {
  sequence: {
    tag: {
      name: "Sequence",
      description: "Seat metrics, customers and customer organizations in Sequence's wire format. " +
        "Credentials: HTTP Basic with the key id as user name and the secret as password.",
    },
    securitySchemes: {
      SequenceBasic: { type: "http", scheme: "basic", description: "User name: the API key id; password: its secret." },
    },
    errorBody: SequenceError,
    requestHeaders: z.object({
      "Sequence-Version": z.enum(SEQUENCE_VERSIONS).optional().meta({
        description: `API version; ${SEQUENCE_VERSIONS[0]} when absent. Any other value is refused with 400.`,
      }),
    }),
    responseHeaders: z.object({
      "Sequence-Version": z.enum(SEQUENCE_VERSIONS).meta({ description: "The API version that answered." }),
    }),
  },
  sendblue: {
    tag: {
      name: "Sendblue",
      description: "Seats (read views of users) in Sendblue's wire format. " +
        "Credentials: the key id in `sb-api-key-id` and the secret in `sb-api-secret-key`.",
    },
    securitySchemes: keyHeaders(["SendblueKeyId", "sb-api-key-id"], ["SendblueSecret", "sb-api-secret-key"]),
    errorBody: SendblueError,
  },
  datadog: {
    tag: {
      name: "Datadog",
      description: "Seat assignments per product code in Datadog's wire format. " +
        "Credentials: the key id in `DD-API-KEY` and the secret in `DD-APPLICATION-KEY`; " +
        "bad or missing credentials get 403, as Datadog answers them.",
    },
    securitySchemes: keyHeaders(["DatadogApiKey", "DD-API-KEY"], ["DatadogApplicationKey", "DD-APPLICATION-KEY"]),
    errorBody: DatadogErrors,
  },
  seam: {
    tag: {
      name: "Seam",
      description: "User identities in Seam's wire format. " +
        "Credentials: `Authorization: Bearer <token>`, the key's `seam_<id>_<secret>` token.",
    },
    securitySchemes: {
      SeamBearer: { type: "http", scheme: "bearer", bearerFormat: "seam_<key id>_<secret>", description: "The API key's token." },
    },
    errorBody: SeamError,
    responseHeaders: z.object({ "seam-request-id": z.string().meta({ description: "Identifies the request, as Seam's does." }) }),
  },
  service: {
    tag: {
      name: "Seatkeeper",
      description: "Seatkeeper's own endpoints: health, this reference, and the operator's admin API (`Authorization: Bearer <ADMIN_TOKEN>`).",
    },
    // Tenant keys never authenticate here; the admin routes carry their own scheme (src/openapi/security.ts).
    securitySchemes: {},
    errorBody: SeatkeeperError,
  },
};

/** How `surface` appears in the OpenAPI document. */
export function surfaceDocs(surface: Surface): SurfaceDocs {
  return DOCS[surface.name];
}
