// Idempotency-Key on writes that commit in the request's own D1 batch: Sequence, Seam and the
// admin API (Sendblue's surface has no writes; Datadog's seat changes: seatChanges.test.ts).
import { createScheduledController } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import worker from "../../../src/index";
import { admin, ADMIN_TOKEN, BASE, call, createTenant, expectJson, type Tenant } from "../helpers";
import { customerBody } from "../customers/fixtures";
import { countRecords, countRows, failingBetweenCommitAndAnswer, keyed, later, newKey } from "./fixtures";

const DAY = 24 * 60 * 60 * 1000;

let tenant: Tenant;
beforeAll(async () => {
  tenant = await createTenant();
});

const createCustomer = (key: string, body: object = customerBody("Acme Ltd"), who = tenant) =>
  call("POST", "/api/customers", keyed(who.headers.sequence, key), body);
const createPerson = (key: string, body: object = {}) => call("POST", "/user_identities/create", keyed(tenant.headers.seam, key), body);
const adminCall = (path: string, key: string, body: unknown) =>
  exports.default.fetch(`${BASE}${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json", "idempotency-key": key },
    body: JSON.stringify(body),
  });

describe("a retry with the same Idempotency-Key", () => {
  it("Sequence: gets the first answer again, marked replayed, and creates one customer", async () => {
    const before = await countRows("customers", tenant.workspaceId);
    const key = newKey();
    const first = await createCustomer(key);
    const firstBody = await expectJson(first, 201);
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    const retry = await createCustomer(key);
    expect(await expectJson(retry, 201)).toEqual(firstBody);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(retry.headers.get("sequence-version")).toBe(first.headers.get("sequence-version"));
    // A replay is a request of its own.
    expect(retry.headers.get("x-request-id")).not.toBe(first.headers.get("x-request-id"));
    expect(await countRows("customers", tenant.workspaceId)).toBe(before + 1);
  });

  it("Seam: a person created without key, email or phone is created once", async () => {
    const before = await countRows("users", tenant.workspaceId);
    const key = newKey();
    const first = await expectJson(await createPerson(key), 200);
    const retry = await createPerson(key);
    expect(await expectJson(retry, 200)).toEqual(first);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(retry.headers.get("seam-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(await countRows("users", tenant.workspaceId)).toBe(before + 1);
  });

  it("Seam: a delete replays its answer, even though the person is gone by then", async () => {
    const person = await expectJson(await createPerson(newKey()), 200);
    const key = newKey();
    const del = () =>
      exports.default.fetch(`${BASE}/user_identities/delete?user_identity_id=${person.user_identity.user_identity_id}`, {
        method: "DELETE",
        headers: keyed(tenant.headers.seam, key),
      });
    expect(await expectJson(await del(), 200)).toEqual({ ok: true });
    const retry = await del();
    expect(await expectJson(retry, 200)).toEqual({ ok: true });
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
  });

  it("admin: a workspace is created once, in the operator's scope", async () => {
    const key = newKey();
    const name = `ws-${crypto.randomUUID()}`;
    const first = await expectJson(await adminCall("/admin/workspaces", key, { name }), 201);
    const retry = await adminCall("/admin/workspaces", key, { name });
    expect(await expectJson(retry, 201)).toEqual(first);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(await countRecords("")).toBeGreaterThan(0);
  });

  it("admin: a replayed API key creation shows the same key (its secret is stored sealed, never in the clear)", async () => {
    const key = newKey();
    const path = `/admin/workspaces/${tenant.workspaceId}/api-keys`;
    const first = await expectJson(await adminCall(path, key, { label: "ci" }), 201);
    const retry = await expectJson(await adminCall(path, key, { label: "ci" }), 201);
    expect(retry).toEqual(first);
    const { results } = await env.DB.prepare("SELECT answer FROM idempotency_records WHERE workspace_id = ''").all<{
      answer: string;
    }>();
    expect(results.some((row) => row.answer.includes(first.secret))).toBe(false);
  });
});

describe("scope", () => {
  it("the same key in another workspace is another key", async () => {
    const other = await createTenant();
    const key = newKey();
    const mine = await expectJson(await createCustomer(key), 201);
    const theirs = await createCustomer(key, customerBody("Acme Ltd"), other);
    expect(theirs.headers.get("idempotent-replayed")).toBeNull();
    expect((await expectJson(theirs, 201)).id).not.toBe(mine.id);
  });
});

describe("the same key for a different request", () => {
  it("Sequence: 422 naming the key, and nothing changes", async () => {
    const key = newKey();
    await expectJson(await createCustomer(key, customerBody("First Ltd")), 201);
    const before = await countRows("customers", tenant.workspaceId);
    const body = await expectJson(await createCustomer(key, customerBody("Second Ltd")), 422);
    expect(body.error.message).toContain(key);
    expect(body.error.type).toBe("IdempotencyKeyReused");
    // Another path with the key is another request too.
    const elsewhere = await call("POST", "/api/seat-metrics", keyed(tenant.headers.sequence, key), { seatType: "x_1", label: "x" });
    expect(elsewhere.status).toBe(422);
    expect(await countRows("customers", tenant.workspaceId)).toBe(before);
    expect(await countRows("seat_metrics", tenant.workspaceId)).toBe(0);
  });

  it("Seam: 422 in Seam's shape", async () => {
    const key = newKey();
    await expectJson(await createPerson(key, { full_name: "A" }), 200);
    const body = await expectJson(await createPerson(key, { full_name: "B" }), 422);
    expect(body).toEqual({ ok: false, error: { type: "idempotency_key_reused", message: expect.stringContaining(key) } });
  });
});

describe("racing duplicates", () => {
  it("run exactly once: the others are refused with 409 or get the first answer", async () => {
    const before = await countRows("customers", tenant.workspaceId);
    const key = newKey();
    const answers = await Promise.all(Array.from({ length: 6 }, () => createCustomer(key, customerBody("Racing Ltd"))));
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.every((status) => status === 201 || status === 409)).toBe(true);
    const fresh = answers.filter((answer) => answer.status === 201 && answer.headers.get("idempotent-replayed") === null);
    expect(fresh).toHaveLength(1);
    for (const refused of answers.filter((answer) => answer.status === 409)) {
      expect(refused.headers.get("retry-after")).toBe("1");
      expect((await expectJson(refused, 409)).error.type).toBe("IdempotencyKeyInProgress");
    }
    expect(await countRows("customers", tenant.workspaceId)).toBe(before + 1);
  });
});

describe("a failure between commit and answer", () => {
  it("never applies the operation twice: retries are refused, then told the first was applied", async () => {
    const before = await countRows("customers", tenant.workspaceId);
    const key = newKey();
    const lost = await failingBetweenCommitAndAnswer(() => createCustomer(key));
    expect(lost.status).toBe(500);
    expect(await countRows("customers", tenant.workspaceId)).toBe(before + 1);
    const soon = await createCustomer(key);
    expect(soon.status).toBe(409);
    const afterwards = await later(2 * 60_000, () => createCustomer(key));
    const body = await expectJson(afterwards, 409);
    expect(body.error.type).toBe("IdempotencyKeyAnswerLost");
    expect(body.error.message).toContain(lost.headers.get("x-request-id"));
    expect(await countRows("customers", tenant.workspaceId)).toBe(before + 1);
  });
});

describe("expiry", () => {
  it("after 24 hours the key is new again, and the cron deletes expired records", async () => {
    const own = await createTenant();
    const key = newKey();
    const first = await expectJson(await createCustomer(key, customerBody("Daily Ltd"), own), 201);
    const dayLater = await later(DAY + 60_000, () => createCustomer(key, customerBody("Daily Ltd"), own));
    expect(dayLater.headers.get("idempotent-replayed")).toBeNull();
    expect((await expectJson(dayLater, 201)).id).not.toBe(first.id);
    expect(await countRecords(own.workspaceId)).toBe(1);
    const controller = createScheduledController({ scheduledTime: new Date(Date.now() + 3 * DAY), cron: "*/30 * * * *" });
    await worker.scheduled(controller, env);
    expect(await countRecords(own.workspaceId)).toBe(0);
  });
});

describe("refusals before anything is written are not stored", () => {
  it("a validation error, then the corrected request with the same key runs", async () => {
    const key = newKey();
    const refused = await createCustomer(key, { legalName: "" });
    expect(refused.status).toBe(400);
    const corrected = await createCustomer(key, customerBody("Corrected Ltd"));
    expect(corrected.headers.get("idempotent-replayed")).toBeNull();
    expect((await expectJson(corrected, 201)).legalName).toBe("Corrected Ltd");
  });

  it("bad credentials, then the same request with good ones runs", async () => {
    const key = newKey();
    const wrong = { authorization: `Basic ${btoa(`${tenant.keyId}:wrong`)}` };
    expect((await call("POST", "/api/customers", keyed(wrong, key), customerBody("Creds Ltd"))).status).toBe(401);
    expect((await createCustomer(key, customerBody("Creds Ltd"))).status).toBe(201);
  });

  it("a constraint refusal rolls the claim back with the write", async () => {
    const seatType = `dup_${crypto.randomUUID().slice(0, 8)}`;
    await expectJson(await call("POST", "/api/seat-metrics", tenant.headers.sequence, { seatType, label: "a" }), 201);
    const key = newKey();
    const metric = () => call("POST", "/api/seat-metrics", keyed(tenant.headers.sequence, key), { seatType, label: "a" });
    expect((await metric()).status).toBe(409);
    expect((await metric()).headers.get("idempotent-replayed")).toBeNull();
  });
});

describe("a write that ran and found no record", () => {
  it("stores its 404, as Stripe does once an endpoint runs: the retry replays it, another id needs a new key", async () => {
    const person = await expectJson(await createPerson(newKey()), 200);
    const key = newKey();
    const update = (id: string) =>
      call("POST", "/user_identities/update", keyed(tenant.headers.seam, key), { user_identity_id: id, full_name: "Fixed" });
    const unknown = crypto.randomUUID();
    expect((await expectJson(await update(unknown), 404)).error.type).toBe("user_identity_not_found");
    const retry = await update(unknown);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect((await expectJson(retry, 404)).error.type).toBe("user_identity_not_found");
    const otherId = await update(person.user_identity.user_identity_id);
    expect((await expectJson(otherId, 422)).error.type).toBe("idempotency_key_reused");
  });
});

describe("malformed keys", () => {
  it.each([
    ["empty", ""],
    ["256 characters", "k".repeat(256)],
    ["a control character", "a\tb"],
    ["non-ASCII", "clé"],
  ])("%s: 400 in the surface's shape, nothing written", async (_what, key) => {
    const before = await countRows("customers", tenant.workspaceId);
    const headers = new Headers(tenant.headers.sequence);
    headers.set("content-type", "application/json");
    // Headers carry bytes: a non-ASCII value goes as its UTF-8 bytes read as Latin-1.
    headers.set("idempotency-key", /[^\x00-\x7f]/.test(key) ? String.fromCharCode(...new TextEncoder().encode(key)) : key);
    const response = await exports.default.fetch(`${BASE}/api/customers`, { method: "POST", headers, body: JSON.stringify(customerBody()) });
    const body = await expectJson(response, 400);
    expect(body.error.message).toContain("Idempotency-Key");
    expect(await countRows("customers", tenant.workspaceId)).toBe(before);
  });

  it("255 printable characters are a key", async () => {
    expect((await createCustomer("~".repeat(255))).status).toBe(201);
  });

  it("reads ignore the header (Sendblue: only reads)", async () => {
    const response = await call("GET", "/api/v2/seats/count", keyed(tenant.headers.sendblue, ""));
    expect(response.status).toBe(200);
  });

  it("Seam's reads, which are POSTs, ignore it too: a malformed key, and one key with two bodies", async () => {
    const list = (key: string, limit: number) => call("POST", "/user_identities/list", keyed(tenant.headers.seam, key), { limit });
    expect((await list("", 1)).status).toBe(200);
    const key = newKey();
    for (const limit of [1, 2]) {
      const response = await list(key, limit);
      expect(response.status).toBe(200);
      expect(response.headers.get("idempotent-replayed")).toBeNull();
    }
    expect((await call("POST", "/user_identities/get", keyed(tenant.headers.seam, ""), { user_identity_id: crypto.randomUUID() })).status).toBe(404);
  });
});

it("admin and tenant keys of the same value never meet", async () => {
  const key = newKey();
  await expectJson(await admin("/admin/workspaces", { body: { name: `ws-${crypto.randomUUID()}` } }), 201);
  await expectJson(await adminCall("/admin/workspaces", key, { name: `ws-${crypto.randomUUID()}` }), 201);
  expect((await createCustomer(key)).headers.get("idempotent-replayed")).toBeNull();
});
