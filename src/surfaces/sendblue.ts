import type { Surface } from "../shared/surface";
import { jsonResponse } from "./common";

/** Sendblue's error body (documented in ./docs.ts). */
export interface SendblueErrorBody {
  status: "ERROR";
  message: string;
}

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
    const body: SendblueErrorBody = { status: "ERROR", message: error.message };
    return jsonResponse(body, error.status, error.headers);
  },
};

