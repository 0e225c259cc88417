import { withD1Meter } from "./db/meter";
import { router } from "./router";

export { SeatAssignments } from "./objects/seatAssignments";

// withD1Meter is inert unless the bench-only var BENCH_D1_METER is set (see src/db/meter.ts).
export default { fetch: withD1Meter<Env>((request, env, ctx) => router.fetch(request, env, ctx)) } satisfies ExportedHandler<Env>;
