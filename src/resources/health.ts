import * as z from "../shared/zod";
import type { Handler } from "../shared/route";

export const HealthResponse = z.object({ status: z.literal("ok") });

/** Liveness: answers without credentials or storage. */
export const health: Handler = () => Response.json({ status: "ok" } satisfies z.infer<typeof HealthResponse>);
