import { describe, expect, it } from "vitest";
import { call, createTenant, expectJson } from "../helpers";
import { addMembers, createCustomers, nothingWritten, organization, ORGANIZATIONS, replaceMembers } from "./fixtures";

describe("POST /api/customer-organizations/{id}/members", () => {
  it("adds members after the existing ones; existing members and the owner are ignored", async () => {
    const tenant = await createTenant();
    const ids = await createCustomers(tenant, "Owner", "A", "B", "C");
    const org = await organization(tenant, ids.Owner, [ids.A]);
    const added = await expectJson(await addMembers(tenant, org.id, [ids.C, ids.A, ids.Owner, ids.B, ids.C]), 200);
    expect(added).toEqual({ ...org, members: [{ id: ids.A, name: "A" }, { id: ids.C, name: "C" }, { id: ids.B, name: "B" }] });
    expect(await expectJson(await addMembers(tenant, org.id, []), 200)).toEqual(added);
  });

  it("refuses an unknown organization (404), unknown customers (422) and bad bodies (400), writing nothing", async () => {
    const tenant = await createTenant();
    const ids = await createCustomers(tenant, "Owner", "A");
    const org = await organization(tenant, ids.Owner);
    const noOrg = await expectJson(await addMembers(tenant, crypto.randomUUID(), [ids.A]), 404);
    expect(noOrg.error.type).toBe("CustomerOrganizationNotFound");
    const ghost = crypto.randomUUID();
    const unknown = await expectJson(await addMembers(tenant, org.id, [ids.A, ghost]), 422);
    expect(unknown.error).toEqual({ type: "CustomerNotFound", message: expect.stringContaining(ghost) });
    for (const body of [{}, { customerIds: ids.A }, { customerIds: [1] }, { memberIds: [ids.A] }]) {
      const error = await call("POST", `${ORGANIZATIONS}/${org.id}/members`, tenant.headers.sequence, body);
      expect((await expectJson(error, 400)).error.message).toContain("customerIds");
    }
    await nothingWritten(tenant, 1, 0);
  });
});

describe("PUT /api/customer-organizations/{id}/members", () => {
  it("makes the members exactly the given customers; removed ones are free to join elsewhere", async () => {
    const tenant = await createTenant();
    const ids = await createCustomers(tenant, "Owner", "A", "B", "C", "Elsewhere");
    const org = await organization(tenant, ids.Owner, [ids.A, ids.B]);
    const replaced = await expectJson(await replaceMembers(tenant, org.id, [ids.C, ids.B, ids.Owner]), 200);
    expect(replaced.members).toEqual([{ id: ids.B, name: "B" }, { id: ids.C, name: "C" }]);
    await organization(tenant, ids.Elsewhere, [ids.A]);
    const emptied = await expectJson(await replaceMembers(tenant, org.id, []), 200);
    expect(emptied).toEqual({ ...org, members: [] });
    await nothingWritten(tenant, 2, 1);
  });

  it("refuses an unknown organization (404) and unknown customers (422), keeping the members", async () => {
    const tenant = await createTenant();
    const ids = await createCustomers(tenant, "Owner", "A", "B");
    const org = await organization(tenant, ids.Owner, [ids.A]);
    expect((await replaceMembers(tenant, crypto.randomUUID(), [ids.B])).status).toBe(404);
    const ghost = crypto.randomUUID();
    const error = await expectJson(await replaceMembers(tenant, org.id, [ids.B, ghost]), 422);
    expect(error.error.message).toContain(ghost);
    expect(await expectJson(await call("GET", `${ORGANIZATIONS}/${org.id}`, tenant.headers.sequence), 200)).toEqual(org);
  });
});
