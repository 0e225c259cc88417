import { jsonResponse, type Surface } from "./surface";

/** Seatkeeper's own endpoints (/health, /admin): no tenant credentials, plain `{"error":{"type","message"}}`. */
export const service: Surface = {
  name: "service",
  readCredentials: () => undefined,
  renderError(error) {
    return jsonResponse({ error: { type: error.type, message: error.message } }, error.status, error.headers);
  },
};
