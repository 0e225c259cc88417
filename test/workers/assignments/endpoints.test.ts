import { listDurableObjectIds } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { BASE, call, createTenant, expectJson } from "../helpers";
import { assign, assigned, createSeatType, holdersInDb, insertUsers, SEATS, seatBody, seatsHeld, unassign } from "./fixtures";

describe("POST /api/v2/seats/users", () => {
  it("assigns seats and answers 201 in Datadog's JSON:API shape", async () => {
    const tenant = await createTenant();
    await createSeatType(tenant, "incident_response");
    const users = await insertUsers(tenant.workspaceId, 2);

    const response = await assign(tenant, "incident_response", users);
    const body = await expectJson(response, 201);

    expect(response.headers.get("content-type")).toContain("application/json");
    expect(body).toEqual({
      data: {
        id: expect.any(String),
        type: "seat-assignments",
        attributes: { assigned_ids: users, product_code: "incident_response" },
      },
    });
    expect(await holdersInDb(tenant.workspaceId, "incident_response")).toEqual([...users].sort());
    expect(await seatsHeld(tenant.workspaceId, "incident_response")).toBe(2);
  });

  it("lists only newly seated users, and collapses duplicate ids", async () => {
    const tenant = await createTenant();
    await createSeatType(tenant, "apm");
    const [a, b, c] = await insertUsers(tenant.workspaceId, 3);

    expect(await assigned(tenant, "apm", [a!, a!, b!])).toEqual([a, b]);
    expect(await assigned(tenant, "apm", [b!, c!, c!])).toEqual([c]);
    expect(await assigned(tenant, "apm", [a!, b!, c!])).toEqual([]);
    expect(await seatsHeld(tenant.workspaceId, "apm")).toBe(3);
  });

  it("accepts 1,000 user ids in one request", async () => {
    const tenant = await createTenant();
    await createSeatType(tenant, "bulk");
    const users = await insertUsers(tenant.workspaceId, 1000);

    expect(await assigned(tenant, "bulk", users)).toEqual(users);
    expect(await seatsHeld(tenant.workspaceId, "bulk")).toBe(1000);
    await expectNoContent(await unassign(tenant, "bulk", users));
    expect(await holdersInDb(tenant.workspaceId, "bulk")).toEqual([]);
  });

  it("refuses more than 1,000 distinct user ids with 422", async () => {
    const tenant = await createTenant();
    await createSeatType(tenant, "bulk");
    const users = await insertUsers(tenant.workspaceId, 1001);

    const body = await expectJson(await assign(tenant, "bulk", users), 422);
    expect(body.errors[0]).toMatch(/at most 1000/);
    expect(await holdersInDb(tenant.workspaceId, "bulk")).toEqual([]);
  });

  it("refuses the whole request when any user is unknown, naming it", async () => {
    const tenant = await createTenant();
    await createSeatType(tenant, "apm");
    const [known] = await insertUsers(tenant.workspaceId, 1);
    const stranger = crypto.randomUUID();

    const body = await expectJson(await assign(tenant, "apm", [known!, stranger]), 422);

    expect(body).toEqual({ errors: [expect.stringContaining(stranger)] });
    expect(body.errors[0]).not.toContain(known);
    expect(await holdersInDb(tenant.workspaceId, "apm")).toEqual([]);
  });

  it("refuses a product code that is not a seat type of the workspace, naming it", async () => {
    const tenant = await createTenant();
    const users = await insertUsers(tenant.workspaceId, 1);

    const body = await expectJson(await assign(tenant, "no_such_code", users), 422);
    expect(body.errors[0]).toContain("'no_such_code'");
  });

  it("refuses a product code that cannot be a seat type without making an object for it", async () => {
    const tenant = await createTenant();
    const users = await insertUsers(tenant.workspaceId, 1);

    const body = await expectJson(await assign(tenant, "Not A Code!", users), 422);

    expect(body.errors[0]).toContain("'Not A Code!'");
    const made = (await listDurableObjectIds(env.SEAT_ASSIGNMENTS)).map((id) => id.toString());
    expect(made).not.toContain(env.SEAT_ASSIGNMENTS.idFromName(`${tenant.workspaceId}:Not A Code!`).toString());
  });

  it.each([
    ["product_code missing", seatBody(undefined, ["x"]), 422, /product_code/],
    ["product_code empty", seatBody("", ["x"]), 422, /product_code/],
    ["user_uuids empty", seatBody("apm", []), 422, /user_uuids/],
    ["user_uuids missing", seatBody("apm", undefined), 422, /user_uuids/],
    ["user_uuids not an array", seatBody("apm", "x"), 400, /user_uuids/],
    ["a user id not a string", seatBody("apm", [42]), 400, /user_uuids/],
    ["a user id of 255 characters that is no UUID", seatBody("apm", ["x".repeat(255)]), 422, /x{255}/],
    ["a user id over 255 characters", seatBody("apm", ["x".repeat(256)]), 400, /user_uuids/],
    ["wrong type", { data: { type: "users", attributes: { product_code: "apm", user_uuids: ["x"] } } }, 400, /type/],
    // Datadog's schema leaves data optional: a product code outside it is none.
    ["no data", { product_code: "apm" }, 422, /^product_code is required$/],
  ])("answers %s with %i and writes nothing", async (_case, body, status, message) => {
    const tenant = await createTenant();
    await createSeatType(tenant, "apm");
    const response = await call("POST", SEATS, tenant.headers.datadog, body);
    const answer = await expectJson(response, status);
    expect(answer.errors[0]).toMatch(message);
    expect(await holdersInDb(tenant.workspaceId, "apm")).toEqual([]);
  });

  it("answers malformed JSON with 400", async () => {
    const tenant = await createTenant();
    const response = await exports.default.fetch(`${BASE}${SEATS}`, {
      method: "POST",
      headers: { ...tenant.headers.datadog, "content-type": "application/json" },
      body: "{not json",
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ errors: [expect.any(String)] });
  });
});

describe("DELETE /api/v2/seats/users", () => {
  it("removes seats with 204 and ignores users who held none", async () => {
    const tenant = await createTenant();
    await createSeatType(tenant, "apm");
    const [a, b, c] = await insertUsers(tenant.workspaceId, 3);
    await assigned(tenant, "apm", [a!, b!]);

    const response = await unassign(tenant, "apm", [a!, c!]);

    await expectNoContent(response);
    expect(await holdersInDb(tenant.workspaceId, "apm")).toEqual([b]);
    expect(await seatsHeld(tenant.workspaceId, "apm")).toBe(1);
  });

  it("refuses unknown users and product codes whole, like assign", async () => {
    const tenant = await createTenant();
    await createSeatType(tenant, "apm");
    const [a] = await insertUsers(tenant.workspaceId, 1);
    await assigned(tenant, "apm", [a!]);

    await expectJson(await unassign(tenant, "apm", [a!, crypto.randomUUID()]), 422);
    await expectJson(await unassign(tenant, "other", [a!]), 422);
    await expectJson(await call("DELETE", SEATS, tenant.headers.datadog, seatBody(undefined, [a])), 422);
    await expectJson(await call("DELETE", SEATS, tenant.headers.datadog, seatBody("apm", [])), 422);
    expect(await holdersInDb(tenant.workspaceId, "apm")).toEqual([a]);
  });
});

async function expectNoContent(response: Response) {
  const text = await response.text();
  if (response.status !== 204) throw new Error(`expected 204, got ${response.status}: ${text}`);
  expect(text).toBe("");
}

