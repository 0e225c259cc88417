import { expect, vi } from "vitest";
import { createWorkspaceWithKey, type TestKey } from "../../sdk/workspace";
import { credentials, describeContract, send } from "../suite";

const admin = credentials.admin;
const unknownId = "0193a0d0-0000-7000-8000-000000000000";

/** An endpoint of the key's workspace (no receiver behind it: contract cases only read what the admin API answers). */
async function webhookEndpoint(key: TestKey, url = "https://hooks.example.com/seatkeeper"): Promise<string> {
  const { response } = await send("POST", `/admin/workspaces/${key.workspaceId}/webhook-endpoints`, admin(), { url });
  return ((await response.json()) as { id: string }).id;
}

/** The delivery of a new user's event to the endpoint (made on the first call). */
async function firstDelivery(key: TestKey, endpointId: string): Promise<{ id: string; status: string }> {
  const list = async () => ((await (await send("GET", `/admin/webhook-endpoints/${endpointId}/deliveries`, admin())).response.json()) as { items: { id: string; status: string }[] }).items;
  const [existing] = await list();
  if (existing) return existing;
  await send("POST", "/user_identities/create", credentials.seam(key), { full_name: "Contract" });
  return (await list())[0]!;
}

describeContract("Seatkeeper", [
  { status: 200, name: "GET /health", send: () => send("GET", "/health") },
  { status: 200, name: "GET /openapi.json", send: () => send("GET", "/openapi.json") },
  { status: 200, name: "GET /docs", send: () => send("GET", "/docs") },

  { status: 201, name: "POST /admin/workspaces", send: () => send("POST", "/admin/workspaces", admin(), { name: `ws-${crypto.randomUUID()}` }) },
  { status: 400, name: "POST /admin/workspaces with an empty name", send: () => send("POST", "/admin/workspaces", admin(), { name: "" }) },
  { status: 401, name: "POST /admin/workspaces without the admin token", send: () => send("POST", "/admin/workspaces", {}, { name: "x" }) },
  {
    status: 409,
    name: "POST /admin/workspaces with a taken name",
    send: (key) => send("POST", "/admin/workspaces", admin(), { name: key.workspaceName }),
  },
  {
    status: 413,
    name: "POST /admin/workspaces with a body over 1 MiB",
    send: () => send("POST", "/admin/workspaces", admin(), { name: "x".repeat(1024 * 1024) }),
  },
  {
    status: 415,
    name: "POST /admin/workspaces with a form body",
    send: () => send("POST", "/admin/workspaces", { ...admin(), "content-type": "application/x-www-form-urlencoded" }, "name=x"),
  },

  { status: 200, name: "GET /admin/workspaces", send: () => send("GET", "/admin/workspaces?limit=2", admin()) },
  { status: 200, name: "GET /admin/workspaces/{id}", send: (key) => send("GET", `/admin/workspaces/${key.workspaceId}`, admin()) },
  { status: 404, name: "GET /admin/workspaces/{id} of an unknown workspace", send: () => send("GET", `/admin/workspaces/${unknownId}`, admin()) },

  {
    status: 201,
    name: "POST /admin/workspaces/{id}/api-keys",
    send: (key) => send("POST", `/admin/workspaces/${key.workspaceId}/api-keys`, admin(), { label: "contract", permissions: ["users_read"] }),
  },
  {
    status: 404,
    name: "POST /admin/workspaces/{id}/api-keys of an unknown workspace",
    send: () => send("POST", `/admin/workspaces/${unknownId}/api-keys`, admin(), { label: "contract" }),
  },

  {
    status: 200,
    name: "GET /admin/workspaces/{id}/api-keys",
    send: (key) => send("GET", `/admin/workspaces/${key.workspaceId}/api-keys`, admin()),
  },
  {
    status: 400,
    name: "GET /admin/workspaces/{id}/api-keys with another workspace's key as cursor",
    send: async (key) => {
      const other = await createWorkspaceWithKey();
      return send("GET", `/admin/workspaces/${key.workspaceId}/api-keys?cursor=${other.keyId}`, admin());
    },
  },
  {
    status: 404,
    name: "GET /admin/workspaces/{id}/api-keys of an unknown workspace",
    send: () => send("GET", `/admin/workspaces/${unknownId}/api-keys`, admin()),
  },

  { status: 204, name: "DELETE /admin/api-keys/{id}", send: (key) => send("DELETE", `/admin/api-keys/${key.keyId}`, admin()) },
  { status: 404, name: "DELETE /admin/api-keys/{id} of an unknown key", send: () => send("DELETE", "/admin/api-keys/nope", admin()) },
  {
    status: 201,
    name: "POST /admin/workspaces/{id}/webhook-endpoints",
    send: (key) => send("POST", `/admin/workspaces/${key.workspaceId}/webhook-endpoints`, admin(), { url: "https://hooks.example.com/x", eventTypes: ["seat.assigned"] }),
  },
  {
    status: 404,
    name: "POST /admin/workspaces/{id}/webhook-endpoints of an unknown workspace",
    send: () => send("POST", `/admin/workspaces/${unknownId}/webhook-endpoints`, admin(), { url: "https://hooks.example.com/x" }),
  },
  {
    status: 200,
    name: "GET /admin/workspaces/{id}/webhook-endpoints",
    send: async (key) => {
      await webhookEndpoint(key);
      return send("GET", `/admin/workspaces/${key.workspaceId}/webhook-endpoints`, admin());
    },
  },
  {
    status: 404,
    name: "GET /admin/workspaces/{id}/webhook-endpoints of an unknown workspace",
    send: () => send("GET", `/admin/workspaces/${unknownId}/webhook-endpoints`, admin()),
  },
  { status: 200, name: "GET /admin/webhook-endpoints/{id}", send: async (key) => send("GET", `/admin/webhook-endpoints/${await webhookEndpoint(key)}`, admin()) },
  { status: 404, name: "GET /admin/webhook-endpoints/{id} of an unknown endpoint", send: () => send("GET", `/admin/webhook-endpoints/${unknownId}`, admin()) },
  {
    status: 200,
    name: "PATCH /admin/webhook-endpoints/{id}",
    send: async (key) => send("PATCH", `/admin/webhook-endpoints/${await webhookEndpoint(key)}`, admin(), { description: "billing sync", eventTypes: null }),
  },
  { status: 404, name: "PATCH /admin/webhook-endpoints/{id} of an unknown endpoint", send: () => send("PATCH", `/admin/webhook-endpoints/${unknownId}`, admin(), {}) },
  { status: 204, name: "DELETE /admin/webhook-endpoints/{id}", send: async (key) => send("DELETE", `/admin/webhook-endpoints/${await webhookEndpoint(key)}`, admin()) },
  { status: 404, name: "DELETE /admin/webhook-endpoints/{id} of an unknown endpoint", send: () => send("DELETE", `/admin/webhook-endpoints/${unknownId}`, admin()) },
  {
    status: 200,
    name: "POST /admin/webhook-endpoints/{id}/rotate-secret",
    send: async (key) => send("POST", `/admin/webhook-endpoints/${await webhookEndpoint(key)}/rotate-secret`, admin()),
  },
  {
    status: 404,
    name: "POST /admin/webhook-endpoints/{id}/rotate-secret of an unknown endpoint",
    send: () => send("POST", `/admin/webhook-endpoints/${unknownId}/rotate-secret`, admin()),
  },
  {
    status: 200,
    name: "GET /admin/webhook-endpoints/{id}/deliveries",
    send: async (key) => {
      const id = await webhookEndpoint(key);
      await send("POST", "/user_identities/create", credentials.seam(key), { full_name: "Contract" });
      return send("GET", `/admin/webhook-endpoints/${id}/deliveries`, admin());
    },
  },
  {
    status: 404,
    name: "GET /admin/webhook-endpoints/{id}/deliveries of an unknown endpoint",
    send: () => send("GET", `/admin/webhook-endpoints/${unknownId}/deliveries`, admin()),
  },
  {
    status: 202,
    name: "POST /admin/webhook-deliveries/{id}/retry of a failed delivery",
    send: async (key) => {
      // Refused at once, every attempt (the harness retries without delay): the delivery fails within seconds.
      const id = await webhookEndpoint(key, "http://127.0.0.1:9/refused");
      const delivery = await firstDelivery(key, id);
      await vi.waitFor(async () => expect((await firstDelivery(key, id)).status).toBe("failed"), { timeout: 25_000, interval: 250 });
      return send("POST", `/admin/webhook-deliveries/${delivery.id}/retry`, admin());
    },
  },
  {
    status: 409,
    name: "POST /admin/webhook-deliveries/{id}/retry of a delivery still on its schedule",
    send: async (key) => send("POST", `/admin/webhook-deliveries/${(await firstDelivery(key, await webhookEndpoint(key))).id}/retry`, admin()),
  },
  { status: 404, name: "POST /admin/webhook-deliveries/{id}/retry of an unknown delivery", send: () => send("POST", `/admin/webhook-deliveries/${unknownId}/retry`, admin()) },
]);
