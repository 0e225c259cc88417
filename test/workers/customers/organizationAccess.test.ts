import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { BASE, call, createTenant, expectJson } from "../helpers";
import {
  addMembers,
  createCustomers,
  createOrganization,
  nothingWritten,
  organization,
  ORGANIZATIONS,
  replaceMembers,
} from "./fixtures";

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
        await exports.default.fetch(`${BASE}/admin/workspaces/${tenant.workspaceId}/api-keys`, {
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
