import { exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { METER_REQUEST_HEADER } from "../../../bench/worker/meter";
import { SCAN_WINDOW } from "../../../src/db/search/listUsers";
import { SEARCH_CANDIDATES } from "../../../src/db/search/trigramIndex";
import { encodeCursor } from "../../../src/surfaces/sequencePagination";
import { BASE, createTenant, type Tenant } from "../../workers/helpers";
import {
  seedArchivedCustomers,
  seedCustomers,
  seedSeatHolders,
  seedSeatMetrics,
  seededCreatedAt,
  seededCustomerId,
  seededOrganizationId,
  seededUser,
  seedUsers,
} from "../../workers/seed";

/**
 * D1 bills rows read and written. A list, get or count whose cost grows with
 * the table is a defect (issue 6), so every such request is metered in a
 * workspace of N rows per table and in one of 10 N: the costs must be equal.
 * Row counts only, no timing.
 */
const N = 200;

type Surface = keyof Tenant["headers"];
interface Probe {
  surface: Surface;
  method: string;
  path: string;
  body?: unknown;
}

/** Everything one request costs, the Durable Object's share included. */
interface Cost {
  status: number;
  /** D1 round trips (a batch is one). */
  calls: number;
  queries: number;
  rowsRead: number;
  rowsWritten: number;
}

async function cost(tenant: Tenant, probe: Probe): Promise<Cost> {
  const headers: Record<string, string> = { ...tenant.headers[probe.surface], [METER_REQUEST_HEADER]: "1" };
  if (probe.body !== undefined) headers["content-type"] = "application/json";
  // exports.default is the bench Worker (bench/worker/wrangler.toml): the real one behind the meter.
  const response = await exports.default.fetch(`${BASE}${probe.path}`, {
    method: probe.method,
    headers,
    body: probe.body === undefined ? undefined : JSON.stringify(probe.body),
  });
  await response.arrayBuffer();
  const header = (name: string) => Number(response.headers.get(`x-d1-${name}`));
  return { status: response.status, calls: header("calls"), queries: header("queries"), rowsRead: header("rows-read"), rowsWritten: header("rows-written") };
}

/**
 * A workspace seeded with `size` users (all holding an apm seat), seat
 * metrics, customers (with a contact and an alias each, a custom property on
 * every fifth) and as many archived customers, newer than all of those.
 */
async function seeded(tag: string, size: number): Promise<Tenant> {
  const tenant = await createTenant();
  await seedUsers(tenant.workspaceId, tag, size);
  await seedSeatMetrics(tenant.workspaceId, size);
  await seedSeatHolders(tenant.workspaceId);
  await seedCustomers(tenant.workspaceId, size);
  await seedArchivedCustomers(tenant.workspaceId, size);
  // The Worker now knows the key: it is checked inside each request's own batch.
  expect((await cost(tenant, { surface: "seam", method: "GET", path: "/user_identities/list?limit=1" })).calls).toBe(2);
  return tenant;
}

/** The requests whose cost must not depend on the table size, in the order they run (writes last). */
function probes(tag: string): Record<string, Probe> {
  const user = seededUser(tag, 7);
  const holder = seededUser(tag, 9);
  const seat = (code: string, ids: string[]) => ({ data: { type: "seat-assignments", attributes: { product_code: code, user_uuids: ids } } });
  return {
    "seam get by id": { surface: "seam", method: "GET", path: `/user_identities/get?user_identity_id=${user.id}` },
    "seam get by key": { surface: "seam", method: "POST", path: "/user_identities/get", body: { user_identity_key: user.key } },
    "seam get by id and key": {
      surface: "seam",
      method: "POST",
      path: "/user_identities/get",
      body: { user_identity_id: user.id, user_identity_key: user.key },
    },
    "seam list": { surface: "seam", method: "GET", path: "/user_identities/list?limit=100" },
    "seam list after a cursor": {
      surface: "seam",
      method: "GET",
      path: `/user_identities/list?limit=50&page_cursor=${btoa(seededUser(tag, 20).id)}`,
    },
    "seam list search (indexed)": { surface: "seam", method: "GET", path: `/user_identities/list?search=${user.key.toUpperCase()}` },
    // A long term: its first window ("Person 0") is common, the next one rare.
    "seam list search (indexed, by a window)": {
      surface: "seam",
      method: "GET",
      path: `/user_identities/list?search=${encodeURIComponent(user.name)}`,
    },
    "seam list created_before (short last page)": {
      surface: "seam",
      method: "GET",
      path: `/user_identities/list?limit=100&created_before=${encodeURIComponent(seededCreatedAt(30))}`,
    },
    "seam list user_identity_ids": {
      surface: "seam",
      method: "GET",
      path: `/user_identities/list?user_identity_ids=${user.id}&user_identity_ids=${holder.id}&search=person`,
    },
    "sendblue list": { surface: "sendblue", method: "GET", path: "/api/v2/seats?limit=100" },
    "sendblue list offset": { surface: "sendblue", method: "GET", path: "/api/v2/seats?limit=50&offset=50" },
    "sendblue list email": { surface: "sendblue", method: "GET", path: `/api/v2/seats?email=${encodeURIComponent(user.email.toLowerCase())}` },
    "sendblue count": { surface: "sendblue", method: "GET", path: "/api/v2/seats/count" },
    "sendblue count email": { surface: "sendblue", method: "GET", path: `/api/v2/seats/count?email=${encodeURIComponent(user.email)}` },
    "sendblue get by id": { surface: "sendblue", method: "GET", path: `/api/v2/seats/${user.id}` },
    "sendblue get by key": { surface: "sendblue", method: "GET", path: `/api/v2/seats/${user.key}` },
    "seat metrics list": { surface: "sequence", method: "GET", path: "/api/seat-metrics" },
    ...customerProbes(),
    "organizations list": { surface: "sequence", method: "GET", path: "/api/customer-organizations" },
    "organization get": { surface: "sequence", method: "GET", path: `/api/customer-organizations/${seededOrganizationId(2)}` },
    "datadog holders": { surface: "datadog", method: "GET", path: "/api/v2/seats/users?product_code=apm&page%5Blimit%5D=100" },
    "datadog assign": { surface: "datadog", method: "POST", path: "/api/v2/seats/users", body: seat("logs", [user.id]) },
    "datadog unassign": { surface: "datadog", method: "DELETE", path: "/api/v2/seats/users", body: seat("logs", [user.id]) },
    ...customerWriteProbes(),
    "seam delete (a user holding two seats)": {
      surface: "seam",
      method: "POST",
      path: "/user_identities/delete",
      body: { user_identity_id: seededUser(tag, 3).id },
    },
  };
}

/** A cursor of sortBy=customProperties.tier among the customers without it, at `id`. */
const withoutTier = (id: string) => encodeCursor(["customProperties.tier", 1, "", id]);

/** Every list filter and order of GET /api/customers, and the customer reads (issue 17). */
function customerProbes(): Record<string, Probe> {
  const get = (path: string): Probe => ({ surface: "sequence", method: "GET", path });
  const id = seededCustomerId(10);
  const lists: Record<string, string> = {
    "": "",
    ASC: "sortOrder=ASC",
    includeArchived: "includeArchived=true",
    email: "email=c7%40cost.test",
    "email of an archived customer": "email=archived-1000003%40cost.test&includeArchived=true",
    legalName: "legalName=Customer%20000007",
    alias: "alias=alias-7",
    label: "label=label-7",
    "billingStatus ACTIVE": "billingStatus=ACTIVE",
    "billingStatus INACTIVE": "billingStatus=INACTIVE",
    "every filter": "legalName=Customer%20000007&email=c7%40cost.test&alias=alias-7&label=label-7&includeArchived=true",
    "sortBy legalName": "sortBy=legalName",
    "sortBy legalName ASC, archived too": "sortBy=legalName&sortOrder=ASC&includeArchived=true",
    "sortBy a custom property": "sortBy=customProperties.tier",
    "sortBy a custom property ASC": "sortBy=customProperties.tier&sortOrder=ASC",
    "sortBy a custom property ASC, archived too": "sortBy=customProperties.tier&sortOrder=ASC&includeArchived=true",
    "sortBy a custom property nobody has": "sortBy=customProperties.nobody&sortOrder=ASC",
    // Pages among the customers without it (every fifth of those read has it and is skipped).
    "sortBy a custom property, past those with it": `sortBy=customProperties.tier&after=${withoutTier("ffffffff-ffff-7fff-bfff-ffffffffffff")}`,
    "sortBy a custom property ASC, past those with it": `sortBy=customProperties.tier&sortOrder=ASC&after=${withoutTier("00000000-0000-7000-8000-000000000000")}`,
    "sortBy a custom property, filtered": "sortBy=customProperties.tier&label=label-10",
  };
  return {
    ...Object.fromEntries(Object.entries(lists).map(([label, query]) => [`customers list ${label}`.trim(), get(`/api/customers?${query}`)])),
    "customer get": get(`/api/customers/${seededCustomerId(3)}`),
    "customer by alias": get("/api/customers/by-alias/alias-9"),
    "customer aliases": get(`/api/customers/${id}/aliases`),
    "customer contacts": get(`/api/customers/${id}/contacts?includeArchived=true`),
    "aliases list": get("/api/customer-aliases"),
    "aliases list value": get("/api/customer-aliases?value=alias-5"),
    "custom property keys": get("/api/customer-custom-property-keys"),
  };
}

/** Customer writes: a child under a seeded parent with aliases and properties, a replace, archives. */
function customerWriteProbes(): Record<string, Probe> {
  const body = (name: string, fields: object = {}) => ({
    legalName: name,
    address: { line1: "1 Main Street", town: "London", postcode: "EC1A 1BB", country: "GB" },
    contacts: [{ name: "New", email: "new@cost.test", billingPreference: "PRIMARY" }],
    taxStatus: "TAXED",
    ...fields,
  });
  const write = (method: string, path: string, sent?: unknown): Probe => ({ surface: "sequence", method, path, body: sent });
  return {
    "customer create (child, aliases, properties)": write(
      "POST",
      "/api/customers",
      body("New child", { parentId: seededCustomerId(1), customerAliases: ["new-1", "new-2"], customProperties: { tier: "t9" } }),
    ),
    "customer replace": write("PUT", `/api/customers/${seededCustomerId(4)}`, body("Replaced", { customerAliases: ["alias-4", "more"], customProperties: {} })),
    "customer archive": write("POST", `/api/customers/${seededCustomerId(5)}/archive`),
    "contact create (a second PRIMARY)": write("POST", `/api/customers/${seededCustomerId(6)}/contacts`, { name: "P", email: "p@cost.test", billingPreference: "PRIMARY" }),
    "alias create": write("POST", "/api/customer-aliases", { customerId: seededCustomerId(8), value: "made-8" }),
  };
}

async function costs(tenant: Tenant, tag: string): Promise<Record<string, Cost>> {
  const measured: Record<string, Cost> = {};
  for (const [label, probe] of Object.entries(probes(tag))) measured[label] = await cost(tenant, probe);
  return measured;
}

describe(`D1 cost per request at ${N} and ${10 * N} rows per table`, () => {
  let small: Record<string, Cost>;
  let large: Record<string, Cost>;

  beforeAll(async () => {
    // Fences: both measured workspaces have a seeded neighbour on either side in every table,
    // so a read that steps onto the next workspace's first row does so at both sizes.
    await seeded("fence_before", 10);
    const [smallTenant, largeTenant] = [await seeded("small", N), await seeded("large", 10 * N)];
    await seeded("fence_after", 10);
    small = await costs(smallTenant, "small");
    large = await costs(largeTenant, "large");
  });

  it("every probe succeeds and is metered, the object's D1 work included", () => {
    for (const [label, measured] of Object.entries(small)) {
      expect(measured.status, label).toBeLessThan(300);
      expect(measured.queries, label).toBeGreaterThan(1);
    }
    // The object's verdict (which also checks the key, known to the Worker by now) and write.
    expect(small["datadog assign"]).toMatchObject({ queries: 2, rowsWritten: expect.any(Number) });
    expect(small["datadog assign"]!.rowsWritten).toBeGreaterThanOrEqual(2);
  });

  it("costs one D1 round trip per request: the key check rides in the request's own batch", () => {
    for (const [label, measured] of Object.entries(small)) expect(measured.calls, label).toBe(1);
  });

  it("is the same at both sizes, request by request", () => {
    expect(large).toEqual(small);
  });

  it("stays small: no request reads more than a page or two of rows", () => {
    for (const [label, measured] of Object.entries(large)) expect(measured.rowsRead, label).toBeLessThanOrEqual(260);
  });
});

describe("searches that the trigram index cannot serve alone", () => {
  it("read a bounded window: the same rows in a workspace of 3 and of 6 windows' size", async () => {
    const measured = [];
    for (const size of [3 * SCAN_WINDOW, 6 * SCAN_WINDOW]) {
      const tenant = await createTenant();
      await seedUsers(tenant.workspaceId, `wide${size}`, size);
      const costs: Record<string, number> = {};
      // Terms of 2 characters, and one of 3+ with more index hits than SEARCH_CANDIDATES.
      for (const search of ["zz", "99", "cost.test"]) {
        const { status, rowsRead } = await cost(tenant, { surface: "seam", method: "GET", path: `/user_identities/list?search=${search}` });
        expect(status).toBe(200);
        expect(rowsRead, search).toBeLessThanOrEqual(5 * (SEARCH_CANDIDATES + 1) + SCAN_WINDOW + 10);
        costs[search] = rowsRead;
      }
      measured.push(costs);
    }
    expect(measured[1]).toEqual(measured[0]);
  });
});

describe("search in a workspace", () => {
  it(`reads the same rows whatever other workspaces hold, even ${SEARCH_CANDIDATES}+ users matching the term`, async () => {
    const [tenant, other] = [await createTenant(), await createTenant()];
    await seedUsers(tenant.workspaceId, "own", 30);
    // The Worker's first sight of the key costs a lookup; later requests check it in their own batch.
    await cost(tenant, { surface: "seam", method: "GET", path: "/user_identities/list?limit=1" });
    // Short, common, long, and a long term with a rare window: the index, the windows and the fallbacks.
    const terms = ["0@Cost.Test", "Person 0000", seededUser("own", 7).email, `Person 000017 own`];
    const searchCosts = async () => {
      const costs: Record<string, number> = {};
      for (const search of terms) {
        const { status, rowsRead } = await cost(tenant, { surface: "seam", method: "GET", path: `/user_identities/list?search=${encodeURIComponent(search)}` });
        expect(status).toBe(200);
        costs[search] = rowsRead;
      }
      return costs;
    };
    const alone = await searchCosts();
    await seedUsers(other.workspaceId, "own", SEARCH_CANDIDATES + 10);
    expect(await searchCosts()).toEqual(alone);
  });

  it("costs one round trip when one statement can answer, one more for each path it falls through", async () => {
    const tenant = await createTenant();
    await seedUsers(tenant.workspaceId, "trip", SEARCH_CANDIDATES + 10);
    await cost(tenant, { surface: "seam", method: "GET", path: "/user_identities/list?limit=1" });
    const trips = async (search: string) => {
      const { status, calls } = await cost(tenant, { surface: "seam", method: "GET", path: `/user_identities/list?search=${encodeURIComponent(search)}` });
      expect(status).toBe(200);
      return calls;
    };
    // Up to 8 characters: the whole term.
    expect(await trips("n 000017")).toBe(1);
    // Longer, with a rare window ("n 000017"): that window alone.
    expect(await trips("Person 000017 trip")).toBe(1);
    // Longer, every window common ("0@Cost.T", "ost.Test"): the windows, then the whole term (101 hits).
    expect(await trips("0@Cost.Test")).toBe(2);
    // ... and the whole term has more than SEARCH_CANDIDATES hits: then the bounded scan.
    expect(await trips("@Cost.Test")).toBe(3);
  });
});
