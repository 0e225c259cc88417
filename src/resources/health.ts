import type { Handler } from "../shared/route";
import type { HealthWire } from "./healthResponses";

/** Liveness: answers without credentials or storage (and without loading zod). */
export const health: Handler = () => Response.json({ status: "ok" } satisfies HealthWire);
