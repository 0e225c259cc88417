import * as z from "zod";
import { once } from "../shared/lazy";
import type { Surface, SurfaceDocs } from "../shared/surface";
import { jsonResponse } from "./common";

const sendblueError = () =>
  z
    .object({ status: z.literal("ERROR"), message: z.string() })
    .meta({ id: "SendblueError", description: "Sendblue's error body" });

/** Sendblue: key id and secret in `sb-api-*` headers, errors as `{"status":"ERROR","message"}`. */
export const sendblue: Surface = {
  name: "sendblue",

  readCredentials(headers) {
    const keyId = headers.get("sb-api-key-id");
    const secret = headers.get("sb-api-secret-key");
    if (keyId === null && secret === null) return undefined;
    return { keyId: keyId ?? "", secret: secret ?? "" };
  },

  renderError(error) {
    const body: z.infer<ReturnType<typeof sendblueError>> = { status: "ERROR", message: error.message };
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
      name: "Sendblue",
      description: "Seats (read views of users) in Sendblue's wire format. " +
        "Credentials: the key id in `sb-api-key-id` and the secret in `sb-api-secret-key`.",
    },
    securitySchemes: {
      SendblueKeyId: { type: "apiKey", in: "header", name: "sb-api-key-id", description: "The API key id." },
      SendblueSecret: { type: "apiKey", in: "header", name: "sb-api-secret-key", description: "The API key's secret." },
    },
    errorBody: sendblueError(),
  }),
);
