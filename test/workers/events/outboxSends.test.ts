import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import worker from "../../../src/index";
import { createSeatType, insertUsers, seatBody, SEATS } from "../assignments/fixtures";
import { admin, BASE, createTenant, expectJson } from "../helpers";

/**
 * Serves one request on the real delivery queue, counting the messages the
 * request sends it: a queue message is work for the consumer (a D1 read) and
 * a billed queue operation, owed only when the request's writes may have left
 * webhook deliveries in the outbox (src/index.ts).
 */
async function serve(method: string, path: string, headers: Record<string, string>, body?: unknown) {
  let messages = 0;
  const DELIVERIES = Object.create(env.DELIVERIES) as Queue;
  DELIVERIES.send = (message, options) => {
    messages += 1;
    return env.DELIVERIES.send(message, options);
  };
  const request = new Request(`${BASE}${path}`, {
    method,
    headers: body === undefined ? headers : { ...headers, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const ctx = createExecutionContext();
  const response = await worker.fetch(request, { ...env, DELIVERIES }, ctx);
  const text = await response.text();
  await waitOnExecutionContext(ctx);
  return { status: response.status, text, messages };
}

// The outbox starts empty in this file (each test file has its own storage); the endpoint comes last.
describe("the queue message that has webhook deliveries sent", () => {
  it("is sent only by a write whose batch (or seat object's batch) left deliveries waiting", async () => {
    const tenant = await createTenant();
    const seam = tenant.headers.seam;
    await createSeatType(tenant, "apm");
    const [holder, other] = await insertUsers(tenant.workspaceId, 2);
    const user = { user_identity_key: "outbox_user", email_address: "outbox@example.com", full_name: "Out Box" };

    // No endpoint: the writes' events reach no one.
    const created = await serve("POST", "/user_identities/create", seam, user);
    expect(created).toMatchObject({ status: 200, messages: 0 });
    const id = (JSON.parse(created.text) as { user_identity: { user_identity_id: string } }).user_identity.user_identity_id;
    expect(await serve("POST", "/api/v2/seats/users", tenant.headers.datadog, seatBody("apm", [holder]))).toMatchObject({ status: 201, messages: 0 });

    await expectJson(await admin(`/admin/workspaces/${tenant.workspaceId}/webhook-endpoints`, { body: { url: "https://hooks.example.com/in" } }), 201);
    // Seam's reads are POSTs: they write nothing, so they owe nothing, even with deliveries waiting.
    for (const [path, body] of [
      ["/user_identities/get", { user_identity_id: id }],
      ["/user_identities/get", { user_identity_key: user.user_identity_key }],
      ["/user_identities/list", {}],
    ] as const) {
      expect(await serve("POST", path, seam, body), path).toMatchObject({ status: 200, messages: 0 });
    }
    // Heard writes send, through the gate's batch and through the seat object's alike.
    expect(await serve("POST", "/user_identities/update", seam, { user_identity_id: id, full_name: "In Box" })).toMatchObject({ status: 200, messages: 1 });
    expect(await serve("POST", SEATS, tenant.headers.datadog, seatBody("apm", [other]))).toMatchObject({ status: 201, messages: 1 });
    expect(await serve("DELETE", SEATS, tenant.headers.datadog, seatBody("apm", [holder]))).toMatchObject({ status: 204, messages: 1 });
  });
});
