import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { SeatCountResponse, SeatListResponse, SeatRetrieveResponse } from "../../src/resources/seats/responses";
import { BASE, createTenant, expectJson, type Tenant, withKey } from "./helpers";
import { createUser, expectSendblueError, sendblue } from "./users";

async function listSeats(tenant: Tenant, query = "") {
  return SeatListResponse.parse(await expectJson(await sendblue(tenant, `/api/v2/seats${query}`), 200));
}

async function countSeats(tenant: Tenant, query = "") {
  return SeatCountResponse.parse(await expectJson(await sendblue(tenant, `/api/v2/seats/count${query}`), 200)).count;
}

describe("GET /api/v2/seats", () => {
  it("lists the workspace's users as a bare array of seats, mapped field by field", async () => {
    const tenant = await createTenant();
    const jane = await createUser(tenant, {
      user_identity_key: "jane",
      email_address: "rep@example.com",
      phone_number: "+19998887777",
      full_name: "Jane  van der Doe",
    });
    const cher = await createUser(tenant, { full_name: "Cher" });
    const blank = await createUser(tenant);
    expect(await listSeats(tenant)).toEqual([
      {
        seat_id: jane.user_identity_id,
        account: tenant.workspaceName,
        email: "rep@example.com",
        first_name: "Jane",
        last_name: "van der Doe",
        forwarding_number: "+19998887777",
        created_at: jane.created_at,
      },
      {
        seat_id: cher.user_identity_id,
        account: tenant.workspaceName,
        first_name: "Cher",
        last_name: null,
        forwarding_number: null,
        created_at: cher.created_at,
      },
      {
        seat_id: blank.user_identity_id,
        account: tenant.workspaceName,
        first_name: null,
        last_name: null,
        forwarding_number: null,
        created_at: blank.created_at,
      },
    ]);
  });

  it("filters by exact email (case-insensitive, URL-encoded), never by substring", async () => {
    const tenant = await createTenant();
    const rep = await createUser(tenant, { email_address: "rep@example.com" });
    await createUser(tenant, { email_address: "other.rep@example.com" });
    expect((await listSeats(tenant, "?email=rep%40example.com")).map((s) => s.seat_id)).toEqual([rep.user_identity_id]);
    expect((await listSeats(tenant, "?email=REP@EXAMPLE.COM")).map((s) => s.seat_id)).toEqual([rep.user_identity_id]);
    expect(await listSeats(tenant, "?email=example.com")).toEqual([]);
    expect(await countSeats(tenant, "?email=rep%40example.com")).toBe(1);
    expect(await countSeats(tenant, "?email=nobody%40example.com")).toBe(0);
  });

  it("pages with limit and offset in creation order, never skipping or repeating", async () => {
    const tenant = await createTenant();
    const created: string[] = [];
    for (let i = 0; i < 5; i++) created.push((await createUser(tenant, { full_name: `Rep ${i}` })).user_identity_id);
    const seen: string[] = [];
    for (let offset = 0; offset < 6; offset += 2) {
      seen.push(...(await listSeats(tenant, `?limit=2&offset=${offset}`)).map((seat) => seat.seat_id));
    }
    expect(seen).toEqual(created);
    expect(await listSeats(tenant, "?offset=5")).toEqual([]);
    expect(await listSeats(tenant, "?limit=500")).toHaveLength(5);
  });

  it.each([
    "limit=-1",
    "limit=abc",
    "limit=1.5",
    "limit=0",
    "limit=501",
    "limit=1e2",
    "offset=-1",
    "offset=x",
    "offset=0x10",
    "limit=1&limit=2",
    "email=a%40x.io&email=b%40x.io",
  ])("refuses %s with 400 in Sendblue's error body", async (query) => {
    const tenant = await createTenant();
    await createUser(tenant);
    const message = await expectSendblueError(await sendblue(tenant, `/api/v2/seats?${query}`), 400);
    expect(message).toMatch(/limit|offset|email/);
  });
});

describe("GET /api/v2/seats/count", () => {
  it("counts the workspace's seats", async () => {
    const tenant = await createTenant();
    expect(await countSeats(tenant)).toBe(0);
    await createUser(tenant);
    await createUser(tenant);
    expect(await countSeats(tenant)).toBe(2);
  });

  it("wins over /{seat_id}, even when a user's key is `count`", async () => {
    const tenant = await createTenant();
    await createUser(tenant, { user_identity_key: "count" });
    expect(await expectJson(await sendblue(tenant, "/api/v2/seats/count"), 200)).toEqual({ count: 1 });
  });

  it("leaves a percent-encoded `count` to /{seat_id}: routes match the path as sent", async () => {
    const tenant = await createTenant();
    const user = await createUser(tenant, { user_identity_key: "count" });
    const found = await expectJson(await sendblue(tenant, "/api/v2/seats/%63ount"), 200);
    expect(found.seat.seat_id).toBe(user.user_identity_id);
  });
});

describe("GET /api/v2/seats/{seat_id}", () => {
  it("never answers Datadog's /api/v2/seats/users, even for a user keyed `users`", async () => {
    const tenant = await createTenant();
    await createUser(tenant, { user_identity_key: "users" });
    for (const headers of [tenant.headers.sendblue, tenant.headers.datadog]) {
      const response = await exports.default.fetch(`${BASE}/api/v2/seats/users`, { headers });
      const body = await response.json<Record<string, unknown>>();
      expect(body).not.toHaveProperty("seat");
      expect(body).toHaveProperty("errors");
    }
  });

  it("finds a seat by its id and by its auth subject (the user identity key)", async () => {
    const tenant = await createTenant();
    const user = await createUser(tenant, { user_identity_key: "auth0|abc", full_name: "Jane Doe", email_address: "j@x.io" });
    const expected = {
      status: "OK",
      seat: {
        seat_id: user.user_identity_id,
        account: tenant.workspaceName,
        email: "j@x.io",
        first_name: "Jane",
        last_name: "Doe",
        forwarding_number: null,
        created_at: user.created_at,
      },
    };
    const byId = await expectJson(await sendblue(tenant, `/api/v2/seats/${user.user_identity_id}`), 200);
    expect(SeatRetrieveResponse.parse(byId)).toEqual(expected);
    expect(await expectJson(await sendblue(tenant, "/api/v2/seats/auth0%7Cabc"), 200)).toEqual(expected);
  });

  it("decodes the percent-encoded segment (keys with / and spaces)", async () => {
    const tenant = await createTenant();
    const user = await createUser(tenant, { user_identity_key: "team/ops a" });
    const seat = await expectJson(await sendblue(tenant, `/api/v2/seats/${encodeURIComponent("team/ops a")}`), 200);
    expect(seat.seat.seat_id).toBe(user.user_identity_id);
  });

  it("prefers the id when another user's key equals it", async () => {
    const tenant = await createTenant();
    const first = await createUser(tenant);
    const impostor = await createUser(tenant, { user_identity_key: first.user_identity_id });
    const seat = await expectJson(await sendblue(tenant, `/api/v2/seats/${first.user_identity_id}`), 200);
    expect(seat.seat.seat_id).toBe(first.user_identity_id);
    expect(seat.seat.seat_id).not.toBe(impostor.user_identity_id);
  });

  it("answers 404 in Sendblue's error body for unknown ids and keys, 400 for broken encoding", async () => {
    const tenant = await createTenant();
    await createUser(tenant, { user_identity_key: "known" });
    expect(await expectSendblueError(await sendblue(tenant, `/api/v2/seats/${crypto.randomUUID()}`), 404)).toBe("Seat not found");
    await expectSendblueError(await sendblue(tenant, "/api/v2/seats/unknown"), 404);
    await expectSendblueError(await sendblue(tenant, "/api/v2/seats/%E0%A4%A"), 400);
  });
});

describe("Sendblue credentials, permissions and methods", () => {
  it.each(["/api/v2/seats", "/api/v2/seats/count", "/api/v2/seats/some-id"])(
    "answers 401 on %s without credentials, with a wrong secret, or with Seam's header",
    async (path) => {
      const tenant = await createTenant();
      const get = (headers: Record<string, string>) => exports.default.fetch(`${BASE}${path}`, { headers });
      await expectSendblueError(await get({}), 401);
      await expectSendblueError(await get({ "sb-api-key-id": tenant.keyId, "sb-api-secret-key": "wrong" }), 401);
      await expectSendblueError(await get({ "sb-api-key-id": tenant.keyId }), 401);
      await expectSendblueError(await get(tenant.headers.seam), 401);
    },
  );

  it("answers 403 to a key without users_read", async () => {
    const owner = await createTenant();
    const user = await createUser(owner);
    const metricsOnly = await withKey(owner, ["seat_metrics_read", "users_write"]);
    for (const path of ["/api/v2/seats", "/api/v2/seats/count", `/api/v2/seats/${user.user_identity_id}`]) {
      await expectSendblueError(await sendblue(metricsOnly, path), 403);
    }
  });

  it("answers 405 with Allow to writes", async () => {
    const tenant = await createTenant();
    const response = await exports.default.fetch(`${BASE}/api/v2/seats`, { method: "POST", headers: tenant.headers.sendblue, body: "{}" });
    expect(response.headers.get("allow")).toBe("GET, HEAD");
    await expectSendblueError(response, 405);
  });
});
