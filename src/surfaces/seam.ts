import { z } from "zod";
import { ValidationError } from "../http/errors";
import { parseToken } from "../auth/keys";
import { authorizationValue, jsonResponse, type Surface } from "./surface";

/** zod's formatted error tree, which the Seam SDK reads: `{ _errors: [...], field: { _errors: [...] } }`. */
const SeamValidationErrors: z.ZodType = z
  .lazy(() => z.object({ _errors: z.array(z.string()) }).catchall(SeamValidationErrors))
  .meta({ id: "SeamValidationErrors" });

export const SeamError = z
  .object({
    error: z.object({ type: z.string(), message: z.string(), validation_errors: SeamValidationErrors.optional() }),
    ok: z.literal(false),
  })
  .meta({ id: "SeamError", description: "Seam's error body" });

/**
 * Seam: `Authorization: Bearer seam_...`, errors as
 * `{"error":{"type","message","validation_errors"?},"ok":false}`, and a
 * `seam-request-id` header the SDK reads on every response.
 */
export const seam: Surface = {
  name: "seam",

  readCredentials(headers) {
    const token = authorizationValue(headers, "Bearer");
    if (token === undefined) return undefined;
    return parseToken(token) ?? { keyId: "", secret: "" };
  },

  renderError(error) {
    const body: z.infer<typeof SeamError> = { error: { type: error.type, message: error.message }, ok: false };
    // The Seam SDK reads validation errors in zod's formatted shape: { field: { _errors: [...] } }.
    if (error instanceof ValidationError) body.error.validation_errors = z.formatError(new z.ZodError(error.issues));
    return jsonResponse(body, error.status, error.headers);
  },

  finish(response) {
    response.headers.set("seam-request-id", crypto.randomUUID());
    return response;
  },

  docs: {
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
};
