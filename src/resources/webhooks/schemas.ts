import * as z from "../../shared/zod";
import type { Delivery, WebhookEndpoint } from "../../db/webhooks";
import type { DeliveryWire, WebhookEndpointWire } from "./responses";
import { EVENT_TYPES } from "../../shared/eventTypes";
import { PageLimit, plain, text } from "../../shared/text";

/**
 * Where deliveries may go: https anywhere; plain http only to this machine
 * (127.0.0.1 or localhost, any port), for local development.
 */
function isAllowedWebhookUrl(value: string): boolean {
  const url = URL.parse(value);
  if (!url || url.username || url.password) return false;
  if (url.protocol === "https:") return true;
  return url.protocol === "http:" && (url.hostname === "127.0.0.1" || url.hostname === "localhost");
}

const WebhookUrl = plain(z.url())
  .check(z.maxLength(2000))
  .check(z.refine(isAllowedWebhookUrl, { message: "url must be https (http only to 127.0.0.1 or localhost) and carry no user name or password" }));

// A type that is no event would never be delivered: refused. A repeated one means nothing more: kept once.
const EventTypes = z
  .nullable(z.pipe(z.array(z.enum(EVENT_TYPES)).check(z.minLength(1)), z.transform((types) => [...new Set(types)])))
  .check(...z.described(DOCUMENTED && "The event types it hears (docs/events-and-webhooks.md); absent or null: every type."));

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

/** The admin API's form of an endpoint, without its secrets. */
export function toWebhookEndpointWire(endpoint: WebhookEndpoint): WebhookEndpointWire {
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
  limit: PageLimit,
  cursor: z.optional(text({ max: 40 }).check(z.regex(/^whd_[0-9a-f]{32}$/, "cursor must be a next_cursor of this list"))),
});
export type DeliveryListQuery = z.output<typeof DeliveryListQuery>;

/** The admin API's form of a delivery. */
export const toDeliveryWire = (delivery: Delivery): DeliveryWire => ({ ...delivery });
