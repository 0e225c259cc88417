import {
  deleteEndpoint,
  findEndpoint,
  insertEndpoint,
  listDeliveries,
  listEndpoints,
  requeueDelivery,
  rotateEndpointSecret,
  updateEndpoint,
} from "../../db/webhooks";
import { conflict, notFound } from "../../shared/errors";
import { mintId } from "../../shared/ids";
import type { Handler } from "../../shared/route";
import {
  toDeliveryWire,
  toWebhookEndpointWire,
  type CreateWebhookEndpointBody,
  type DeliveryListQuery,
  type UpdateWebhookEndpointBody,
} from "./schemas";

type ById = { params: { id: string } };

/** For 24 hours after a rotation the previous secret signs too, so receivers switch without losing events. */
const PREVIOUS_SECRET_HOURS = 24;

/** A new Standard Webhooks secret: `whsec_` and 32 random bytes in base64. */
function newWebhookSecret(): string {
  return "whsec_" + btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))));
}

/** POST /admin/workspaces/{id}/webhook-endpoints: the secret appears in this answer (and a rotation's) only. */
export const createWebhookEndpoint: Handler<ById & { body: CreateWebhookEndpointBody }> = async ({ body, params }, request) => {
  const { id, now } = mintId();
  const secret = newWebhookSecret();
  const endpoint = await insertEndpoint(request.db, params.id, {
    id,
    now,
    secret,
    url: body.url,
    description: body.description ?? null,
    eventTypes: body.eventTypes ?? null,
  });
  if (!endpoint) throw notFound("workspace");
  return Response.json({ ...toWebhookEndpointWire(endpoint), secret }, { status: 201 });
};

/** GET /admin/workspaces/{id}/webhook-endpoints: never a secret. */
export const listWebhookEndpoints: Handler<ById> = async ({ params }, request) => {
  const endpoints = await listEndpoints(request.db, params.id);
  if (!endpoints) throw notFound("workspace");
  return Response.json({ items: endpoints.map(toWebhookEndpointWire) });
};

export const getWebhookEndpoint: Handler<ById> = async ({ params }, request) => {
  const endpoint = await findEndpoint(request.db, params.id);
  if (!endpoint) throw notFound("webhook_endpoint");
  return Response.json(toWebhookEndpointWire(endpoint));
};

export const updateWebhookEndpoint: Handler<ById & { body: UpdateWebhookEndpointBody }> = async ({ body, params }, request) => {
  const endpoint = await updateEndpoint(request.db, params.id, body);
  if (!endpoint) throw notFound("webhook_endpoint");
  return Response.json(toWebhookEndpointWire(endpoint));
};

/** DELETE /admin/webhook-endpoints/{id}: its pending deliveries go with it; nothing more is sent. */
export const deleteWebhookEndpoint: Handler<ById> = async ({ params }, request) => {
  if (!(await deleteEndpoint(request.db, params.id))) throw notFound("webhook_endpoint");
  return new Response(null, { status: 204 });
};

/** POST /admin/webhook-endpoints/{id}/rotate-secret: a new secret; the old one signs beside it for 24 hours. */
export const rotateWebhookSecret: Handler<ById> = async ({ params }, request) => {
  const secret = newWebhookSecret();
  const expires = new Date(Date.now() + PREVIOUS_SECRET_HOURS * 3_600_000).toISOString();
  const endpoint = await rotateEndpointSecret(request.db, params.id, secret, expires);
  if (!endpoint) throw notFound("webhook_endpoint");
  return Response.json({ ...toWebhookEndpointWire(endpoint), secret });
};

/** GET /admin/webhook-endpoints/{id}/deliveries: newest event first, with attempts and the last status. */
export const listWebhookDeliveries: Handler<ById & { query: DeliveryListQuery }> = async ({ params, query }, request) => {
  const page = await listDeliveries(request.db, params.id, { limit: query.limit, before: query.cursor });
  if (!page) throw notFound("webhook_endpoint");
  const last = page.items.at(-1);
  return Response.json({ items: page.items.map(toDeliveryWire), next_cursor: page.hasMore && last ? last.id : null });
};

/** POST /admin/webhook-deliveries/{id}/retry: sends a succeeded or failed one again now, its attempts counted afresh. */
export const retryWebhookDelivery: Handler<ById> = async ({ params }, request) => {
  const found = await requeueDelivery(request.db, params.id);
  if (!found) throw notFound("webhook_delivery");
  if (!found.requeued) throw conflict("webhook_delivery_pending", "The delivery is still on its retry schedule");
  return Response.json(toDeliveryWire(found.delivery), { status: 202 });
};
