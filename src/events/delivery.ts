// Webhook delivery over Cloudflare Queues (docs/events-and-webhooks.md).
// The outbox (webhook_deliveries) is written by triggers in the change's
// own transaction; after the commit the Worker sends one queue message per
// delivery (dispatchOutbox), and the cron's sweeper sends whatever a crash
// between commit and send left behind. The consumer signs each attempt with
// Standard Webhooks and retries with backoff; a message whose retries ran
// out reaches the dead-letter queue, which marks the delivery failed.
// A successful write sends a `dispatch` message rather than reading the
// outbox itself, so a request's D1 work stays its one round trip.
import { Webhook } from "standardwebhooks";
import {
  deliveryWork,
  markDeliveryFailed,
  markEnqueued,
  recordAttempt,
  unsentDeliveries,
  type AttemptOutcome,
  type DeliveryWork,
} from "../db/webhooks";
import { loadHmac } from "../platform/sha256";
import { toEventWire } from "./render";

/** A queue message: a delivery to attempt, or (after a write) the outbox to send. */
export type DeliveryMessage = { deliveryId: string } | { dispatch: true };

/**
 * Seconds before retry n (n = 1 after the first failed attempt): the first
 * within 30 s, then growing to a day, about 3.1 days over 11 retries
 * (wrangler.toml's max_retries). Queues allows at most 86,400 s per delay.
 */
export const RETRY_DELAYS_SECONDS = [10, 60, 300, 1800, 3600, 7200, 14400, 28800, 43200, 86400, 86400] as const;

/** The delay before the retry that follows attempt `attempts`; `override` (WEBHOOK_RETRY_DELAYS) shortens it for tests. */
export function retryDelaySeconds(attempts: number, override?: string): number {
  const schedule = override ? override.split(",").map(Number) : RETRY_DELAYS_SECONDS;
  return schedule[Math.min(Math.max(attempts, 1), schedule.length) - 1] ?? 0;
}

const SEND_BATCH = 100;

/**
 * Sends a queue message for each delivery in the outbox (made at least
 * `minAgeMs` ago: the sweeper leaves the newest to the request that made
 * them), then notes them sent. A crash in between sends them twice at
 * worst: delivery is at least once, and receivers de-duplicate by webhook-id.
 */
export async function dispatchOutbox(env: Env, minAgeMs = 0): Promise<number> {
  const ids = await unsentDeliveries(env.DB, SEND_BATCH, minAgeMs);
  if (ids.length === 0) return 0;
  await env.DELIVERIES.sendBatch(ids.map((deliveryId) => ({ body: { deliveryId } satisfies DeliveryMessage })));
  await markEnqueued(env.DB, ids);
  return ids.length;
}

/** The signatures of one attempt: the current secret, and the previous one while it still signs. */
function signatureSecrets(endpoint: DeliveryWork["endpoint"], now: Date): string[] {
  const previousValid = endpoint.previousSecret && endpoint.previousSecretExpiresAt && new Date(endpoint.previousSecretExpiresAt) > now;
  return previousValid ? [endpoint.secret, endpoint.previousSecret!] : [endpoint.secret];
}

/**
 * Standard Webhooks' headers for one attempt. webhook-id is the event id,
 * the same on every attempt and endpoint; the timestamp is the attempt's own
 * (receivers refuse one older than 5 minutes).
 */
function signedHeaders(eventId: string, body: string, secrets: string[], now: Date): Record<string, string> {
  return {
    "content-type": "application/json",
    "webhook-id": eventId,
    "webhook-timestamp": String(Math.floor(now.getTime() / 1000)),
    "webhook-signature": secrets.map((secret) => new Webhook(secret).sign(eventId, now, body)).join(" "),
  };
}

const ATTEMPT_TIMEOUT_MS = 15_000;

/** One signed POST of the event to the endpoint. */
async function attempt(work: DeliveryWork): Promise<AttemptOutcome> {
  await loadHmac();
  const now = new Date();
  const body = JSON.stringify(toEventWire(work.event));
  try {
    const response = await fetch(work.endpoint.url, {
      method: "POST",
      headers: signedHeaders(work.event.id, body, signatureSecrets(work.endpoint, now), now),
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS),
    });
    await response.body?.cancel();
    return { status: response.status, error: null, succeeded: response.status >= 200 && response.status < 300 };
  } catch (error) {
    return { status: null, error: error instanceof Error ? error.message : String(error), succeeded: false };
  }
}

/**
 * The deliveries queue's consumer: one attempt per delivery message (a
 * failure retries with backoff), and one outbox send for the batch's
 * dispatch messages however many there are (each would send the same
 * rows). They run side by side: a batch mixes workspaces, and one receiver
 * that takes its whole timeout must not hold back the others' deliveries.
 */
export async function consumeDeliveries(batch: MessageBatch<DeliveryMessage>, env: Env): Promise<void> {
  let sent: Promise<number> | undefined;
  const settled = await Promise.allSettled(
    batch.messages.map(async (message) => {
      if ("deliveryId" in message.body) return deliver(message.body.deliveryId, message, env);
      await (sent ??= dispatchOutbox(env));
      message.ack();
    }),
  );
  // A message that failed before its ack or retry is retried with the batch (the others keep theirs).
  const failure = settled.find((outcome) => outcome.status === "rejected");
  if (failure) throw failure.reason;
}

async function deliver(deliveryId: string, message: Message<DeliveryMessage>, env: Env): Promise<void> {
  const work = await deliveryWork(env.DB, deliveryId);
  // Gone (endpoint deleted, event retired) or already delivered (a duplicate message): nothing to do.
  if (!work || work.status === "succeeded") return message.ack();
  const outcome = await attempt(work);
  await recordAttempt(env.DB, work.deliveryId, outcome);
  if (outcome.succeeded) message.ack();
  else message.retry({ delaySeconds: retryDelaySeconds(message.attempts, env.WEBHOOK_RETRY_DELAYS) });
}

/** The dead-letter queue's consumer: the delivery's retries ran out. */
export async function consumeDeadLetters(batch: MessageBatch<DeliveryMessage>, env: Env): Promise<void> {
  for (const message of batch.messages) {
    if ("deliveryId" in message.body) await markDeliveryFailed(env.DB, message.body.deliveryId);
    message.ack();
  }
}
