// The answers' schemas: only the route table's docs name them, so the Worker's build leaves them
// out (docs/bundle-and-startup.md). The wire mappers use their types only.
import * as z from "../../shared/zod";

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

export type WebhookEndpointWire = z.infer<typeof WebhookEndpointResponse>;
export type DeliveryWire = z.infer<typeof DeliveryResponse>;
