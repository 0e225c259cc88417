// Issue 14: every string input that is not well-formed text (a NUL, an
// unpaired surrogate) or, for names, labels and keys, not printable text is
// refused with 400 in the surface's error shape, naming the field, and
// writes nothing. One table per surface: each write and each text-bearing
// query, each bad value its field's rule refuses.
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { admin, call } from "../helpers";
import { customerBody } from "../customers/fixtures";
import { createWorld, expectRefusal, raw, snapshot, withField, type SurfaceName, type World } from "./fixtures";

/** Refused by every rule. JSON carries both; a URL only the NUL (percent-decoding yields well-formed text). */
const NOT_TEXT = ["a\u0000b", "dup\ud800"];
/** Refused where a name, label or key is read: controls, bidi overrides, invisible or blank values. */
const NOT_A_NAME = [...NOT_TEXT, "a\u0007b", "tab\there", "abc\u202edcb", "al\u200bice", "\u200b", "\u200d"];
/** Refused in prose (descriptions): as names, except tabs and line breaks, and it may be blank. */
const NOT_PROSE = [...NOT_TEXT, "a\u0007b", "abc\u202edcb", "al\u200bice"];

type Rule = "value" | "name" | "prose";
const BAD: Record<Rule, string[]> = { value: NOT_TEXT, name: NOT_A_NAME, prose: NOT_PROSE };

/** One field of one request: how to send it with a bad value. */
interface Input {
  name: string;
  surface: SurfaceName;
  /** The field as the message names it (`address.town`, `data.attributes.user_uuids.0`, `id`). */
  field: string;
  rule: Rule;
  /** A query value or path segment: only the NUL can arrive there (as %00). */
  inUrl: boolean;
  send: (world: World, bad: string) => Promise<Response>;
}

/** `{metric}`, `{customer}`, `{organization}` in a path become the world's ids. */
function pathIn(template: string, world: World): string {
  return template
    .replace("{metric}", world.metricId)
    .replace("{customer}", world.customerId)
    .replace("{organization}", world.organizationId);
}

type Body = object | ((world: World) => object);

const json = (method: string, template: string, body: Body, field: string, rule: Rule, surface: SurfaceName): Input => ({
  name: `${method} ${template} ${field}`,
  surface,
  field,
  rule,
  inUrl: false,
  send: (world, bad) =>
    call(method, pathIn(template, world), headersOf(world, surface), withField(typeof body === "function" ? body(world) : body, field, bad)),
});

const url = (method: string, template: string, field: string, surface: SurfaceName): Input => ({
  name: `${method} ${template}`,
  surface,
  field,
  rule: "value",
  inUrl: true,
  send: (world, bad) => raw(method, pathIn(template, world).replace("{bad}", encodeURIComponent(bad)), headersOf(world, surface)),
});

function headersOf(world: World, surface: SurfaceName): Record<string, string> {
  return surface === "service" ? {} : world.tenant.headers[surface];
}

const metric = { seatType: "fresh", label: "Fresh", description: "About it" };
const customer = customerBody("Fresh Ltd", {
  label: "vip",
  url: "https://fresh.example",
  customerAliases: ["Fresh"],
  integrationIds: [{ service: "Xero", id: "x-1" }],
  customProperties: { tier: "gold" },
});
const contact = { name: "Ann", email: "ann@fresh.example", billingPreference: "STANDARD" };
const assignment = (world: World) => ({
  data: { id: "a", type: "seat-assignments", attributes: { product_code: "apm", user_uuids: [world.userId] } },
});

const SEQUENCE: Input[] = [
  ...(["seatType", "label", "description"] as const).map((field) =>
    json("POST", "/api/seat-metrics", metric, field, field === "label" ? "name" : field === "description" ? "prose" : "value", "sequence")),
  ...(["seatType", "label", "description"] as const).map((field) =>
    json("PUT", "/api/seat-metrics/{metric}", { seatType: "apm", label: "Changed" }, field,
      field === "label" ? "name" : field === "description" ? "prose" : "value", "sequence")),
  ...["legalName", "address.line1", "address.line2", "address.town", "address.postcode", "label", "customerAliases.0",
    "integrationIds.0.id", "contacts.0.name", "customProperties.tier"].flatMap((field) => [
    json("POST", "/api/customers", customer, field, "name", "sequence"),
    json("PUT", "/api/customers/{customer}", customer, field, "name", "sequence"),
  ]),
  ...["contacts.0.email", "url", "parentId"].map((field) => json("POST", "/api/customers", customer, field, "value", "sequence")),
  json("POST", "/api/customers/{customer}/contacts", contact, "name", "name", "sequence"),
  json("POST", "/api/customers/{customer}/contacts", contact, "email", "value", "sequence"),
  json("POST", "/api/customer-aliases", (w: World) => ({ customerId: w.customerId, value: "v" }), "value", "name", "sequence"),
  json("POST", "/api/customer-aliases", (w: World) => ({ customerId: w.customerId, value: "v" }), "label", "name", "sequence"),
  json("POST", "/api/customer-aliases", { value: "v" }, "customerId", "value", "sequence"),
  json("POST", "/api/customer-organizations", (w: World) => ({ ownerId: w.customerId, memberIds: [] }), "ownerId", "value", "sequence"),
  json("POST", "/api/customer-organizations", (w: World) => ({ ownerId: w.customerId, memberIds: [w.customerId] }), "memberIds.0", "value", "sequence"),
  json("POST", "/api/customer-organizations/{organization}/members", { customerIds: ["x"] }, "customerIds.0", "value", "sequence"),
  json("PUT", "/api/customer-organizations/{organization}/members", { customerIds: ["x"] }, "customerIds.0", "value", "sequence"),
  ...(
    [
      ["GET", "/api/seat-metrics/{bad}"], ["PUT", "/api/seat-metrics/{bad}"], ["DELETE", "/api/seat-metrics/{bad}"],
      ["GET", "/api/customers/{bad}"], ["PUT", "/api/customers/{bad}"], ["POST", "/api/customers/{bad}/archive"],
      ["GET", "/api/customers/{bad}/aliases"], ["PUT", "/api/customer-aliases/{bad}"], ["DELETE", "/api/customer-aliases/{bad}"], ["GET", "/api/customer-organizations/{bad}"],
      ["DELETE", "/api/customer-organizations/{bad}"], ["POST", "/api/customer-organizations/{bad}/members"],
    ] as const
  ).map(([method, template]) => url(method, template, "id", "sequence")),
  url("GET", "/api/seat-metrics?after={bad}", "after", "sequence"),
  ...["legalName", "email", "alias", "label", "sortBy", "before"].map((field) => url("GET", `/api/customers?${field}={bad}`, field, "sequence")),
  url("GET", "/api/customer-aliases?value={bad}", "value", "sequence"),
  url("GET", "/api/customers/{bad}/contacts", "customer", "sequence"),
  url("GET", "/api/customers/by-alias/{bad}", "alias", "sequence"),
];

const SEAM: Input[] = [
  ...(["user_identity_key", "full_name"] as const).map((field) => json("POST", "/user_identities/create", {}, field, "name", "seam")),
  ...(["email_address", "phone_number"] as const).map((field) => json("POST", "/user_identities/create", {}, field, "value", "seam")),
  ...(["user_identity_key", "full_name"] as const).map((field) =>
    json("PATCH", "/user_identities/update", (w: World) => ({ user_identity_id: w.userId }), field, "name", "seam")),
  json("PATCH", "/user_identities/update", { full_name: "X" }, "user_identity_id", "value", "seam"),
  json("POST", "/user_identities/get", {}, "user_identity_key", "value", "seam"),
  json("POST", "/user_identities/get", {}, "user_identity_id", "value", "seam"),
  ...["search", "page_cursor", "created_before", "user_identity_ids.0"].map((field) =>
    json("POST", "/user_identities/list", { user_identity_ids: [] }, field, "value", "seam")),
  json("POST", "/user_identities/delete", {}, "user_identity_id", "value", "seam"),
  url("GET", "/user_identities/get?user_identity_key={bad}", "user_identity_key", "seam"),
  url("GET", "/user_identities/list?search=ab{bad}", "search", "seam"),
  url("GET", "/user_identities/list?page_cursor={bad}", "page_cursor", "seam"),
  url("DELETE", "/user_identities/delete?user_identity_id={bad}", "user_identity_id", "seam"),
];

const SENDBLUE: Input[] = [
  url("GET", "/api/v2/seats?email={bad}", "email", "sendblue"),
  url("GET", "/api/v2/seats/count?email={bad}", "email", "sendblue"),
  url("GET", "/api/v2/seats/{bad}", "seat_id", "sendblue"),
];

const DATADOG: Input[] = [
  ...["data.id", "data.attributes.product_code", "data.attributes.user_uuids.0"].flatMap((field) => [
    json("POST", "/api/v2/seats/users", assignment, field, "value", "datadog"),
    json("DELETE", "/api/v2/seats/users", assignment, field, "value", "datadog"),
  ]),
  url("GET", "/api/v2/seats/users?product_code=a{bad}", "product_code", "datadog"),
  url("GET", "/api/v2/seats/users?product_code=apm&page[cursor]={bad}", "page[cursor]", "datadog"),
];

/** Each input with each bad value its rule refuses (a URL carries only the NUL). */
function cases(inputs: Input[]): [string, Input, string][] {
  return inputs.flatMap((input) =>
    BAD[input.rule]
      .filter((bad) => !input.inUrl || bad.includes("\u0000"))
      .map((bad): [string, Input, string] => [`${input.name} ${JSON.stringify(bad)}`, input, bad]),
  );
}

let world: World;
beforeAll(async () => {
  world = await createWorld();
});

describe.each([
  ["Sequence", SEQUENCE],
  ["Seam", SEAM],
  ["Sendblue", SENDBLUE],
  ["Datadog", DATADOG],
])("%s refuses text it cannot hold", (_surface, inputs) => {
  it.each(cases(inputs))("%s", async (_name, input, bad) => {
    const before = await snapshot(world.tenant.workspaceId);
    await expectRefusal(await input.send(world, bad), input.surface, input.field);
    expect(await snapshot(world.tenant.workspaceId)).toBe(before);
  });
});

describe("the admin API refuses text it cannot hold", () => {
  it.each(NOT_A_NAME)("POST /admin/workspaces name %j", async (bad) => {
    await expectRefusal(await admin("/admin/workspaces", { body: { name: bad } }), "service", "name");
    const { n } = (await env.DB.prepare("SELECT count(*) AS n FROM workspaces WHERE name IN (?1, ?2)").bind(bad, bad.trim()).first<{ n: number }>())!;
    expect(n).toBe(0);
  });

  it.each(NOT_A_NAME)("POST /admin/workspaces/{id}/api-keys label %j", async (bad) => {
    const before = await snapshot(world.tenant.workspaceId);
    await expectRefusal(await admin(`/admin/workspaces/${world.tenant.workspaceId}/api-keys`, { body: { label: bad } }), "service", "label");
    expect(await snapshot(world.tenant.workspaceId)).toBe(before);
  });

  it.each([
    ["POST", "/admin/workspaces/a%00b/api-keys"],
    ["DELETE", "/admin/api-keys/a%00b"],
  ])("%s %s", async (method, path) => {
    const response = await admin(path, { method, body: method === "POST" ? { label: "k" } : undefined });
    await expectRefusal(response, "service", "id");
  });
});
