// GET /health's answer schema: only the route table's docs name it, so the Worker's build leaves
// it out (docs/bundle-and-startup.md).
import * as z from "../shared/zod";

export const HealthResponse = z.object({ status: z.literal("ok") });

export type HealthWire = z.infer<typeof HealthResponse>;
