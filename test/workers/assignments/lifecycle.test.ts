import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, createTenant, expectJson } from "../helpers";
import { createUser, seam } from "../users";
import { assigned, createSeatType, holdersInDb, insertUsers, listAll, seatsHeld, unassign } from "./fixtures";

describe("deleting a user", () => {
  it("removes that user's seats under every product code, and frees them", async () => {
    const tenant = await createTenant();
    await createSeatType(tenant, "apm", 2);
    await createSeatType(tenant, "logs");
    const [gone, stays, next] = await insertUsers(tenant.workspaceId, 3);
    await assigned(tenant, "apm", [gone!, stays!]);
    await assigned(tenant, "logs", [gone!]);

    await env.DB.prepare("DELETE FROM users WHERE workspace_id = ?1 AND id = ?2").bind(tenant.workspaceId, gone!).run();

    expect(await holdersInDb(tenant.workspaceId, "apm")).toEqual([stays]);
    expect(await holdersInDb(tenant.workspaceId, "logs")).toEqual([]);
    expect(await listAll(tenant, "apm", 10)).toEqual([stays]);
    expect(await seatsHeld(tenant.workspaceId, "apm")).toBe(1);
    expect(await seatsHeld(tenant.workspaceId, "logs")).toBe(0);
    // The freed seat under the cap of 2 can be taken again.
    expect(await assigned(tenant, "apm", [next!])).toEqual([next]);
  });

  it("through Seam's /user_identities/delete takes the seats along, and Datadog's list agrees at once", async () => {
    const tenant = await createTenant();
    await createSeatType(tenant, "apm");
    const user = await createUser(tenant, { email_address: "leaving@example.com", full_name: "Leaving User" });
    const [other] = await insertUsers(tenant.workspaceId, 1);
    await assigned(tenant, "apm", [user.user_identity_id, other!]);
    expect(await listAll(tenant, "apm", 10)).toContain(user.user_identity_id);

    await expectJson(await seam(tenant, "/user_identities/delete", { user_identity_id: user.user_identity_id }), 200);

    expect(await listAll(tenant, "apm", 10)).toEqual([other]);
    expect(await seatsHeld(tenant.workspaceId, "apm")).toBe(1);
  });
});

describe("deleting a seat metric", () => {
  it("is refused with 409 while users hold its seats, and allowed once none do", async () => {
    const tenant = await createTenant();
    const metric = await createSeatType(tenant, "apm");
    const users = await insertUsers(tenant.workspaceId, 2);
    await assigned(tenant, "apm", users);

    const refused = await expectJson(await call("DELETE", `/api/seat-metrics/${metric.id}`, tenant.headers.sequence), 409);
    expect(refused.error).toEqual({ type: "SeatMetricInUse", message: expect.stringContaining("'apm' still has 2 seat holders") });
    await expectJson(await call("GET", `/api/seat-metrics/${metric.id}`, tenant.headers.sequence), 200);

    expect((await unassign(tenant, "apm", users)).status).toBe(204);
    const deleted = await expectJson(await call("DELETE", `/api/seat-metrics/${metric.id}`, tenant.headers.sequence), 200);
    expect(deleted).toMatchObject({ id: metric.id, seatType: "apm" });
  });

  it("is refused by the database itself when holders remain (foreign key)", async () => {
    const tenant = await createTenant();
    await createSeatType(tenant, "apm");
    await assigned(tenant, "apm", await insertUsers(tenant.workspaceId, 1));
    const rawDelete = env.DB.prepare("DELETE FROM seat_metrics WHERE workspace_id = ?1 AND seat_type = 'apm'").bind(tenant.workspaceId);
    await expect(rawDelete.run()).rejects.toThrow(/FOREIGN KEY constraint failed/);
  });

  it("still answers 404 for an unknown metric", async () => {
    const tenant = await createTenant();
    await expectJson(await call("DELETE", `/api/seat-metrics/${crypto.randomUUID()}`, tenant.headers.sequence), 404);
  });
});

describe("the database backs the rules up", () => {
  it("refuses a direct insert past the cap, a duplicate holder, and a user of another workspace", async () => {
    const a = await createTenant();
    const b = await createTenant();
    await createSeatType(a, "apm", 1);
    await createSeatType(a, "logs");
    const [first, second] = await insertUsers(a.workspaceId, 2);
    const [foreign] = await insertUsers(b.workspaceId, 1);
    await assigned(a, "apm", [first!]);
    const insert = (productCode: string, userId: string) =>
      env.DB.prepare("INSERT INTO seat_assignments (workspace_id, product_code, user_id, assigned_at) VALUES (?1, ?2, ?3, 'now')")
        .bind(a.workspaceId, productCode, userId)
        .run();

    await expect(insert("apm", second!)).rejects.toThrow(/CHECK constraint failed/);
    await expect(insert("apm", first!)).rejects.toThrow(/UNIQUE constraint failed/);
    await expect(insert("logs", foreign!)).rejects.toThrow(/FOREIGN KEY constraint failed/);
    await expect(insert("no_such_code", first!)).rejects.toThrow(/FOREIGN KEY constraint failed/);
    expect(await seatsHeld(a.workspaceId, "apm")).toBe(1);
    expect(await seatsHeld(a.workspaceId, "logs")).toBe(0);
  });
});
