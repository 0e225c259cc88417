import { describe, expect, it } from "vitest";
import { call, createTenant, expectJson } from "../helpers";
import { assign, assigned, createSeatType, holdersInDb, insertUsers, unassign } from "./fixtures";

describe("maxSeats on seat metrics (Seatkeeper extension)", () => {
  it("is accepted on create and update, and answered when set", async () => {
    const tenant = await createTenant();
    const capped = await createSeatType(tenant, "capped", 5);
    const open = await createSeatType(tenant, "open");
    expect(capped.maxSeats).toBe(5);
    expect(open).not.toHaveProperty("maxSeats");

    const headers = tenant.headers.sequence;
    const raised = await expectJson(await call("PUT", `/api/seat-metrics/${capped.id}`, headers, { maxSeats: 7 }), 200);
    expect(raised).toMatchObject({ seatType: "capped", maxSeats: 7, label: "capped" });
    const relabelled = await expectJson(await call("PUT", `/api/seat-metrics/${capped.id}`, headers, { label: "Capped" }), 200);
    expect(relabelled.maxSeats).toBe(7);
    const uncapped = await expectJson(await call("PUT", `/api/seat-metrics/${capped.id}`, headers, { maxSeats: null }), 200);
    expect(uncapped).not.toHaveProperty("maxSeats");
    await expectJson(await call("PUT", `/api/seat-metrics/${open.id}`, headers, { maxSeats: 0 }), 200);
    const listed = await expectJson(await call("GET", "/api/seat-metrics", headers), 200);
    expect(listed.items.map((m: { maxSeats?: number }) => m.maxSeats)).toEqual([undefined, 0]);
  });

  it.each([-1, 1.5, "3", true])("refuses maxSeats %j with 400 naming the field", async (maxSeats) => {
    const tenant = await createTenant();
    const response = await call("POST", "/api/seat-metrics", tenant.headers.sequence, { seatType: "x", label: "X", maxSeats });
    const body = await expectJson(response, 400);
    expect(body.error.message).toContain("maxSeats");
  });

  it("refuses lowering the cap below the current holders with 409, and allows it down to them", async () => {
    const tenant = await createTenant();
    const metric = await createSeatType(tenant, "apm", 5);
    await assigned(tenant, "apm", await insertUsers(tenant.workspaceId, 3));
    const headers = tenant.headers.sequence;

    const refused = await expectJson(await call("PUT", `/api/seat-metrics/${metric.id}`, headers, { maxSeats: 2, label: "new" }), 409);
    expect(refused.error).toEqual({ type: "MaxSeatsBelowHolders", message: expect.stringContaining("3 users") });
    const unchanged = await expectJson(await call("GET", `/api/seat-metrics/${metric.id}`, headers), 200);
    expect(unchanged).toMatchObject({ maxSeats: 5, label: "apm" });
    await expectJson(await call("PUT", `/api/seat-metrics/${metric.id}`, headers, { maxSeats: 3 }), 200);
  });

  it("answers 404 for an update of an unknown metric even with maxSeats", async () => {
    const tenant = await createTenant();
    await expectJson(await call("PUT", `/api/seat-metrics/${crypto.randomUUID()}`, tenant.headers.sequence, { maxSeats: 1 }), 404);
  });
});

describe("assigning under a cap", () => {
  it("refuses a request that would pass the cap, whole, saying how many seats are free", async () => {
    const tenant = await createTenant();
    await createSeatType(tenant, "apm", 3);
    const [a, b, c, d] = await insertUsers(tenant.workspaceId, 4);
    await assigned(tenant, "apm", [a!, b!]);

    const body = await expectJson(await assign(tenant, "apm", [b!, c!, d!]), 422);

    expect(body.errors[0]).toMatch(/2 requested, 1 of 3 free/);
    expect(await holdersInDb(tenant.workspaceId, "apm")).toEqual([a, b].sort());
    // Users who already hold a seat need none: this one fits.
    expect(await assigned(tenant, "apm", [a!, b!, c!])).toEqual([c]);
    await expectJson(await assign(tenant, "apm", [d!]), 422);
  });

  it("frees seats on unassign, and a cap of 0 refuses everyone", async () => {
    const tenant = await createTenant();
    await createSeatType(tenant, "apm", 1);
    await createSeatType(tenant, "closed", 0);
    const [a, b] = await insertUsers(tenant.workspaceId, 2);
    await assigned(tenant, "apm", [a!]);
    await expectJson(await assign(tenant, "apm", [b!]), 422);
    expect((await unassign(tenant, "apm", [a!])).status).toBe(204);
    expect(await assigned(tenant, "apm", [b!])).toEqual([b]);

    const body = await expectJson(await assign(tenant, "closed", [a!]), 422);
    expect(body.errors[0]).toMatch(/1 requested, 0 of 0 free/);
  });
});
