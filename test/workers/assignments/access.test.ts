import { describe, expect, it } from "vitest";
import { admin, call, createTenant, expectJson } from "../helpers";
import { assign, assigned, createSeatType, type DatadogCaller, holdersInDb, insertUsers, listAll, SEATS, unassign } from "./fixtures";

describe("permissions", () => {
  it.each(["billing_edit", "incident_write", "on_call_write"])("%s alone may assign and unassign", async (permission) => {
    const owner = await createTenant();
    await createSeatType(owner, "apm");
    const users = await insertUsers(owner.workspaceId, 1);
    const key = await keyOf(owner.workspaceId, [permission]);

    await expectJson(await assign(key, "apm", users), 201);
    expect((await unassign(key, "apm", users)).status).toBe(204);
    expect((await call("GET", `${SEATS}?product_code=apm`, key.headers.datadog)).status).toBe(403);
  });

  it.each(["billing_read", "incident_read", "on_call_read"])("%s alone may list but not change", async (permission) => {
    const owner = await createTenant();
    await createSeatType(owner, "apm");
    const users = await insertUsers(owner.workspaceId, 1);
    const key = await keyOf(owner.workspaceId, [permission]);

    await expectJson(await call("GET", `${SEATS}?product_code=apm`, key.headers.datadog), 200);
    expect(await expectJson(await assign(key, "apm", users), 403)).toEqual({ errors: [expect.stringMatching(/billing_edit/)] });
    await expectJson(await unassign(key, "apm", users), 403);
    expect(await holdersInDb(owner.workspaceId, "apm")).toEqual([]);
  });

  it("refuses a key with none of them with 403", async () => {
    const owner = await createTenant();
    const key = await keyOf(owner.workspaceId, ["seat_metrics_read", "users_write"]);
    await expectJson(await call("GET", `${SEATS}?product_code=apm`, key.headers.datadog), 403);
  });

  it("answers missing or wrong credentials with 403, as Datadog does", async () => {
    const tenant = await createTenant();
    await expectJson(await call("GET", `${SEATS}?product_code=apm`, {}), 403);
    await expectJson(await call("POST", SEATS, {}, {}), 403);
    const wrong = { "dd-api-key": tenant.keyId, "dd-application-key": "not-the-secret" };
    await expectJson(await call("DELETE", SEATS, wrong, {}), 403);
  });
});

describe("tenant isolation", () => {
  it("B cannot seat A's users, even on a product code of the same name", async () => {
    const a = await createTenant();
    const b = await createTenant();
    await createSeatType(a, "apm");
    await createSeatType(b, "apm");
    const usersOfA = await insertUsers(a.workspaceId, 2);

    await expectJson(await assign(b, "apm", usersOfA), 422);
    await expectJson(await unassign(b, "apm", usersOfA), 422);
    expect(await holdersInDb(b.workspaceId, "apm")).toEqual([]);
  });

  it("B never sees A's holders, and A's product codes do not exist for B", async () => {
    const a = await createTenant();
    const b = await createTenant();
    await createSeatType(a, "apm");
    await createSeatType(a, "only_in_a");
    await createSeatType(b, "apm");
    const usersOfA = await insertUsers(a.workspaceId, 3);
    const usersOfB = await insertUsers(b.workspaceId, 1);
    await assigned(a, "apm", usersOfA);
    await assigned(a, "only_in_a", usersOfA);
    await assigned(b, "apm", usersOfB);

    expect(await listAll(b, "apm", 2)).toEqual(usersOfB);
    expect(await listAll(a, "apm", 2)).toEqual([...usersOfA].sort());
    await expectJson(await call("GET", `${SEATS}?product_code=only_in_a`, b.headers.datadog), 422);
    await expectJson(await assign(b, "only_in_a", usersOfB), 422);
  });

  it("B's unassign never touches A's seats", async () => {
    const a = await createTenant();
    const b = await createTenant();
    await createSeatType(a, "apm");
    await createSeatType(b, "apm");
    const usersOfA = await insertUsers(a.workspaceId, 1);
    const usersOfB = await insertUsers(b.workspaceId, 1);
    await assigned(a, "apm", usersOfA);

    expect((await unassign(b, "apm", usersOfB)).status).toBe(204);
    expect(await holdersInDb(a.workspaceId, "apm")).toEqual(usersOfA);
  });
});

/** A second key of the workspace with just these permissions. */
async function keyOf(workspaceId: string, permissions: string[]): Promise<DatadogCaller> {
  const key = await expectJson<{ id: string; secret: string }>(
    await admin(`/admin/workspaces/${workspaceId}/api-keys`, { body: { label: "limited", permissions } }),
    201,
  );
  return { headers: { datadog: { "dd-api-key": key.id, "dd-application-key": key.secret } } };
}
