import * as z from "../../shared/zod";
import type { Delivery, WebhookEndpoint } from "../../db/webhooks";
import { plain, text } from "../../shared/text";

/**
 * Where deliveries may go: https anywhere; plain http only to this machine
 * (127.0.0.1 or localhost, any port), for local development.
 */
export function isAllowedWebhookUrl(value: string): boolean {
  const url = URL.parse(value);
  if (!url || url.username || url.password) return false;
  if (url.protocol === "https:") return true;
  return url.protocol === "http:" && (url.hostname === "127.0.0.1" || url.hostname === "localhost");
}

const WebhookUrl = plain(z.url())
  .check(z.maxLength(2000))
  .check(z.refine(isAllowedWebhookUrl, { message: "url must be https (http only to 127.0.0.1 or localhost, for local development)" }));

// The event types are checked by the route (a list of known types); kept a plain list here to stay apart from src/events.
const EventTypes = z
  .nullable(z.array(text({ min: 1, max: 100 }).check(z.regex(/^[a-z_]+\.[a-z_]+$/, "event type must look like seat.assigned"))).check(z.minLength(1), z.maxLength(20)))
  .check(z.meta({ description: "The event types it hears (docs/events-and-webhooks.md); absent or null: every type." }));

export const CreateWebhookEndpointBody = z.strictObject({
  url: WebhookUrl,
  eventTypes: z.optional(EventTypes),
  description: z.optional(z.nullable(text({ kind: "prose", max: 500 }))),
});
export type CreateWebhookEndpointBody = z.output<typeof CreateWebhookEndpointBody>;

export const UpdateWebhookEndpointBody = z.strictObject({
  url: z.optional(WebhookUrl),
  eventTypes: z.optional(EventTypes),
  description: z.optional(z.nullable(text({ kind: "prose", max: 500 }))),
});
export type UpdateWebhookEndpointBody = z.output<typeof UpdateWebhookEndpointBody>;

const endpointShape = {
    id: z.string(),
    workspaceId: z.string(),
    url: z.string(),
    description: z.nullable(z.string()),
    eventTypes: z.nullable(z.array(z.string())),
    previousSecretExpiresAt: z.nullable(z.iso.datetime()).check(z.meta({ description: "Until then the previous secret signs too." })),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
};

export const WebhookEndpointResponse = z.object(endpointShape).check(z.meta({ id: "WebhookEndpoint" }));

/** Only creation and rotation answer the secret. */
export const WebhookEndpointWithSecret = z
  .object({ ...endpointShape, secret: z.string().check(z.meta({ description: "`whsec_` and the base64 key: verify with standardwebhooks." })) })
  .check(z.meta({ id: "WebhookEndpointWithSecret" }));

export const WebhookEndpointList = z.object({ items: z.array(WebhookEndpointResponse) });

/** The admin API's form of an endpoint, without its secrets. */
export function toWebhookEndpointWire(endpoint: WebhookEndpoint): z.infer<typeof WebhookEndpointResponse> {
  return {
    id: endpoint.id,
    workspaceId: endpoint.workspaceId,
    url: endpoint.url,
    description: endpoint.description,
    eventTypes: endpoint.eventTypes,
    previousSecretExpiresAt: endpoint.previousSecretExpiresAt,
    createdAt: endpoint.createdAt,
    updatedAt: endpoint.updatedAt,
  };
}

export const DeliveryListQuery = z.strictObject({
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100)), 20),
  cursor: z.optional(text({ max: 40 }).check(z.regex(/^whd_[0-9a-f]{32}$/, "cursor must be a next_cursor of this list"))),
});
export type DeliveryListQuery = z.output<typeof DeliveryListQuery>;

export const DeliveryResponse = z
  .object({
    id: z.string(),
    endpointId: z.string(),
    eventId: z.string(),
    eventType: z.string(),
    status: z.enum(["pending", "succeeded", "failed"]).check(z.meta({ description: "`failed`: its retries ran out (retry it by hand)." })),
    attempts: z.number().check(z.int()),
    lastStatus: z.nullable(z.number().check(z.int())).check(z.meta({ description: "The last attempt's HTTP status; null before one or without an answer." })),
    lastError: z.nullable(z.string()),
    lastAttemptAt: z.nullable(z.iso.datetime()),
    createdAt: z.iso.datetime(),
  })
  .check(z.meta({ id: "WebhookDelivery" }));

export const DeliveryPage = z.object({
  items: z.array(DeliveryResponse),
  next_cursor: z.nullable(z.string()).check(z.meta({ description: "Pass as `cursor` for the next page; null on the last page." })),
});

/** The admin API's form of a delivery. */
export const toDeliveryWire = (delivery: Delivery): z.infer<typeof DeliveryResponse> => ({ ...delivery });
