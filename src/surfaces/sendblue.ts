import { jsonResponse, type Surface } from "./surface";

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
    return jsonResponse({ status: "ERROR", message: error.message }, error.status, error.headers);
  },
};
