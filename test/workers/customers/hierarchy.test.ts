import { describe, expect, it } from "vitest";
import { call, createTenant, expectJson, type Tenant } from "../helpers";
import {
  addMembers,
  ancestors,
  countRows,
  createCustomers,
  createOrganization,
  edges,
  organization,
  ORGANIZATIONS,
  replaceMembers,
} from "./fixtures";

/** A chain A > B > C > D: A's organization holds B, B's holds C, C's holds D, D owns an empty one. */
async function chain(tenant: Tenant) {
  const ids = await createCustomers(tenant, "A", "B", "C", "D");
  const orgs = {
    A: (await organization(tenant, ids.A, [ids.B])).id as string,
    B: (await organization(tenant, ids.B, [ids.C])).id as string,
    C: (await organization(tenant, ids.C, [ids.D])).id as string,
    D: (await organization(tenant, ids.D)).id as string,
  };
  return { ids, orgs };
}

describe("a customer is a member of at most one organization", () => {
  it("refuses a second organization with 409 naming the customer and the organization it belongs to", async () => {
    const tenant = await createTenant();
    const ids = await createCustomers(tenant, "X", "Y", "M", "N");
    const first = await organization(tenant, ids.X, [ids.M]);
    const error = await expectJson(await createOrganization(tenant, ids.Y, [ids.N, ids.M]), 409);
    expect(error.error.type).toBe("CustomerAlreadyInOrganization");
    expect(error.error.message).toContain(`Customer ${ids.M} already belongs to organization ${first.id}`);
    expect(error.error.message).not.toContain(ids.N);
    expect(await countRows("customer_organizations", tenant)).toBe(1);
    expect(await edges(tenant)).toEqual([`${ids.X}>${ids.M}`]);
  });

  it("refuses it through add and replace as well, keeping both organizations as they were", async () => {
    const tenant = await createTenant();
    const ids = await createCustomers(tenant, "X", "Y", "M", "N", "Free");
    const x = await organization(tenant, ids.X, [ids.M]);
    const y = await organization(tenant, ids.Y, [ids.N]);
    for (const response of [await addMembers(tenant, y.id, [ids.Free, ids.M]), await replaceMembers(tenant, y.id, [ids.Free, ids.M])]) {
      const error = await expectJson(response, 409);
      expect(error.error.message).toContain(`Customer ${ids.M} already belongs to organization ${x.id}`);
    }
    expect(await edges(tenant)).toEqual([`${ids.X}>${ids.M}`, `${ids.Y}>${ids.N}`].sort());
  });

  it("names every conflicting customer", async () => {
    const tenant = await createTenant();
    const ids = await createCustomers(tenant, "X", "Y", "M", "N");
    const x = await organization(tenant, ids.X, [ids.M, ids.N]);
    const error = await expectJson(await createOrganization(tenant, ids.Y, [ids.M, ids.N]), 409);
    for (const id of [ids.M, ids.N]) expect(error.error.message).toContain(`Customer ${id} already belongs to organization ${x.id}`);
  });

  it("lets an owner own several organizations and be a member of another", async () => {
    const tenant = await createTenant();
    const ids = await createCustomers(tenant, "Top", "Mid", "Left", "Right");
    const top = await organization(tenant, ids.Top, [ids.Mid]);
    const left = await organization(tenant, ids.Mid, [ids.Left]);
    const right = await organization(tenant, ids.Mid, [ids.Right]);
    const mid = await expectJson(await call("GET", `/api/customers/${ids.Mid}`, tenant.headers.sequence), 200);
    expect(mid.organizations).toEqual([top, left, right]);
    expect(await ancestors(tenant, ids.Right)).toEqual([ids.Mid, ids.Top]);
  });
});

describe("no customer ends up under itself", () => {
  it("refuses the owner's own parent as a member (two levels)", async () => {
    const tenant = await createTenant();
    const ids = await createCustomers(tenant, "P", "Q");
    const p = await organization(tenant, ids.P, [ids.Q]);
    const error = await expectJson(await createOrganization(tenant, ids.Q, [ids.P]), 409);
    expect(error.error.type).toBe("CustomerOrganizationCycle");
    expect(error.error.message).toContain(`Customer ${ids.P} cannot become a member under ${ids.Q}`);
    expect(error.error.message).toContain(`through organization ${p.id}`);
    expect(await countRows("customer_organizations", tenant)).toBe(1);
  });

  it("refuses the root of a four-level chain under its deepest descendant, by create, add and replace", async () => {
    const tenant = await createTenant();
    const { ids, orgs } = await chain(tenant);
    const before = await edges(tenant);
    for (const response of [
      await createOrganization(tenant, ids.D, [ids.A]),
      await addMembers(tenant, orgs.D, [ids.A]),
      await replaceMembers(tenant, orgs.D, [ids.A]),
      await addMembers(tenant, orgs.C, [ids.A]),
    ]) {
      const error = await expectJson(response, 409);
      expect(error.error.type).toBe("CustomerOrganizationCycle");
      expect(error.error.message).toContain(`Customer ${ids.A} cannot become a member under`);
      expect(error.error.message).toContain(`through organization ${orgs.A}`);
    }
    expect(await edges(tenant)).toEqual(before);
    expect(await countRows("customer_organizations", tenant)).toBe(4);
  });

  it("refuses an inner customer of the chain because it already has a parent", async () => {
    const tenant = await createTenant();
    const { ids, orgs } = await chain(tenant);
    const error = await expectJson(await addMembers(tenant, orgs.D, [ids.B]), 409);
    expect(error.error.type).toBe("CustomerAlreadyInOrganization");
    expect(error.error.message).toContain(`Customer ${ids.B} already belongs to organization ${orgs.A}`);
  });

  it("accepts moves that keep a tree: a free root under another tree, and a freed root under its former descendant", async () => {
    const tenant = await createTenant();
    const { ids, orgs } = await chain(tenant);
    const [other] = Object.values(await createCustomers(tenant, "Other"));
    await expectJson(await addMembers(tenant, orgs.D, [other!]), 200);
    expect(await ancestors(tenant, other!)).toEqual([ids.D, ids.C, ids.B, ids.A]);
    // Once A's organization is gone, B's subtree is its own tree and A may join it at the bottom.
    await expectJson(await call("DELETE", `${ORGANIZATIONS}/${orgs.A}`, tenant.headers.sequence), 200);
    await expectJson(await addMembers(tenant, orgs.D, [ids.A]), 200);
    expect(await ancestors(tenant, ids.A)).toEqual([ids.D, ids.C, ids.B]);
  });

  it("reports unknown ids before a cycle", async () => {
    const tenant = await createTenant();
    const { ids, orgs } = await chain(tenant);
    const ghost = crypto.randomUUID();
    const unknown = await expectJson(await addMembers(tenant, orgs.D, [ids.A, ghost]), 422);
    expect(unknown.error.message).toContain(ghost);
    expect(unknown.error.message).not.toContain(ids.A);
  });
});

describe("under concurrent requests", () => {
  it("lets exactly one of two organizations take the same customer", async () => {
    for (let round = 0; round < 5; round++) {
      const tenant = await createTenant();
      const ids = await createCustomers(tenant, "X", "Y", "M");
      const responses = await Promise.all([
        createOrganization(tenant, ids.X, [ids.M]),
        createOrganization(tenant, ids.Y, [ids.M]),
      ]);
      expect(responses.map((response) => response.status).sort()).toEqual([201, 409]);
      const winner = await expectJson(responses.find((response) => response.status === 201)!, 201);
      const loser = await expectJson(responses.find((response) => response.status === 409)!, 409);
      expect(loser.error.message).toContain(`Customer ${ids.M} already belongs to organization ${winner.id}`);
      expect(await countRows("customer_organizations", tenant)).toBe(1);
      expect(await edges(tenant)).toEqual([`${winner.owner.id}>${ids.M}`]);
    }
  });

  it("lets exactly one of many mixed requests (creates, adds, replaces) take the same customer", async () => {
    const tenant = await createTenant();
    const owners = Object.values(await createCustomers(tenant, "O1", "O2", "O3", "O4", "O5", "O6")) as string[];
    const [contested] = Object.values(await createCustomers(tenant, "Contested")) as string[];
    const existing = [await organization(tenant, owners[0]!), await organization(tenant, owners[1]!)];
    const responses = await Promise.all([
      addMembers(tenant, existing[0].id, [contested!]),
      replaceMembers(tenant, existing[1].id, [contested!]),
      ...owners.slice(2).map((owner) => createOrganization(tenant, owner, [contested!])),
    ]);
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status < 300)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(5);
    expect(await countRows("customer_organization_members", tenant)).toBe(1);
    expect(await countRows("customer_organizations", tenant)).toBe(statuses.includes(201) ? 3 : 2);
  });

  it("refuses one of two requests that together would make two customers each other's parent", async () => {
    for (let round = 0; round < 5; round++) {
      const tenant = await createTenant();
      const ids = await createCustomers(tenant, "X", "Y");
      const x = await organization(tenant, ids.X);
      const y = await organization(tenant, ids.Y);
      const responses = await Promise.all([addMembers(tenant, x.id, [ids.Y]), addMembers(tenant, y.id, [ids.X])]);
      expect(responses.map((response) => response.status).sort()).toEqual([200, 409]);
      const refused = await expectJson(responses.find((response) => response.status === 409)!, 409);
      expect(refused.error.type).toBe("CustomerOrganizationCycle");
      expect(await edges(tenant)).toHaveLength(1);
    }
  });

  it("refuses exactly one of three requests that together would close a three-level cycle", async () => {
    for (let round = 0; round < 5; round++) {
      const tenant = await createTenant();
      const ids = await createCustomers(tenant, "A", "B", "C");
      const orgs = [await organization(tenant, ids.A), await organization(tenant, ids.B), await organization(tenant, ids.C)];
      // A > B, B > C and C > A: any two form a path, all three a cycle.
      const responses = await Promise.all([
        addMembers(tenant, orgs[0].id, [ids.B]),
        addMembers(tenant, orgs[1].id, [ids.C]),
        createOrganization(tenant, ids.C, [ids.A]),
      ]);
      const statuses = responses.map((response) => response.status);
      expect(statuses.filter((status) => status === 409)).toHaveLength(1);
      expect(await edges(tenant)).toHaveLength(2);
      for (const id of Object.values(ids)) await ancestors(tenant, id); // throws on a loop
    }
  });
});
