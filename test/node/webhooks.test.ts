// Webhooks end to end on the served Worker (wrangler's test harness: real
// Queues, D1 and the seat object): a receiver on 127.0.0.1 verifies every
// delivery with standardwebhooks, as a customer's would.
import { createServer, type Server } from "node:http";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { createWorkspaceWithKey, type TestKey } from "../sdk/workspace";

interface Received {
  path: string;
  headers: Record<string, string>;
  body: string;
  answered: number;
}

const received: Received[] = [];
const attemptsById = new Map<string, number>();
const SLOW_MS = 3_000;
const slowArrivals: { path: string; at: number }[] = [];
let server: Server;
let origin: string;

beforeAll(async () => {
  // Answers 500 to each event's first attempt and 200 after: every event is retried once.
  server = createServer((request, response) => {
    // /slow/...: answered 200 only after SLOW_MS, as a receiver that takes its time.
    if (request.url?.startsWith("/slow/")) {
      slowArrivals.push({ path: request.url, at: Date.now() });
      setTimeout(() => response.writeHead(200).end(), SLOW_MS);
      return request.resume();
    }
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const id = String(request.headers["webhook-id"]);
      const attempt = (attemptsById.get(`${request.url} ${id}`) ?? 0) + 1;
      attemptsById.set(`${request.url} ${id}`, attempt);
      const answered = attempt === 1 ? 500 : 200;
      received.push({ path: request.url ?? "", headers: request.headers as Record<string, string>, body: Buffer.concat(chunks).toString(), answered });
      response.writeHead(answered).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  origin = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const admin = () => ({ authorization: `Bearer ${inject("adminToken")}`, "content-type": "application/json" });

async function send(method: string, path: string, headers: Record<string, string>, body?: unknown): Promise<Response> {
  return fetch(`${inject("baseUrl")}${path}`, { method, headers: { ...headers, "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
}

async function json<T = any>(response: Response, status: number): Promise<T> {
  const text = await response.text();
  expect(response.status, text).toBe(status);
  return JSON.parse(text) as T;
}

const seamAuth = (key: TestKey) => ({ authorization: `Bearer ${key.token}` });
const sequenceAuth = (key: TestKey) => ({ authorization: `Basic ${btoa(`${key.keyId}:${key.secret}`)}` });
const datadogAuth = (key: TestKey) => ({ "dd-api-key": key.keyId, "dd-application-key": key.secret });

async function endpoint(key: TestKey, path: string, eventTypes?: string[]): Promise<{ id: string; secret: string }> {
  return json(await send("POST", `/admin/workspaces/${key.workspaceId}/webhook-endpoints`, admin(), { url: `${origin}${path}`, eventTypes }), 201);
}

async function feed(key: TestKey): Promise<any[]> {
  return (await json<{ items: any[] }>(await send("GET", "/api/events?limit=100", sequenceAuth(key)), 200)).items;
}

/** The deliveries that reached `path` and were answered 200, de-duplicated by webhook-id, in arrival order. */
function delivered(path: string): Received[] {
  const seen = new Map<string, Received>();
  for (const request of received) if (request.path === path && request.answered === 200 && !seen.has(request.headers["webhook-id"]!)) seen.set(request.headers["webhook-id"]!, request);
  return [...seen.values()];
}

const eventually = (check: () => void | Promise<void>) => vi.waitFor(check, { timeout: 25_000, interval: 200 });

describe("webhooks", () => {
  it("delivers every event, signed, at least once and retried after a 500; after de-duplication each exactly once, equal to the feed", async () => {
    const [key, other] = [await createWorkspaceWithKey(), await createWorkspaceWithKey()];
    const mine = await endpoint(key, "/mine");
    await endpoint(other, "/theirs");

    const user = await json(await send("POST", "/user_identities/create", seamAuth(key), { full_name: "Ada" }), 200);
    await json(await send("POST", "/api/seat-metrics", sequenceAuth(key), { seatType: "apm", label: "APM" }), 201);
    const userId = user.user_identity.user_identity_id;
    await json(await send("POST", "/api/v2/seats/users", datadogAuth(key), { data: { type: "seat-assignments", attributes: { product_code: "apm", user_uuids: [userId] } } }), 201);
    await json(await send("POST", "/user_identities/delete", seamAuth(key), { user_identity_id: userId }), 200);
    const events = await feed(key);
    expect(events.map((event) => event.type)).toEqual(["user_identity.created", "seat_metric.created", "seat.assigned", "user_identity.deleted", "seat.unassigned"]);

    await eventually(() => expect(delivered("/mine").map((request) => request.headers["webhook-id"])).toEqual(expect.arrayContaining(events.map((event) => event.id))));
    const verifier = new Webhook(mine.secret);
    const bodies = delivered("/mine").map((request) => verifier.verify(request.body, request.headers));
    expect(bodies.sort((a: any, b: any) => a.id.localeCompare(b.id))).toEqual([...events].sort((a, b) => a.id.localeCompare(b.id)));
    for (const request of received.filter((request) => request.path === "/mine")) {
      expect(() => verifier.verify(request.body, request.headers)).not.toThrow();
      expect(() => new Webhook(`whsec_${btoa("not the secret, 32 bytes long....")}`).verify(request.body, request.headers)).toThrow();
    }
    // Each event was attempted twice there: the 500, then the 200.
    expect(received.filter((request) => request.path === "/mine" && request.answered === 500)).toHaveLength(events.length);

    const deliveries = await json<{ items: any[] }>(await send("GET", `/admin/webhook-endpoints/${mine.id}/deliveries`, admin()), 200);
    expect(deliveries.items).toHaveLength(events.length);
    for (const delivery of deliveries.items) expect(delivery).toMatchObject({ status: "succeeded", attempts: 2, lastStatus: 200 });

    // The other workspace's endpoint heard none of it.
    expect(received.filter((request) => request.path === "/theirs")).toEqual([]);

    // A retry by hand sends it again; de-duplication keeps it once.
    const [first] = deliveries.items;
    await json(await send("POST", `/admin/webhook-deliveries/${first.id}/retry`, admin()), 202);
    await eventually(async () => {
      const [again] = (await json<{ items: any[] }>(await send("GET", `/admin/webhook-endpoints/${mine.id}/deliveries?limit=1`, admin()), 200)).items;
      expect(again).toMatchObject({ id: first.id, status: "succeeded", attempts: 1 });
    });
    expect(delivered("/mine")).toHaveLength(events.length);
  });

  it("attempts a batch's deliveries side by side: a slow receiver holds back no other", async () => {
    const key = await createWorkspaceWithKey();
    // One change, two endpoints: two deliveries sent in one batch.
    await endpoint(key, "/slow/a", ["seat_metric.created"]);
    await endpoint(key, "/slow/b", ["seat_metric.created"]);
    await json(await send("POST", "/api/seat-metrics", sequenceAuth(key), { seatType: "slow", label: "Slow" }), 201);
    await eventually(() => expect(slowArrivals.map((arrival) => arrival.path).sort()).toEqual(["/slow/a", "/slow/b"]));
    const [first, second] = slowArrivals.map((arrival) => arrival.at).sort((a, b) => a - b);
    // One after the other, the second would have come only once the first was answered.
    expect(second! - first!).toBeLessThan(SLOW_MS / 2);
  });

  it("signs with the previous secret beside the new one after a rotation; a deleted endpoint gets nothing more", async () => {
    const key = await createWorkspaceWithKey();
    const old = await endpoint(key, "/rotated", ["user_identity.created"]);
    const rotated = await json<{ secret: string }>(await send("POST", `/admin/webhook-endpoints/${old.id}/rotate-secret`, admin()), 200);
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(old.secret);

    await json(await send("POST", "/user_identities/create", seamAuth(key), { full_name: "Rotated" }), 200);
    await eventually(() => expect(delivered("/rotated")).toHaveLength(1));
    const [request] = delivered("/rotated");
    expect(new Webhook(rotated.secret).verify(request!.body, request!.headers)).toMatchObject({ type: "user_identity.created" });
    expect(new Webhook(old.secret).verify(request!.body, request!.headers)).toMatchObject({ type: "user_identity.created" });

    expect((await send("DELETE", `/admin/webhook-endpoints/${old.id}`, admin())).status).toBe(204);
    const witness = await endpoint(key, "/witness", ["user_identity.created"]);
    await json(await send("POST", "/user_identities/create", seamAuth(key), { full_name: "After" }), 200);
    await eventually(() => expect(delivered("/witness")).toHaveLength(1));
    expect(new Webhook(witness.secret).verify(delivered("/witness")[0]!.body, delivered("/witness")[0]!.headers)).toMatchObject({ data: { full_name: "After" } });
    expect(received.filter((request) => request.path === "/rotated").map((request) => JSON.parse(request.body).data.full_name)).not.toContain("After");
  });

  it("refuses endpoints that are not https, but for 127.0.0.1 and localhost", async () => {
    const key = await createWorkspaceWithKey();
    for (const url of ["http://example.com/hook", "ftp://example.com/", "not a url"]) {
      expect((await send("POST", `/admin/workspaces/${key.workspaceId}/webhook-endpoints`, admin(), { url })).status, url).toBe(400);
    }
    for (const url of ["https://example.com/hook", "http://localhost:8080/hook", "http://127.0.0.1/hook"]) {
      const created = await json(await send("POST", `/admin/workspaces/${key.workspaceId}/webhook-endpoints`, admin(), { url }), 201);
      expect(created).toMatchObject({ url, eventTypes: null, secret: expect.stringMatching(/^whsec_/) });
    }
    const listed = await json<{ items: any[] }>(await send("GET", `/admin/workspaces/${key.workspaceId}/webhook-endpoints`, admin()), 200);
    expect(listed.items).toHaveLength(3);
    for (const item of listed.items) expect(item).not.toHaveProperty("secret");
  });
});
