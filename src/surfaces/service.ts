import type { Surface } from "../shared/surface";
import { jsonResponse } from "./common";

/** Seatkeeper's own error body (documented in ./docs.ts). */
export interface SeatkeeperErrorBody {
  error: { type: string; message: string };
}

/** Seatkeeper's own endpoints (/health, /admin, /docs): no tenant credentials, plain `{"error":{"type","message"}}`. */
export const service: Surface = {
  name: "service",
  challenge: "Bearer",
  readCredentials: () => undefined,
  renderError(error) {
    const body: SeatkeeperErrorBody = { error: { type: error.type, message: error.message } };
    return jsonResponse(body, error.status, error.headers);
  },
};

