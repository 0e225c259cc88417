import { createExecutionContext } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { METER_REQUEST_HEADER } from "../../../bench/worker/meter";
import { SCAN_WINDOW } from "../../../src/db/search/listUsers";
import { SEARCH_CANDIDATES } from "../../../src/db/search/trigramIndex";
import worker from "../../../src/index";
import { encodeCursor } from "../../../src/surfaces/sequencePagination";
import { BASE, createTenant, withKey, type Tenant } from "../../workers/helpers";
import {
  seedArchivedCustomers,
  seedCustomers,
  seedCustomerUsers,
  seedSeatHolders,
  seedSeatMetrics,
  seededCreatedAt,
  seededCustomerId,
  seededMetricId,
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
  /** A request that changes data (the others only read). */
  writes?: true;
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
 * every fifth) and as many archived customers, newer than all of those;
 * user n belongs to customer n (seat events and balances for each).
 */
async function seeded(tag: string, size: number): Promise<Tenant> {
  const tenant = await createTenant();
  await seedUsers(tenant.workspaceId, tag, size);
  await seedSeatMetrics(tenant.workspaceId, size);
  await seedSeatHolders(tenant.workspaceId);
  await seedCustomers(tenant.workspaceId, size);
  await seedArchivedCustomers(tenant.workspaceId, size);
  await seedCustomerUsers(tenant.workspaceId, size);
  // The Worker did not know the key: its first request learned it in its own one batch.
  expect((await cost(tenant, { surface: "seam", method: "GET", path: "/user_identities/list?limit=1" })).calls).toBe(1);
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
    ...seatEventProbes(),
    "organizations list": { surface: "sequence", method: "GET", path: "/api/customer-organizations" },
    "organization get": { surface: "sequence", method: "GET", path: `/api/customer-organizations/${seededOrganizationId(2)}` },
    "datadog holders": { surface: "datadog", method: "GET", path: "/api/v2/seats/users?product_code=apm&page%5Blimit%5D=100" },
    "datadog assign": { surface: "datadog", method: "POST", path: "/api/v2/seats/users", body: seat("logs", [user.id]), writes: true },
    "datadog unassign": { surface: "datadog", method: "DELETE", path: "/api/v2/seats/users", body: seat("logs", [user.id]), writes: true },
    ...customerWriteProbes(),
    ...seatEventWriteProbes(tag),
    "seam delete (a user holding two seats)": {
      surface: "seam",
      method: "POST",
      path: "/user_identities/delete",
      body: { user_identity_id: seededUser(tag, 3).id },
      writes: true,
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

/** Seat balances, seat events and a customer's users (issue 18): pages of trigger-kept rows. */
function seatEventProbes(): Record<string, Probe> {
  const get = (path: string): Probe => ({ surface: "sequence", method: "GET", path });
  const customers = [3, 4, 5].map(seededCustomerId).join(",");
  return {
    "seat balances": get("/api/seat-balances"),
    "seat balances excludeZeroQuantity": get("/api/seat-balances?excludeZeroQuantity=true"),
    "seat balances customerIds": get(`/api/seat-balances?customerIds=${customers}`),
    "seat balances customerAliases": get("/api/seat-balances?customerAliases=alias-3,alias-9"),
    "seat balances at": get("/api/seat-balances?at=2026-01-01T00:00:00.100Z"),
    "seat balances includeMembers": get("/api/seat-balances?includeMembers=true"),
    "seat balances, second page": get(`/api/seat-balances?after=${seededCustomerId(20)}`),
    "seat events list": get("/api/seat-events?limit=100"),
    "seat events sortBy eventTimestamp": get("/api/seat-events?sortBy=eventTimestamp&sortOrder=ASC&limit=100"),
    "seat events customerIds": get(`/api/seat-events?customerIds=${customers}`),
    "seat events customerAlias": get(`/api/seat-events?customerAlias=${seededCustomerId(3)}`),
    "customer users": get(`/api/customers/${seededCustomerId(7)}/users`),
  };
}

/** Seat event and customer users writes: an event posted; a user unlinked (its seats leave the count) and linked again. */
function seatEventWriteProbes(tag: string): Record<string, Probe> {
  const write = (method: string, path: string, sent: unknown): Probe => ({ surface: "sequence", method, path, body: sent, writes: true });
  const users = `/api/customers/${seededCustomerId(12)}/users`;
  return {
    "seat event post": write("POST", "/api/seat-events", { customerAlias: "alias-6", seatType: "apm", eventTimestamp: "2026-06-01T00:00:00Z", total: 3 }),
    "customer users replace (unlinking one)": write("PUT", users, { userIds: [] }),
    "customer users add": write("POST", users, { userIds: [seededUser(tag, 12).id] }),
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
  const write = (method: string, path: string, sent?: unknown): Probe => ({ surface: "sequence", method, path, body: sent, writes: true });
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

/** Each probe's cost with the tenant's key, or with a new key of its workspace each (one the Worker has not seen). */
async function costs(tenant: Tenant, tag: string, keys: "seen" | "unseen" = "seen"): Promise<Record<string, Cost>> {
  const measured: Record<string, Cost> = {};
  for (const [label, probe] of Object.entries(probes(tag))) measured[label] = await cost(keys === "seen" ? tenant : await withKey(tenant), probe);
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
    // The object's write context, verdict (which also checks the key, known to the Worker by now), write, and the context's end (the outbox probe).
    expect(small["datadog assign"]).toMatchObject({ queries: 4, rowsWritten: expect.any(Number) });
    expect(small["datadog assign"]!.rowsWritten).toBeGreaterThanOrEqual(2);
  });

  it("costs one D1 round trip per request: the key check rides in the request's own batch", () => {
    for (const [label, measured] of Object.entries(small)) expect(measured.calls, label).toBe(1);
  });

  it("is the same at both sizes, request by request", () => {
    expect(large).toEqual(small);
  });

  describe("with a key the Worker has not seen (a new key per request)", () => {
    let unseenSmall: Record<string, Cost>;
    let unseenLarge: Record<string, Cost>;

    beforeAll(async () => {
      unseenSmall = await costs(await seeded("small", N), "small", "unseen");
      unseenLarge = await costs(await seeded("large", 10 * N), "large", "unseen");
    });

    it("still costs one round trip: the key's row is read in the request's batch, or the seat object's (its id names the workspace)", () => {
      for (const [label, measured] of Object.entries(unseenSmall)) {
        expect(measured.status, label).toBeLessThan(300);
        expect(measured.calls, label).toBe(1);
      }
    });

    it("reads at most a few rows more than with a known key (its own key's), the same at both sizes", () => {
      for (const [label, measured] of Object.entries(unseenSmall)) {
        expect(measured.queries - small[label]!.queries, label).toBeLessThanOrEqual(1);
        // The key's row, once per place a statement names the workspace (the scalar subquery the gate puts
        // there): the customer list's sorted walks name it in each of their index scans.
        expect(measured.rowsRead - small[label]!.rowsRead, label).toBeLessThanOrEqual(40);
      }
      expect(unseenLarge).toEqual(unseenSmall);
    });
  });

  it("stays small: no request reads more than a page or two of rows", () => {
    for (const [label, measured] of Object.entries(large)) expect(measured.rowsRead, label).toBeLessThanOrEqual(260);
  });
});

describe("searches that the trigram index cannot serve alone", () => {
  it("read a bounded window: the same rows in a workspace of 1 and of 2 windows' size (and some)", async () => {
    const measured = [];
    for (const size of [SCAN_WINDOW + 500, 2 * SCAN_WINDOW + 500]) {
      const tenant = await createTenant();
      await seedUsers(tenant.workspaceId, `wide${size}`, size);
      const costs: Record<string, number> = {};
      // Terms of 2 characters, and one of 3+ with more index hits than SEARCH_CANDIDATES.
      for (const search of ["zz", "99", "cost.test"]) {
        const { status, rowsRead } = await cost(tenant, { surface: "seam", method: "GET", path: `/user_identities/list?search=${search}` });
        expect(status).toBe(200);
        // The window's matches and its extent: each at most SCAN_WINDOW rows.
        expect(rowsRead, search).toBeLessThanOrEqual(5 * (SEARCH_CANDIDATES + 1) + 2 * SCAN_WINDOW + 10);
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

describe("failures, and a seat metric's guarded changes, cost one round trip too, for a key the Worker has seen and one it has not", () => {
  /** A key of `tenant`'s workspace with `permissions`, made known to the Worker first when `seen`. */
  async function keyOf(tenant: Tenant, seen: boolean, permissions?: string[]): Promise<Tenant> {
    const key = await withKey(tenant, permissions);
    if (seen) expect((await cost(key, { surface: "seam", method: "GET", path: "/user_identities/list?limit=1" })).status).toBeLessThan(500);
    return key;
  }
  const wrongSecret = (key: Tenant): Tenant => ({ ...key, headers: { ...key.headers, sequence: basic(key.keyId, "0".repeat(40)) } });
  const unknownKey = (key: Tenant): Tenant => ({ ...key, headers: { ...key.headers, sequence: basic("d".repeat(32), key.secret) } });
  const basic = (id: string, secret: string) => ({ authorization: `Basic ${btoa(`${id}:${secret}`)}` });
  const seatType = (type: string) => ({ seatType: type, label: type });
  const seat = (code: string, ids: string[]) => ({ data: { type: "seat-assignments", attributes: { product_code: code, user_uuids: ids } } });

  const sequence = (method: string, path: string, body?: unknown): Probe => ({ surface: "sequence", method, path, body });
  const withBookmark = (key: Tenant, bookmark: string): Tenant => ({
    ...key,
    headers: { ...key.headers, sequence: { ...key.headers.sequence, "x-d1-bookmark": bookmark } },
  });
  const apm = `/api/seat-metrics/${seededMetricId(1)}`;
  const assignUnknown: Probe = { surface: "datadog", method: "POST", path: "/api/v2/seats/users", body: seat("nope", [crypto.randomUUID()]) };

  const failures: [label: string, status: number, request: (tenant: Tenant, seen: boolean) => Promise<[Tenant, Probe]>][] = [
    ["a taken seatType (409)", 409, async (t, seen) => [await keyOf(t, seen), sequence("POST", "/api/seat-metrics", seatType("apm"))]],
    ["an unknown seat metric (404)", 404, async (t, seen) => [await keyOf(t, seen), sequence("GET", `/api/seat-metrics/${crypto.randomUUID()}`)]],
    ["a body that fails its schema (400)", 400, async (t, seen) => [await keyOf(t, seen), sequence("POST", "/api/seat-metrics", {})]],
    ["a malformed bookmark (400)", 400, async (t, seen) => [withBookmark(await keyOf(t, seen), "garbage"), sequence("GET", "/api/seat-metrics")]],
    ["a key without the permission, reading (403)", 403, async (t, seen) => [await keyOf(t, seen, ["users_read"]), sequence("GET", "/api/seat-metrics")]],
    [
      "a key without the permission, writing (403)",
      403,
      async (t, seen) => [await keyOf(t, seen, ["users_read"]), sequence("POST", "/api/seat-metrics", seatType(`t${seen}`))],
    ],
    ["an unknown key (401)", 401, async (t, seen) => [unknownKey(await keyOf(t, seen)), sequence("POST", "/api/seat-metrics", seatType("x"))]],
    ["an unknown product code (Datadog 422)", 422, async (t, seen) => [await keyOf(t, seen), assignUnknown]],
    // apm is held by every seeded user.
    ["changing a metric's seatType (400)", 400, async (t, seen) => [await keyOf(t, seen), sequence("PUT", apm, { seatType: "logs" })]],
    ["a cap below the holders (409)", 409, async (t, seen) => [await keyOf(t, seen), sequence("PUT", apm, { maxSeats: 0 })]],
    ["deleting a metric in use (409)", 409, async (t, seen) => [await keyOf(t, seen), sequence("DELETE", apm)]],
    ["an update naming its own seatType (200)", 200, async (t, seen) => [await keyOf(t, seen), sequence("PUT", apm, { seatType: "apm", label: "APM" })]],
  ];

  it.each(failures)("%s", async (_label, status, request) => {
    const tenant = await seeded("fail", 5);
    for (const seen of [false, true]) {
      const [key, probe] = await request(tenant, seen);
      const measured = await cost(key, probe);
      expect(measured.status, `seen: ${seen}`).toBe(status);
      expect(measured.calls, `seen: ${seen}`).toBe(1);
    }
  });

  it("a wrong secret costs one round trip for a key the Worker has not seen, none for one it has", async () => {
    const tenant = await seeded("secret", 5);
    for (const seen of [false, true]) {
      const key = wrongSecret(await keyOf(tenant, seen));
      const measured = await cost(key, sequence("POST", "/api/seat-metrics", seatType("y")));
      expect(measured).toMatchObject({ status: 401, calls: seen ? 0 : 1, rowsWritten: 0 });
    }
  });
});

/** A statement the Worker sent to D1, as it was bound. */
interface Sent {
  sql: string;
  values: unknown[];
}

/**
 * `db` (or a session of it) recording every statement that runs, alone or
 * in a batch. The Worker's own D1 work only: the seat object has its binding.
 */
function recording<T extends D1Database | D1DatabaseSession>(db: T, sent: Sent[]): T {
  const INNER = Symbol("inner");
  const statement = (inner: D1PreparedStatement, recorded: Sent): D1PreparedStatement =>
    new Proxy(inner, {
      get(target, property) {
        if (property === INNER) return { target, recorded };
        if (property === "bind") return (...values: unknown[]) => statement(target.bind(...values), { sql: recorded.sql, values });
        const value: unknown = Reflect.get(target, property);
        if (typeof value !== "function") return value;
        return (...args: unknown[]) => {
          sent.push(recorded);
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
  return new Proxy(db, {
    get(target, property) {
      if (property === "prepare") return (sql: string) => statement(target.prepare(sql), { sql, values: [] });
      if (property === "batch") {
        return (statements: D1PreparedStatement[]) => {
          const inner = statements.map((s) => (s as unknown as Record<symbol, { target: D1PreparedStatement; recorded: Sent }>)[INNER]!);
          sent.push(...inner.map((s) => s.recorded));
          return target.batch(inner.map((s) => s.target));
        };
      }
      if (property === "withSession") return (...args: [string?]) => recording((target as D1Database).withSession(...args), sent);
      const value: unknown = Reflect.get(target, property);
      return typeof value === "function" ? (value as () => unknown).bind(target) : value;
    },
  });
}

/** Whether SQLite runs `statement` in a write transaction (EXPLAIN: the Transaction opcode's P2). */
async function needsWriteTransaction({ sql, values }: Sent): Promise<boolean> {
  const { results } = await env.DB.prepare(`EXPLAIN ${sql}`).bind(...values).all<{ opcode: string; p2: number }>();
  return results.some((row) => row.opcode === "Transaction" && row.p2 !== 0);
}

describe("reads are read-only: no statement of a read request needs a write transaction", () => {
  /** Serves `probe` with `tenant`'s key, on a D1 binding that records what the Worker sent. */
  async function sentFor(tenant: Tenant, probe: Probe): Promise<{ status: number; sent: Sent[] }> {
    const sent: Sent[] = [];
    const headers: Record<string, string> = { ...tenant.headers[probe.surface] };
    if (probe.body !== undefined) headers["content-type"] = "application/json";
    const request = new Request(`${BASE}${probe.path}`, {
      method: probe.method,
      headers,
      body: probe.body === undefined ? undefined : JSON.stringify(probe.body),
    });
    const response = await worker.fetch(request, { ...env, DB: recording(env.DB, sent) }, createExecutionContext());
    await response.arrayBuffer();
    return { status: response.status, sent };
  }

  it("for every read probe, with a key the Worker knows and with one it has not seen", async () => {
    const tenant = await seeded("readonly", 30);
    for (const [label, probe] of Object.entries(probes("readonly")).filter(([, probe]) => !probe.writes)) {
      for (const key of [await withKey(tenant), tenant]) {
        const { status, sent } = await sentFor(key, probe);
        expect(status, label).toBeLessThan(300);
        expect(sent.length, label).toBeGreaterThan(1);
        for (const statement of sent) expect(await needsWriteTransaction(statement), `${label}: ${statement.sql}`).toBe(false);
      }
    }
  }, 30_000);

  it("while a write request's batch carries the key gate, a write (the check can tell them apart)", async () => {
    const tenant = await seeded("writes", 5);
    const create = { surface: "sequence", method: "POST", path: "/api/seat-metrics", body: { seatType: "gated", label: "Gated" } } as const;
    const { status, sent } = await sentFor(await withKey(tenant), create);
    expect(status).toBe(201);
    expect(sent[0]!.sql).toMatch(/^INSERT INTO key_gate/);
    expect(await needsWriteTransaction(sent[0]!)).toBe(true);
  });
});
