// Issue 14: UUIDs on input are case-insensitive (RFC 9562) on every surface;
// answers stay in lower case.
import { beforeAll, describe, expect, it } from "vitest";
import { customerBody } from "../customers/fixtures";
import { admin, call, expectJson } from "../helpers";
import { createWorld, type World } from "./fixtures";

let world: World;
beforeAll(async () => {
  world = await createWorld();
});

const upper = (id: string) => id.toUpperCase();

describe("an upper-case UUID finds the record", () => {
  it("Sequence: path ids, cursors and body ids", async () => {
    const { tenant, metricId, customerId, organizationId } = world;
    const headers = tenant.headers.sequence;
    expect((await expectJson(await call("GET", `/api/seat-metrics/${upper(metricId)}`, headers), 200)).id).toBe(metricId);
    expect((await expectJson(await call("GET", `/api/customers/${upper(customerId)}`, headers), 200)).id).toBe(customerId);
    const organization = await expectJson(await call("GET", `/api/customer-organizations/${upper(organizationId)}`, headers), 200);
    expect(organization.id).toBe(organizationId);
    // Seat metric cursors are ids (customer cursors are opaque: Sequence 2024-07-30 sorts by more than the id).
    const page = await expectJson(await call("GET", `/api/seat-metrics?limit=1&after=${upper(metricId)}`, headers), 200);
    expect(page.items.map((item: { id: string }) => item.id)).not.toContain(metricId);
    const other = await expectJson(await call("POST", "/api/customers", headers, customerBody("Upper Ltd", { parentId: upper(customerId) })), 201);
    expect((await expectJson(await call("GET", `/api/customers/${upper(customerId)}/contacts`, headers), 200)).items.length).toBeGreaterThan(0);
    const alias = await expectJson(await call("POST", "/api/customer-aliases", headers, { customerId: upper(other.id), value: `upper-${other.id}` }), 201);
    expect(alias.customerId).toBe(other.id);
    expect((await expectJson(await call("GET", `/api/customers/${upper(other.id)}/aliases`, headers), 200)).items).toHaveLength(1);
    const added = await expectJson(
      await call("POST", `/api/customer-organizations/${upper(organizationId)}/members`, headers, { customerIds: [upper(other.id)] }),
      200,
    );
    expect(added.members.map((member: { id: string }) => member.id)).toContain(other.id);
    const renamed = await expectJson(await call("PUT", `/api/seat-metrics/${upper(metricId)}`, headers, { label: "Renamed" }), 200);
    expect(renamed).toMatchObject({ id: metricId, label: "Renamed" });
  });

  it("Seam: user_identity_id in bodies and queries, user_identity_ids in lists", async () => {
    const { tenant, userId } = world;
    const got = await expectJson(await call("GET", `/user_identities/get?user_identity_id=${upper(userId)}`, tenant.headers.seam), 200);
    expect(got.user_identity.user_identity_id).toBe(userId);
    const listed = await expectJson(await call("POST", "/user_identities/list", tenant.headers.seam, { user_identity_ids: [upper(userId)] }), 200);
    expect(listed.user_identities.map((user: { user_identity_id: string }) => user.user_identity_id)).toEqual([userId]);
    await expectJson(await call("PATCH", "/user_identities/update", tenant.headers.seam, { user_identity_id: upper(userId), full_name: "Kept Person" }), 200);
  });

  it("Sendblue: the seat id in the path", async () => {
    const { tenant, userId } = world;
    const seat = await expectJson(await call("GET", `/api/v2/seats/${upper(userId)}`, tenant.headers.sendblue), 200);
    expect(seat.seat.seat_id).toBe(userId);
  });

  it("Datadog: user_uuids and page[cursor]; the answers carry lower case", async () => {
    const { tenant, userId } = world;
    const body = { data: { type: "seat-assignments", attributes: { product_code: "apm", user_uuids: [upper(userId)] } } };
    expect((await call("DELETE", "/api/v2/seats/users", tenant.headers.datadog, body)).status).toBe(204);
    const holders = await expectJson(await call("GET", "/api/v2/seats/users?product_code=apm", tenant.headers.datadog), 200);
    expect(holders.data).toEqual([]);
    const assigned = await expectJson(await call("POST", "/api/v2/seats/users", tenant.headers.datadog, body), 201);
    expect(assigned.data.attributes.assigned_ids).toEqual([userId]);
    const after = await expectJson(
      await call("GET", `/api/v2/seats/users?product_code=apm&page[cursor]=${upper(userId)}`, tenant.headers.datadog),
      200,
    );
    expect(after.data).toEqual([]);
  });

  it("the admin API: the workspace id in the path", async () => {
    const key = await expectJson(await admin(`/admin/workspaces/${upper(world.tenant.workspaceId)}/api-keys`, { body: { label: "upper" } }), 201);
    expect(key.workspace_id).toBe(world.tenant.workspaceId);
  });
});
