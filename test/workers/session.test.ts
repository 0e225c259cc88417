import { createExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { recallKey } from "../../src/auth/keyCache";
import { KEY_STATE_MAX_AGE_MS } from "../../src/auth/session";
import worker from "../../src/index";
import { assign, createSeatType, insertUsers, REACHED } from "./assignments/fixtures";
import { admin, BASE, call, createTenant, expectJson, withKey, type Tenant } from "./helpers";

// D1's Sessions API: each request runs in a session; the answer carries the
// bookmark it reached in x-d1-bookmark, and a client that sends it back
// reads at least what it wrote (docs/key-check.md).

const BOOKMARK = "x-d1-bookmark";
const bookmarkOf = (response: Response) => response.headers.get(BOOKMARK);
const withBookmark = (headers: Record<string, string>, bookmark: string) => ({ ...headers, [BOOKMARK]: bookmark });

/** Serves a request on a D1 binding that records the constraint of every session the Worker opens. */
async function sessionsOpened(path: string, headers: Record<string, string>, init: { method?: string; body?: unknown } = {}) {
  const opened: (string | undefined)[] = [];
  const DB = Object.create(env.DB) as D1Database;
  DB.withSession = (constraint) => {
    opened.push(constraint);
    return env.DB.withSession(constraint);
  };
  const request = new Request(`${BASE}${path}`, {
    method: init.method ?? "GET",
    headers: init.body === undefined ? headers : { ...headers, "content-type": "application/json" },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const response = await worker.fetch(request, { ...env, DB }, createExecutionContext());
  await response.arrayBuffer();
  return { status: response.status, opened, bookmark: bookmarkOf(response) };
}

describe("x-d1-bookmark", () => {
  it("comes back on signed-in answers of every surface, and on the admin API's", async () => {
    const tenant = await createTenant();
    const answers = [
      await call("GET", "/api/seat-metrics", tenant.headers.sequence),
      await call("GET", "/api/v2/seats", tenant.headers.sendblue),
      await call("GET", "/api/v2/seats/users?product_code=none", tenant.headers.datadog),
      await call("GET", "/user_identities/list", tenant.headers.seam),
      await admin("/admin/workspaces", { body: { name: `ws-${crypto.randomUUID()}` } }),
    ];
    for (const answer of answers) expect(bookmarkOf(answer), answer.url).toEqual(REACHED);
    // Datadog's 422 (an unknown product code) carries one too: the key was fine.
    expect(answers[2]!.status).toBe(422);
  });

  it("round-trips: sent back, it is accepted, and the next answer's is no older", async () => {
    const tenant = await createTenant();
    const created = await call("POST", "/api/seat-metrics", tenant.headers.sequence, { seatType: "editor", label: "Editor" });
    await expectJson(created, 201);
    const written = bookmarkOf(created)!;
    const read = await call("GET", "/api/seat-metrics", withBookmark(tenant.headers.sequence, written));
    expect((await expectJson(read, 200)).items).toHaveLength(1);
    expect(bookmarkOf(read)! >= written).toBe(true);
  });

  it("after a seat change is the seat object's, which reached the write", async () => {
    const tenant = await createTenant();
    await createSeatType(tenant, "apm");
    const [user] = await insertUsers(tenant.workspaceId, 1);
    const before = bookmarkOf(await call("GET", "/api/seat-metrics", tenant.headers.sequence))!;
    const assigned = await assign(tenant, "apm", [user!]);
    expect(assigned.status).toBe(201);
    expect(bookmarkOf(assigned)! > before).toBe(true);
    const holders = await call("GET", "/api/v2/seats/users?product_code=apm", withBookmark(tenant.headers.datadog, bookmarkOf(assigned)!));
    expect((await expectJson(holders, 200)).data.map((holder: { id: string }) => holder.id)).toEqual([user]);
  });

  // Such a request starts at the primary (a key the Worker has not seen, or not lately) and its only
  // batch fails, so D1 gives it no bookmark of its own.
  it("after a write refused whole by a conflict (409), is the one the client sent: nothing was written", async () => {
    const tenant = await createTenant();
    const created = await call("POST", "/api/seat-metrics", tenant.headers.sequence, { seatType: "editor", label: "Editor" });
    await expectJson(created, 201);
    const unseen = await withKey(tenant);
    const again = await call("POST", "/api/seat-metrics", withBookmark(unseen.headers.sequence, bookmarkOf(created)!), { seatType: "editor", label: "Again" });
    expect(again.status).toBe(409);
    expect(bookmarkOf(again)).toBe(bookmarkOf(created));

    const user = await call("POST", "/user_identities/create", tenant.headers.seam, { email_address: "jean@example.com" });
    await expectJson(user, 200);
    recallKey(tenant.keyId)!.confirmedOnPrimaryAt -= KEY_STATE_MAX_AGE_MS;
    const taken = await call("POST", "/user_identities/create", withBookmark(tenant.headers.seam, bookmarkOf(user)!), { email_address: "jean@example.com" });
    expect(taken.status).toBe(409);
    expect(bookmarkOf(taken)).toBe(bookmarkOf(user));
  });

  it("is never given to a caller the key check refused", async () => {
    const tenant = await createTenant();
    expect((await admin(`/admin/api-keys/${tenant.keyId}`, { method: "DELETE" })).status).toBe(204);
    const refused = await call("GET", "/api/seat-metrics", tenant.headers.sequence);
    expect(refused.status).toBe(401);
    expect(bookmarkOf(refused)).toBeNull();
  });

  it.each([
    ["sequence", "GET", "/api/seat-metrics", (e: any) => e.error.type === "InvalidBookmark"],
    ["sendblue", "GET", "/api/v2/seats", (e: any) => e.status === "ERROR" && /x-d1-bookmark/.test(e.message)],
    ["datadog", "POST", "/api/v2/seats/users", (e: any) => /x-d1-bookmark/.test(e.errors[0])],
    ["seam", "POST", "/user_identities/create", (e: any) => e.error.type === "invalid_bookmark" && e.ok === false],
  ] as const)("malformed, is a 400 in %s's shape that writes nothing", async (surface, method, path, shaped) => {
    const tenant = await createTenant();
    const body = method === "POST" ? (surface === "seam" ? { user_identity_key: "never" } : {}) : undefined;
    for (const malformed of ["garbage", "00000000-00000005-00000000", `${"0".repeat(8)}-${"0".repeat(8)}-${"0".repeat(8)}-${"g".repeat(32)}`]) {
      const response = await call(method, path, withBookmark(tenant.headers[surface as keyof Tenant["headers"]], malformed), body);
      expect(response.status, malformed).toBe(400);
      expect(shaped(await response.json()), malformed).toBe(true);
    }
    const users = await env.DB.prepare("SELECT count(*) AS n FROM users WHERE workspace_id = ?1").bind(tenant.workspaceId).first("n");
    expect(users).toBe(0);
  });

  it("malformed, still loses to a revoked key: 401 first", async () => {
    const tenant = await createTenant();
    expect((await admin(`/admin/api-keys/${tenant.keyId}`, { method: "DELETE" })).status).toBe(204);
    expect((await call("GET", "/api/seat-metrics", withBookmark(tenant.headers.sequence, "garbage"))).status).toBe(401);
  });
});

describe("where a request's session starts", () => {
  it("at the primary for a key the Worker has not seen, then at the client's bookmark or any replica", async () => {
    const tenant = await createTenant();
    const first = await sessionsOpened("/api/seat-metrics", tenant.headers.sequence);
    expect(first).toMatchObject({ status: 200, opened: ["first-primary"] });
    const again = await sessionsOpened("/api/seat-metrics", tenant.headers.sequence);
    expect(again.opened).toEqual(["first-unconstrained"]);
    const sent = first.bookmark!;
    expect((await sessionsOpened("/api/seat-metrics", withBookmark(tenant.headers.sequence, sent))).opened).toEqual([sent]);
  });

  it(`at the primary once the primary has not confirmed the key for ${KEY_STATE_MAX_AGE_MS / 1000} s: a revocation a replica lags on is seen by then`, async () => {
    const tenant = await createTenant();
    await sessionsOpened("/api/seat-metrics", tenant.headers.sequence);
    recallKey(tenant.keyId)!.confirmedOnPrimaryAt -= KEY_STATE_MAX_AGE_MS;
    const stale = await sessionsOpened("/api/seat-metrics", withBookmark(tenant.headers.sequence, "00000000-00000001-00000000-" + "0".repeat(32)));
    expect(stale.opened).toEqual(["first-primary"]);
    // Served by the primary (locally every batch is), so the key is fresh again.
    expect((await sessionsOpened("/api/seat-metrics", tenant.headers.sequence)).opened).toEqual(["first-unconstrained"]);
  });

  it("at the primary for the admin API, whatever the client sends", async () => {
    const { opened } = await sessionsOpened(
      "/admin/workspaces",
      { authorization: "Bearer test-admin-token", [BOOKMARK]: "garbage" },
      { method: "POST", body: { name: `ws-${crypto.randomUUID()}` } },
    );
    expect(opened).toEqual(["first-primary"]);
  });
});
