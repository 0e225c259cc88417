import { deleteExpiredRecords } from "./db/idempotency";
import { router } from "./router";
import type { DeliveryMessage } from "./events/delivery";
import type { AppRequest } from "./shared/context";

export { SeatAssignments } from "./objects/seatAssignments";

const DEAD_LETTERS = /-dlq$/;
// The sweeper leaves outbox rows younger than this to the request that wrote them.
const SWEEP_MIN_AGE_MS = 30_000;

// The delivery module (and the resources' wire mappers it renders with) loads on first use only.
const delivery = () => import("./events/delivery");

export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext) {
    const response = await router.fetch(request, env, ctx);
    // A write that succeeded may have put webhook deliveries in the outbox: a queue message (no D1
    // work in the request) has the consumer send them, unless the write's own batch (or the seat
    // object's) found the outbox empty, or the request wrote nothing (a Seam read is a POST).
    // Unknown (the admin routes): send.
    const outboxWaiting = (request as AppRequest).keyGate?.outboxWaiting;
    if (request.method !== "GET" && request.method !== "HEAD" && response.status < 400 && outboxWaiting !== false) {
      ctx.waitUntil(env.DELIVERIES.send({ dispatch: true } satisfies DeliveryMessage));
    }
    return response;
  },

  async queue(batch, env) {
    const { consumeDeadLetters, consumeDeliveries } = await delivery();
    await (DEAD_LETTERS.test(batch.queue) ? consumeDeadLetters : consumeDeliveries)(batch, env);
  },

  // The cron of wrangler.toml `[triggers]`: each chore runs at a bounded cost per run.
  async scheduled(controller, env) {
    const [{ dispatchOutbox }, { retireOldEvents }] = await Promise.all([delivery(), import("./db/events")]);
    await Promise.all([
      dispatchOutbox(env, SWEEP_MIN_AGE_MS),
      retireOldEvents(env.DB),
      deleteExpiredRecords(env.DB, new Date(controller.scheduledTime).toISOString()),
    ]);
  },
} satisfies ExportedHandler<Env, DeliveryMessage>;
