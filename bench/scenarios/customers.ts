/** Rows for issue 4: Sequence customers and customer organizations. */
import type { Fixture } from "../fixture.ts";
import { TABLES, call, clonePool, createOrg, customerBody, inParallel, templateCustomer, unique } from "../makers.ts";
import { pick, type Scenario } from "./types.ts";

const ISSUE = 4;
/** Sequence's customers as API version 2024-07-30 has them: filters, aliases, contacts. */
const ISSUE_2024_07_30 = 17;

/** `count` organizations, each owned by a fresh customer, made through the API. */
async function freshOrgs(fx: Fixture, count: number): Promise<string[]> {
  const owners = await clonePool(fx, TABLES.customers, await templateCustomer(fx), count);
  return inParallel(count, 8, (i) => createOrg(fx, owners[i]!, []));
}

export const customers: Scenario[] = [
  {
    route: "POST /api/customers",
    surface: "sequence",
    issue: ISSUE,
    workspace: "own",
    prepare: () => (n) => ({ method: "POST", path: "/api/customers", body: customerBody(unique(`bench_new_${n}`)) }),
  },
  {
    route: "GET /api/customers",
    surface: "sequence",
    shape: "list",
    issue: ISSUE,
    prepare: () => () => ({ method: "GET", path: "/api/customers" }),
  },
  {
    route: "GET /api/customers",
    variant: "email=",
    surface: "sequence",
    shape: "list",
    issue: ISSUE,
    prepare: (fx) => (n) => ({ method: "GET", path: `/api/customers?email=${encodeURIComponent(pick(fx.customers, n).email ?? "nobody@bench.test")}` }),
  },
  {
    route: "GET /api/customers",
    variant: "sortBy=customProperties.tier",
    surface: "sequence",
    shape: "list",
    issue: ISSUE_2024_07_30,
    prepare: () => () => ({ method: "GET", path: "/api/customers?sortBy=customProperties.tier" }),
  },
  {
    route: "GET /api/customers/by-alias/:alias",
    surface: "sequence",
    issue: ISSUE_2024_07_30,
    prepare: async (fx) => {
      const name = unique("bench_alias");
      await call(fx, "sequence", { method: "POST", path: "/api/customers", body: { ...customerBody(name), customerAliases: [name] } }, [201]);
      return () => ({ method: "GET", path: `/api/customers/by-alias/${name}` });
    },
  },
  {
    route: "GET /api/customer-aliases",
    surface: "sequence",
    shape: "list",
    issue: ISSUE_2024_07_30,
    prepare: () => () => ({ method: "GET", path: "/api/customer-aliases" }),
  },
  {
    route: "GET /api/customers/:id",
    surface: "sequence",
    issue: ISSUE,
    prepare: (fx) => (n) => ({ method: "GET", path: `/api/customers/${pick(fx.customers, n).id}` }),
  },
  {
    route: "PUT /api/customers/:id",
    surface: "sequence",
    issue: ISSUE,
    prepare: (fx) => (n) => ({ method: "PUT", path: `/api/customers/${pick(fx.customers, n).id}`, body: customerBody(`bench_put_${n}`) }),
  },
  {
    route: "POST /api/customer-organizations",
    variant: "owner + 1 member",
    surface: "sequence",
    issue: ISSUE,
    workspace: "own",
    prepare: async (fx, count) => {
      const pool = await clonePool(fx, TABLES.customers, await templateCustomer(fx), 2 * count);
      return (n) => ({
        method: "POST",
        path: "/api/customer-organizations",
        body: { ownerId: pick(pool, 2 * n), memberIds: [pick(pool, 2 * n + 1)] },
      });
    },
  },
  {
    route: "GET /api/customer-organizations",
    surface: "sequence",
    shape: "list",
    issue: ISSUE,
    prepare: () => () => ({ method: "GET", path: "/api/customer-organizations" }),
  },
  {
    route: "GET /api/customer-organizations/:id",
    surface: "sequence",
    issue: ISSUE,
    prepare: (fx) => (n) => ({ method: "GET", path: `/api/customer-organizations/${pick(fx.orgs, n)}` }),
  },
  {
    route: "POST /api/customer-organizations/:id/members",
    variant: "add 1",
    surface: "sequence",
    issue: ISSUE,
    workspace: "own",
    prepare: async (fx, count) => {
      const orgs = await freshOrgs(fx, 64);
      const pool = await clonePool(fx, TABLES.customers, await templateCustomer(fx), count);
      return (n) => ({ method: "POST", path: `/api/customer-organizations/${pick(orgs, n)}/members`, body: { customerIds: [pick(pool, n)] } });
    },
  },
  {
    route: "PUT /api/customer-organizations/:id/members",
    variant: "replace with 1",
    surface: "sequence",
    issue: ISSUE,
    workspace: "own",
    prepare: async (fx, count) => {
      const orgs = await freshOrgs(fx, 64);
      const pool = await clonePool(fx, TABLES.customers, await templateCustomer(fx), count);
      return (n) => ({ method: "PUT", path: `/api/customer-organizations/${pick(orgs, n)}/members`, body: { customerIds: [pick(pool, n)] } });
    },
  },
  {
    route: "DELETE /api/customer-organizations/:id",
    surface: "sequence",
    issue: ISSUE,
    workspace: "own",
    amount: 1000,
    prepare: async (fx, count) => {
      const orgs = await freshOrgs(fx, count);
      return (n) => ({ method: "DELETE", path: `/api/customer-organizations/${pick(orgs, n)}` });
    },
  },
];
