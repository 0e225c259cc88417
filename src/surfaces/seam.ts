import { z } from "zod";
import { ValidationError } from "../http/errors";
import { parseToken } from "../auth/keys";
import { authorizationValue, jsonResponse, type Surface } from "./surface";

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
    const body: Record<string, unknown> = { type: error.type, message: error.message };
    // The Seam SDK reads validation errors in zod's formatted shape: { field: { _errors: [...] } }.
    if (error instanceof ValidationError) body.validation_errors = z.formatError(new z.ZodError(error.issues));
    return jsonResponse({ error: body, ok: false }, error.status, error.headers);
  },

  finish(response) {
    response.headers.set("seam-request-id", crypto.randomUUID());
    return response;
  },
};
