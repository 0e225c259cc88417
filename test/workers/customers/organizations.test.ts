import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { BASE, call, createTenant, expectJson, type Tenant } from "../helpers";
import {
  addMembers,
  countRows,
  createCustomer,
  createCustomers,
  createOrganization,
  customerBody,
  CUSTOMERS,
  organization,
  ORGANIZATIONS,
  replaceMembers,
} from "./fixtures";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/;

async function nothingWritten(tenant: Tenant, organizations = 0, members = 0) {
  expect(await countRows("customer_organizations", tenant)).toBe(organizations);
  expect(await countRows("customer_organization_members", tenant)).toBe(members);
}

describe("POST /api/customer-organizations", () => {
  it("answers Sequence's example: the owner listed among memberIds is dropped, names are legal names", async () => {
    const tenant = await createTenant();
    const owner = await createCustomer(tenant, "FinTech Solutions Inc.");
    const member = await createCustomer(tenant, "Fintech Payment Processing");
    const response = await createOrganization(tenant, owner.id, [member.id, owner.id]);
    expect(response.headers.get("sequence-version")).toBe("2024-07-30");
    expect(await expectJson(response, 201)).toEqual({
      id: expect.stringMatching(UUID),
      owner: { id: owner.id, name: "FinTech Solutions Inc." },
      members: [{ id: member.id, name: "Fintech Payment Processing" }],
    });
  });

  it("keeps the request's order, collapses duplicates, and accepts no members", async () => {
    const tenant = await createTenant();
    const ids = await createCustomers(tenant, "Owner", "C", "A", "B", "Solo");
    const org = await organization(tenant, ids.Owner, [ids.C, ids.A, ids.C, ids.B, ids.A]);
    expect(org.members).toEqual([
      { id: ids.C, name: "C" },
      { id: ids.A, name: "A" },
      { id: ids.B, name: "B" },
    ]);
    const empty = await organization(tenant, ids.Solo, []);
    expect(empty).toEqual({ id: expect.stringMatching(UUID), owner: { id: ids.Solo, name: "Solo" }, members: [] });
  });

  it("shows the organization on the owner and on each member", async () => {
    const tenant = await createTenant();
    const ids = await createCustomers(tenant, "Owner", "Member", "Other");
    const org = await organization(tenant, ids.Owner, [ids.Member]);
    for (const id of [ids.Owner, ids.Member]) {
      const customer = await expectJson(await call("GET", `${CUSTOMERS}/${id}`, tenant.headers.sequence), 200);
      expect(customer.organizations).toEqual([org]);
    }
    const other = await expectJson(await call("GET", `${CUSTOMERS}/${ids.Other}`, tenant.headers.sequence), 200);
    expect(other.organizations).toEqual([]);
  });

  it("answers with current names after a customer is renamed", async () => {
    const tenant = await createTenant();
    const ids = await createCustomers(tenant, "Owner", "Old Name");
    const org = await organization(tenant, ids.Owner, [ids["Old Name"]]);
    const renamed = await call("PUT", `${CUSTOMERS}/${ids["Old Name"]}`, tenant.headers.sequence, customerBody("New Name"));
    expect((await expectJson(renamed, 200)).organizations[0].members).toEqual([{ id: ids["Old Name"], name: "New Name" }]);
    const fetched = await expectJson(await call("GET", `${ORGANIZATIONS}/${org.id}`, tenant.headers.sequence), 200);
    expect(fetched.members).toEqual([{ id: ids["Old Name"], name: "New Name" }]);
  });

  it("refuses unknown customer ids with 422 naming each of them, writing nothing", async () => {
    const tenant = await createTenant();
    const known = await createCustomers(tenant, "Owner", "Member");
    const ghostOwner = crypto.randomUUID();
    const ghosts = [crypto.randomUUID(), crypto.randomUUID()];
    const unknownOwner = await expectJson(await createOrganization(tenant, ghostOwner, [known.Member]), 422);
    expect(unknownOwner.error.type).toBe("CustomerNotFound");
    expect(unknownOwner.error.message).toContain(ghostOwner);
    const unknownMembers = await expectJson(await createOrganization(tenant, known.Owner, [known.Member, ...ghosts]), 422);
    for (const ghost of ghosts) expect(unknownMembers.error.message).toContain(ghost);
    expect(unknownMembers.error.message).not.toContain(known.Member);
    await nothingWritten(tenant);
  });

  const owner = crypto.randomUUID();
  it.each([
    [{ memberIds: [] }, "ownerId"],
    [{ ownerId: owner }, "memberIds"],
    [{ ownerId: 7, memberIds: [] }, "ownerId"],
    [{ ownerId: "not-a-uuid", memberIds: [] }, "ownerId"],
    [{ ownerId: owner, memberIds: owner }, "memberIds"],
    [{ ownerId: owner, memberIds: [owner, 3] }, "memberIds.1"],
    [{ ownerId: owner, memberIds: ["nope"] }, "memberIds.0"],
    [{ ownerId: owner, memberIds: Array.from({ length: 1001 }, () => crypto.randomUUID()) }, "memberIds"],
  ])("refuses %j with 400 naming %s", async (body, field) => {
    const tenant = await createTenant();
    const error = await expectJson(await call("POST", ORGANIZATIONS, tenant.headers.sequence, body), 400);
    expect(error.error.type).toBe("InvalidInput");
    expect(error.error.message).toContain(field);
    await nothingWritten(tenant);
  });

  it("refuses a non-JSON body (415) and malformed JSON (400)", async () => {
    const tenant = await createTenant();
    const ids = await createCustomers(tenant, "Owner");
    for (const [contentType, body, status] of [
      ["text/plain", JSON.stringify({ ownerId: ids.Owner, memberIds: [] }), 415],
      ["application/json", `{"ownerId": "${ids.Owner}", "memberIds": [`, 400],
    ] as const) {
      const response = await SELF.fetch(`${BASE}${ORGANIZATIONS}`, {
        method: "POST",
        headers: { ...tenant.headers.sequence, "content-type": contentType },
        body,
      });
      expect(response.status).toBe(status);
    }
    await nothingWritten(tenant);
  });
});

describe("GET /api/customer-organizations and /{id}", () => {
  it("gets one, and 404 CustomerOrganizationNotFound for an unknown id", async () => {
    const tenant = await createTenant();
    const ids = await createCustomers(tenant, "Owner", "Member");
    const org = await organization(tenant, ids.Owner, [ids.Member]);
    expect(await expectJson(await call("GET", `${ORGANIZATIONS}/${org.id}`, tenant.headers.sequence), 200)).toEqual(org);
    for (const id of [crypto.randomUUID(), "nope"]) {
      const missing = await expectJson(await call("GET", `${ORGANIZATIONS}/${id}`, tenant.headers.sequence), 404);
      expect(missing.error.type).toBe("CustomerOrganizationNotFound");
    }
  });

  it("lists in creation order with Sequence's cursors, never skipping or repeating", async () => {
    const tenant = await createTenant();
    const ids = await createCustomers(tenant, "O1", "O2", "O3", "O4", "O5", "M");
    const orgs = [
      await organization(tenant, ids.O1, [ids.M]),
      await organization(tenant, ids.O2, [ids.O1]),
      await organization(tenant, ids.O3),
      await organization(tenant, ids.O4, [ids.O3, ids.O5]),
      await organization(tenant, ids.O5),
    ];
    const first = await expectJson(await call("GET", `${ORGANIZATIONS}?limit=2`, tenant.headers.sequence), 200);
    expect(first).toEqual({ items: orgs.slice(0, 2), pagination: { after: orgs[1].id, before: null, totalResultSize: 5 } });
    const second = await expectJson(await call("GET", `${ORGANIZATIONS}?limit=2&after=${orgs[1].id}`, tenant.headers.sequence), 200);
    expect(second).toEqual({ items: orgs.slice(2, 4), pagination: { after: orgs[3].id, before: orgs[2].id, totalResultSize: 5 } });
    const third = await expectJson(await call("GET", `${ORGANIZATIONS}?limit=2&after=${orgs[3].id}`, tenant.headers.sequence), 200);
    expect(third).toEqual({ items: orgs.slice(4), pagination: { after: null, before: orgs[4].id, totalResultSize: 5 } });
    const back = await expectJson(await call("GET", `${ORGANIZATIONS}?limit=3&before=${orgs[4].id}`, tenant.headers.sequence), 200);
    expect(back.items).toEqual(orgs.slice(1, 4));
    expect(back.pagination).toEqual({ after: orgs[3].id, before: orgs[1].id, totalResultSize: 5 });
    const bad = await expectJson(await call("GET", `${ORGANIZATIONS}?limit=0`, tenant.headers.sequence), 400);
    expect(bad.error.message).toContain("limit");
  });
});

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

describe("DELETE /api/customer-organizations/{id}", () => {
  it("answers with the organization as it was and frees its members", async () => {
    const tenant = await createTenant();
    const ids = await createCustomers(tenant, "Owner", "A", "Next");
    const org = await organization(tenant, ids.Owner, [ids.A]);
    expect(await expectJson(await call("DELETE", `${ORGANIZATIONS}/${org.id}`, tenant.headers.sequence), 200)).toEqual(org);
    expect((await call("GET", `${ORGANIZATIONS}/${org.id}`, tenant.headers.sequence)).status).toBe(404);
    const again = await expectJson(await call("DELETE", `${ORGANIZATIONS}/${org.id}`, tenant.headers.sequence), 404);
    expect(again.error.type).toBe("CustomerOrganizationNotFound");
    const customer = await expectJson(await call("GET", `${CUSTOMERS}/${ids.A}`, tenant.headers.sequence), 200);
    expect(customer.organizations).toEqual([]);
    await nothingWritten(tenant, 0, 0);
    await organization(tenant, ids.Next, [ids.A]);
  });
});

describe("credentials and permissions", () => {
  const routes = (orgId: string, customerId: string) =>
    [
      ["POST", ORGANIZATIONS, { ownerId: customerId, memberIds: [] }, "customers_write"],
      ["GET", ORGANIZATIONS, undefined, "customers_read"],
      ["GET", `${ORGANIZATIONS}/${orgId}`, undefined, "customers_read"],
      ["POST", `${ORGANIZATIONS}/${orgId}/members`, { customerIds: [] }, "customers_write"],
      ["PUT", `${ORGANIZATIONS}/${orgId}/members`, { customerIds: [] }, "customers_write"],
      ["DELETE", `${ORGANIZATIONS}/${orgId}`, undefined, "customers_write"],
    ] as const;

  it("answers 401 without or with wrong credentials, and 403 without the permission", async () => {
    const tenant = await createTenant();
    const ids = await createCustomers(tenant, "Owner", "Other");
    const org = await organization(tenant, ids.Owner);
    const key = async (permissions: string[]) => {
      const created = await expectJson<{ id: string; secret: string }>(
        await SELF.fetch(`${BASE}/admin/workspaces/${tenant.workspaceId}/api-keys`, {
          method: "POST",
          headers: { authorization: "Bearer test-admin-token", "content-type": "application/json" },
          body: JSON.stringify({ label: "limited", permissions }),
        }),
        201,
      );
      return { authorization: `Basic ${btoa(`${created.id}:${created.secret}`)}` };
    };
    const readOnly = await key(["customers_read"]);
    const writeOnly = await key(["customers_write"]);
    for (const [method, path, body, permission] of routes(org.id, ids.Other)) {
      const badCredentials: Record<string, string>[] = [{}, { authorization: `Basic ${btoa(`${tenant.keyId}:wrong`)}` }];
      for (const headers of badCredentials) {
        expect((await expectJson(await call(method, path, headers, body), 401)).error.type).toBe("Unauthorized");
      }
      const lacking = permission === "customers_write" ? readOnly : writeOnly;
      expect((await expectJson(await call(method, path, lacking, body), 403)).error.type).toBe("Forbidden");
    }
    await nothingWritten(tenant, 1, 0);
  });
});

describe("tenant isolation", () => {
  it("B gets 404 for A's organizations and never lists them", async () => {
    const a = await createTenant();
    const b = await createTenant();
    const ids = await createCustomers(a, "Owner", "Member");
    const org = await organization(a, ids.Owner, [ids.Member]);
    const bOwn = await createCustomers(b, "B Owner");
    for (const [method, path, body] of [
      ["GET", `${ORGANIZATIONS}/${org.id}`, undefined],
      ["POST", `${ORGANIZATIONS}/${org.id}/members`, { customerIds: [bOwn["B Owner"]] }],
      ["PUT", `${ORGANIZATIONS}/${org.id}/members`, { customerIds: [] }],
      ["DELETE", `${ORGANIZATIONS}/${org.id}`, undefined],
    ] as const) {
      const error = await expectJson(await call(method, path, b.headers.sequence, body), 404);
      expect(error.error.type).toBe("CustomerOrganizationNotFound");
    }
    const listed = await expectJson(await call("GET", ORGANIZATIONS, b.headers.sequence), 200);
    expect(listed).toEqual({ items: [], pagination: { after: null, before: null, totalResultSize: 0 } });
    expect(await expectJson(await call("GET", `${ORGANIZATIONS}/${org.id}`, a.headers.sequence), 200)).toEqual(org);
  });

  it("B cannot put A's customers into an organization: 422 naming them, nothing written", async () => {
    const a = await createTenant();
    const b = await createTenant();
    const aIds = await createCustomers(a, "A Owner", "A Member");
    const bIds = await createCustomers(b, "B Owner", "B Member");
    const asOwner = await expectJson(await createOrganization(b, aIds["A Owner"], [bIds["B Member"]]), 422);
    expect(asOwner.error.message).toContain(aIds["A Owner"]);
    const asMember = await expectJson(await createOrganization(b, bIds["B Owner"], [aIds["A Member"]]), 422);
    expect(asMember.error).toEqual({ type: "CustomerNotFound", message: expect.stringContaining(aIds["A Member"]) });
    await nothingWritten(b);
    const bOrg = await organization(b, bIds["B Owner"]);
    expect((await addMembers(b, bOrg.id, [aIds["A Member"]])).status).toBe(422);
    expect((await replaceMembers(b, bOrg.id, [aIds["A Member"]])).status).toBe(422);
    await nothingWritten(b, 1, 0);
    await nothingWritten(a);
    // A's customer is still free to join A's own organization.
    await organization(a, aIds["A Owner"], [aIds["A Member"]]);
  });
});
