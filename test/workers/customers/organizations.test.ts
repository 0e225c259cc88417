import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { BASE, call, createTenant, expectJson } from "../helpers";
import {
  createCustomer,
  createCustomers,
  createOrganization,
  customerBody,
  CUSTOMERS,
  nothingWritten,
  organization,
  ORGANIZATIONS,
} from "./fixtures";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/;

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
      const response = await exports.default.fetch(`${BASE}${ORGANIZATIONS}`, {
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
