import * as z from "zod";
import { once } from "../shared/lazy";
import type { Surface, SurfaceDocs } from "../shared/surface";
import { jsonResponse } from "./common";

const datadogErrors = () =>
  z
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
    const body: z.infer<ReturnType<typeof datadogErrors>> = { errors: [error.message] };
    return jsonResponse(body, status, error.headers);
  },

  get docs() {
    return docs();
  },
};

// Only the OpenAPI document reads these (built at build time): never built by a request.
const docs = once(
  (): SurfaceDocs => ({
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
    errorBody: datadogErrors(),
  }),
);
