import { deleteExpiredRecords } from "./db/idempotency";
import { router } from "./router";

export { SeatAssignments } from "./objects/seatAssignments";

export default {
  fetch: router.fetch,
  // The cron of wrangler.toml `[triggers]`: expired Idempotency-Key records go, at a bounded cost per run.
  async scheduled(controller, env) {
    await deleteExpiredRecords(env.DB, new Date(controller.scheduledTime).toISOString());
  },
} satisfies ExportedHandler<Env>;
