// Issue 14, property-based: for arbitrary Unicode (NUL, lone surrogates,
// controls, bidi and invisible characters included) in every text field of
// every create and update body, the answer is 2xx with the value stored and
// read back exactly (trimmed where the field trims, as documented), or 4xx
// with nothing written; never 5xx, never a silent change.
import { env } from "cloudflare:test";
import { fc, test } from "@fast-check/vitest";
import { beforeAll, describe, expect } from "vitest";
import { admin, call, type Tenant } from "../helpers";
import { customerBody } from "../customers/fixtures";
import { createWorld, snapshot, withField, type World } from "./fixtures";

/** Characters the rule is about, and edge cases of JSON, SQL, LIKE and FTS5. */
const SPECIAL = [
  "\u0000", "\ud800", "\udbff", "\udc00", "\u0007", "\u001b", "\u007f", "\u0085", "\t", "\n", "\r", "\u2028",
  "\u202e", "\u2066", "\u200b", "\u200c", "\u200d", "\u200e", "\ufeff", "\u2060", "\u3164", "\u00a0", " ",
  "\"", "'", "\\", "%", "_", "*", "😀", "\u0301", "\ufffd", "\uffff", "\u{10ffff}",
];
const unit = fc.oneof(
  fc.constantFrom(...SPECIAL),
  fc.string({ unit: "binary", minLength: 1, maxLength: 1 }),
  fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)),
  fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 1 }),
);
const anyText = fc.string({ unit, maxLength: 12 });

const RUNS = { numRuns: 40 };

/**
 * The property for one request: 2xx and `read()` gives `expected`, or a 4xx
 * and `unchanged()` holds; a 5xx fails.
 */
async function keptOrRefused(
  response: Response,
  expected: string,
  read: (answer: any) => Promise<unknown>,
  unchanged: () => Promise<boolean>,
): Promise<void> {
  const text = await response.text();
  expect(response.status, text).toBeLessThan(500);
  if (response.ok) {
    expect(await read(JSON.parse(text))).toBe(expected);
  } else {
    expect(response.status, text).toBeGreaterThanOrEqual(400);
    expect(await unchanged()).toBe(true);
  }
}

let world: World;
let tenant: Tenant;
beforeAll(async () => {
  world = await createWorld();
  tenant = world.tenant;
});

/** The workspace as it is now, to compare with after a request. */
async function unchangedSince(): Promise<() => Promise<boolean>> {
  const before = await snapshot(tenant.workspaceId);
  return async () => (await snapshot(tenant.workspaceId)) === before;
}

const get = async (path: string, headers: Record<string, string>) => (await call("GET", path, headers)).json() as Promise<any>;

describe("Sequence seat metrics", () => {
  let n = 0;
  test.prop({ label: anyText, description: anyText }, RUNS)("create: label (trimmed) and description kept or refused", async ({ label, description }) => {
    const unchanged = await unchangedSince();
    const response = await call("POST", "/api/seat-metrics", tenant.headers.sequence, { seatType: `prop_${n++}`, label, description });
    await keptOrRefused(response, JSON.stringify([label.trim(), description]), async (metric) => {
      const read = await get(`/api/seat-metrics/${metric.id}`, tenant.headers.sequence);
      expect([metric.label, metric.description]).toEqual([read.label, read.description]);
      return JSON.stringify([read.label, read.description]);
    }, unchanged);
  });

  test.prop({ label: anyText, description: anyText }, RUNS)("update: label (trimmed) and description kept or refused", async ({ label, description }) => {
    const unchanged = await unchangedSince();
    const response = await call("PUT", `/api/seat-metrics/${world.metricId}`, tenant.headers.sequence, { label, description });
    await keptOrRefused(response, JSON.stringify([label.trim(), description]), async () => {
      const read = await get(`/api/seat-metrics/${world.metricId}`, tenant.headers.sequence);
      return JSON.stringify([read.label, read.description]);
    }, unchanged);
  });
});

describe("Sequence customers", () => {
  const FIELDS = ["legalName", "contactName", "address.line1", "address.line2", "address.town", "address.state", "address.postcode",
    "telephone", "label", "customerAliases.0", "integrationIds.0.service", "integrationIds.0.id"];
  const base = customerBody("Prop Ltd", { customerAliases: ["a"], integrationIds: [{ service: "s", id: "i" }] });
  const at = (customer: any, field: string) => field.split(".").reduce((node, key) => node?.[key], customer);

  test.prop({ field: fc.constantFrom(...FIELDS), value: anyText }, RUNS)("create: a text field kept (trimmed) or refused", async ({ field, value }) => {
    const unchanged = await unchangedSince();
    const response = await call("POST", "/api/customers", tenant.headers.sequence, withField(base, field, value));
    await keptOrRefused(response, value.trim(), async (customer) => {
      const read = await get(`/api/customers/${customer.id}`, tenant.headers.sequence);
      expect(at(customer, field)).toBe(at(read, field));
      return at(read, field);
    }, unchanged);
  });

  test.prop({ field: fc.constantFrom(...FIELDS), value: anyText }, RUNS)("replace: a text field kept (trimmed) or refused", async ({ field, value }) => {
    const unchanged = await unchangedSince();
    const response = await call("PUT", `/api/customers/${world.customerId}`, tenant.headers.sequence, withField(base, field, value));
    await keptOrRefused(response, value.trim(), async () => at(await get(`/api/customers/${world.customerId}`, tenant.headers.sequence), field), unchanged);
  });

  test.prop({ owner: anyText, member: anyText }, RUNS)("organizations: arbitrary ids never answer 5xx", async ({ owner, member }) => {
    const unchanged = await unchangedSince();
    const response = await call("POST", "/api/customer-organizations", tenant.headers.sequence, { ownerId: owner, memberIds: [member] });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(await unchanged()).toBe(true);
  });
});

describe("Seam user identities", () => {
  const user = async (id: string) =>
    (await get(`/user_identities/get?user_identity_id=${id}`, tenant.headers.seam)).user_identity;

  test.prop({ key: anyText, name: anyText }, RUNS)("create: key (exact) and full_name (trimmed) kept or refused", async ({ key, name }) => {
    const unchanged = await unchangedSince();
    const response = await call("POST", "/user_identities/create", tenant.headers.seam, { user_identity_key: key, full_name: name });
    await keptOrRefused(response, JSON.stringify([key, name.trim()]), async ({ user_identity: created }) => {
      const read = await user(created.user_identity_id);
      expect([created.user_identity_key, created.full_name]).toEqual([read.user_identity_key, read.full_name]);
      return JSON.stringify([read.user_identity_key, read.full_name]);
    }, unchanged);
  });

  test.prop({ key: anyText, name: anyText }, RUNS)("update: key (exact) and full_name (trimmed) kept or refused", async ({ key, name }) => {
    const unchanged = await unchangedSince();
    const body = { user_identity_id: world.userId, user_identity_key: key, full_name: name };
    const response = await call("PATCH", "/user_identities/update", tenant.headers.seam, body);
    await keptOrRefused(response, JSON.stringify([key, name.trim()]), async () => {
      const read = await user(world.userId);
      return JSON.stringify([read.user_identity_key, read.full_name]);
    }, unchanged);
  });

  test.prop({ search: anyText }, RUNS)("list: any search answers 200 or 400, never an FTS5 error", async ({ search }) => {
    const response = await call("POST", "/user_identities/list", tenant.headers.seam, { search });
    expect([200, 400]).toContain(response.status);
  });
});

describe("Datadog seat assignments", () => {
  test.prop({ productCode: anyText, userUuid: anyText, method: fc.constantFrom("POST", "DELETE") }, RUNS)(
    "arbitrary product codes and ids never answer 5xx or change holders",
    async ({ productCode, userUuid, method }) => {
      const unchanged = await unchangedSince();
      const body = { data: { type: "seat-assignments", attributes: { product_code: productCode, user_uuids: [userUuid] } } };
      const response = await call(method, "/api/v2/seats/users", tenant.headers.datadog, body);
      expect([400, 422]).toContain(response.status);
      expect(await unchanged()).toBe(true);
    },
  );
});

describe("the admin API", () => {
  test.prop({ name: anyText }, RUNS)("workspace name: kept (trimmed) or refused", async ({ name }) => {
    const response = await admin("/admin/workspaces", { body: { name } });
    const stored = () => env.DB.prepare("SELECT name FROM workspaces WHERE name = ?1").bind(name.trim()).first<{ name: string }>();
    await keptOrRefused(response, name.trim(), async (workspace) => {
      expect(workspace.name).toBe((await stored())?.name);
      return workspace.name;
    }, async () => (await stored()) === null || response.status === 409);
  });

  test.prop({ label: anyText }, RUNS)("API key label: kept (trimmed) or refused", async ({ label }) => {
    const unchanged = await unchangedSince();
    const response = await admin(`/admin/workspaces/${tenant.workspaceId}/api-keys`, { body: { label, permissions: [] } });
    await keptOrRefused(response, label.trim(), async (key) => {
      const row = await env.DB.prepare("SELECT label FROM api_keys WHERE id = ?1").bind(key.id).first<{ label: string }>();
      expect(key.label).toBe(row?.label);
      return row?.label;
    }, unchanged);
  });
});
