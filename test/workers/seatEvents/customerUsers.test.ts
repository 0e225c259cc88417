import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { assigned, createSeatType, insertUsers } from "../assignments/fixtures";
import { createCustomer } from "../customers/fixtures";
import { call, createTenant, expectJson } from "../helpers";
import { balanceTotals, linkUsers, refusal, USERS_OF } from "./fixtures";

async function links(workspaceId: string): Promise<Record<string, string>> {
  const { results } = await env.DB.prepare("SELECT user_id, customer_id FROM customer_users WHERE workspace_id = ?1")
    .bind(workspaceId)
    .all<{ user_id: string; customer_id: string }>();
  return Object.fromEntries(results.map((row) => [row.user_id, row.customer_id]));
}

describe("a customer's users (Seatkeeper extension)", () => {
  it("POST adds users, PUT replaces them, GET pages them in creation order", async () => {
    const tenant = await createTenant();
    const customer = (await createCustomer(tenant)).id as string;
    const users = await insertUsers(tenant.workspaceId, 4);
    const added = await linkUsers(tenant, customer, [users[1]!, users[0]!, users[1]!]);
    expect(added.items.map((user) => user.id)).toEqual([users[0], users[1]]);
    expect(added.pagination).toEqual({ totalResultSize: 2 });
    await linkUsers(tenant, customer, [users[2]!]);
    const page = await expectJson(await call("GET", `${USERS_OF(customer)}?limit=2`, tenant.headers.sequence), 200);
    expect(page.items.map((user: { id: string }) => user.id)).toEqual([users[0], users[1]]);
    expect(page.items[0]).toMatchObject({ fullName: "User 0", createdAt: expect.any(String), linkedAt: expect.any(String) });
    const next = await expectJson(await call("GET", `${USERS_OF(customer)}?limit=2&after=${page.pagination.after}`, tenant.headers.sequence), 200);
    expect(next.items.map((user: { id: string }) => user.id)).toEqual([users[2]]);
    expect(next.pagination).toEqual({ before: users[2], totalResultSize: 3 });
    const replaced = await linkUsers(tenant, customer, [users[3]!, users[0]!], "PUT");
    expect(replaced.items.map((user) => user.id)).toEqual([users[0], users[3]]);
    expect(await links(tenant.workspaceId)).toEqual({ [users[0]!]: customer, [users[3]!]: customer });
  });

  it("refuses a user of another customer with 409 naming both, and writes nothing", async () => {
    const tenant = await createTenant();
    const [first, second] = [(await createCustomer(tenant)).id as string, (await createCustomer(tenant)).id as string];
    const users = await insertUsers(tenant.workspaceId, 3);
    await linkUsers(tenant, first, [users[0]!]);
    for (const method of ["POST", "PUT"]) {
      const response = await call(method, USERS_OF(second), tenant.headers.sequence, { userIds: [users[1], users[0]] });
      const refused = await refusal(response);
      expect(refused).toMatchObject({ status: 409, type: "UserBelongsToAnotherCustomer" });
      expect(refused.message).toContain(`User ${users[0]} belongs to customer ${first}`);
    }
    expect(await links(tenant.workspaceId)).toEqual({ [users[0]!]: first });
  });

  it("refuses unknown user ids with 422 naming them, an unknown customer with 404, a bad body with 400", async () => {
    const tenant = await createTenant();
    const customer = (await createCustomer(tenant)).id as string;
    const [user] = await insertUsers(tenant.workspaceId, 1);
    const unknown = crypto.randomUUID();
    const refused = await refusal(await call("POST", USERS_OF(customer), tenant.headers.sequence, { userIds: [user, unknown] }));
    expect(refused).toMatchObject({ status: 422, type: "UserNotFound" });
    expect(refused.message).toContain(unknown);
    expect((await refusal(await call("PUT", USERS_OF(crypto.randomUUID()), tenant.headers.sequence, { userIds: [user] }))).status).toBe(404);
    expect((await refusal(await call("GET", USERS_OF(crypto.randomUUID()), tenant.headers.sequence))).status).toBe(404);
    for (const body of [{}, { userIds: "x" }, { userIds: ["not-a-uuid"] }]) {
      expect((await refusal(await call("POST", USERS_OF(customer), tenant.headers.sequence, body))).status).toBe(400);
    }
    expect(await links(tenant.workspaceId)).toEqual({});
  });

  it("moves a linked user's seats between customers' balances as they are linked, moved and unlinked", async () => {
    const tenant = await createTenant();
    await createSeatType(tenant, "admin");
    await createSeatType(tenant, "viewer");
    const [a, b] = [(await createCustomer(tenant)).id as string, (await createCustomer(tenant)).id as string];
    const users = await insertUsers(tenant.workspaceId, 3);
    await assigned(tenant, "admin", users);
    await assigned(tenant, "viewer", [users[0]!]);
    await linkUsers(tenant, a, [users[0]!, users[1]!]);
    await linkUsers(tenant, b, [users[2]!]);
    expect(await balanceTotals(tenant)).toEqual({ [a]: { admin: 2, viewer: 1 }, [b]: { admin: 1 } });
    // Moving: unlink from a (PUT without them), then link to b.
    await linkUsers(tenant, a, [users[1]!], "PUT");
    await linkUsers(tenant, b, [users[0]!]);
    expect(await balanceTotals(tenant)).toEqual({ [a]: { admin: 1, viewer: 0 }, [b]: { admin: 2, viewer: 1 } });
  });

  it("archiving a customer unlinks its users: their seats stay theirs and leave its balances; it takes no new users (409)", async () => {
    const tenant = await createTenant();
    await createSeatType(tenant, "admin");
    const customer = (await createCustomer(tenant)).id as string;
    const users = await insertUsers(tenant.workspaceId, 2);
    await assigned(tenant, "admin", users);
    await linkUsers(tenant, customer, users);
    await expectJson(await call("POST", `/api/customers/${customer}/archive`, tenant.headers.sequence), 200);
    expect(await links(tenant.workspaceId)).toEqual({});
    expect(await balanceTotals(tenant)).toEqual({ [customer]: { admin: 0 } });
    const refused = await refusal(await call("POST", USERS_OF(customer), tenant.headers.sequence, { userIds: [users[0]] }));
    expect(refused).toMatchObject({ status: 409, type: "CustomerArchived" });
    const holders = await env.DB.prepare("SELECT count(*) AS n FROM seat_assignments WHERE workspace_id = ?1").bind(tenant.workspaceId).first();
    expect(holders).toEqual({ n: 2 });
  });

  it("never sees another workspace's customers or users", async () => {
    const [mine, theirs] = [await createTenant(), await createTenant()];
    const theirCustomer = (await createCustomer(theirs)).id as string;
    const [theirUser] = await insertUsers(theirs.workspaceId, 1);
    const myCustomer = (await createCustomer(mine)).id as string;
    await linkUsers(theirs, theirCustomer, [theirUser!]);
    expect((await refusal(await call("GET", USERS_OF(theirCustomer), mine.headers.sequence))).status).toBe(404);
    expect((await refusal(await call("POST", USERS_OF(theirCustomer), mine.headers.sequence, { userIds: [] }))).status).toBe(404);
    expect((await refusal(await call("POST", USERS_OF(myCustomer), mine.headers.sequence, { userIds: [theirUser] }))).status).toBe(422);
    expect(await links(mine.workspaceId)).toEqual({});
    expect(await links(theirs.workspaceId)).toEqual({ [theirUser!]: theirCustomer });
  });

  it("needs customers_write to link and customers_read to list", async () => {
    const tenant = await createTenant();
    const customer = (await createCustomer(tenant)).id as string;
    const reader = await createTenant(["customers_read"]);
    expect((await call("POST", USERS_OF(customer), reader.headers.sequence, { userIds: [] })).status).toBe(403);
    const writerOnly = await createTenant(["seat_metrics_read"]);
    expect((await call("GET", USERS_OF(customer), writerOnly.headers.sequence)).status).toBe(403);
  });
});
