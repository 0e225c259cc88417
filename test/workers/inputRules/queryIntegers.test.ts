// A number in a query string (`limit`, `offset`, `page[limit]`) is decimal
// digits: `0x10`, `1e1`, ` 5`, `+5` or `5.0` is refused with 400 in the
// surface's shape, naming the parameter, on every route that reads one.
// `Number()` would have read them as 16, 10 and 5. A run of digits longer than any
// range (400 nines) is "must be at most", as any number too large. The OpenAPI document
// shows them as integers: test/openapi/document.test.ts.
import { beforeAll, describe, expect, it } from "vitest";
import { expectJson } from "../helpers";
import { createWorld, expectRefusal, getAs, type SurfaceName, type World } from "./fixtures";

const NOT_DIGITS = ["0x10", "1e1", "%205", "5%20", "%2B5", "5.0", "0b1", "１"];

/** [surface, path and query before the parameter, the parameter] */
const ROUTES: [SurfaceName, (world: World) => string, string][] = [
  ["sequence", () => "/api/seat-metrics?", "limit"],
  ["sequence", () => "/api/seat-events?", "limit"],
  ["sequence", () => "/api/seat-balances?", "limit"],
  ["sequence", () => "/api/customers?", "limit"],
  ["sequence", (world) => `/api/customers/${world.customerId}/users?`, "limit"],
  ["sequence", () => "/api/customer-aliases?", "limit"],
  ["sequence", () => "/api/customer-organizations?", "limit"],
  ["sequence", () => "/api/events?", "limit"],
  ["sendblue", () => "/api/v2/seats?", "limit"],
  ["sendblue", () => "/api/v2/seats?", "offset"],
  ["datadog", () => "/api/v2/seats/users?product_code=apm&", "page[limit]"],
  ["datadog", () => "/api/v2/seats/users/ledger?", "page[limit]"],
  ["service", () => "/admin/workspaces?", "limit"],
  ["service", (world) => `/admin/workspaces/${world.tenant.workspaceId}/api-keys?`, "limit"],
];

let world: World;
beforeAll(async () => {
  world = await createWorld();
});


describe.each(ROUTES)("%s GET %s", (surface, path, parameter) => {
  const query = (value: string) => `${path(world)}${encodeURIComponent(parameter).replace(/%5B/g, "[").replace(/%5D/g, "]")}=${value}`;

  it("reads plain digits", async () => {
    await expectJson(await getAs(world, surface, query(parameter === "offset" ? "0" : "1")), 200);
  });

  it("reads leading zeros as the number", async () => {
    await expectJson(await getAs(world, surface, query(parameter === "offset" ? "000" : "0001")), 200);
  });

  it(`refuses a ${parameter} of more digits than a number holds with its maximum, as for any number too large`, async () => {
    // Past 2^53 too (23 digits): said once, in the range's words, not also as "expected int".
    for (const digits of [23, 400]) {
      const message = await expectRefusal(await getAs(world, surface, query("9".repeat(digits))), surface, `${parameter} must be at most`);
      expect(message).not.toMatch(/int|;/);
    }
  });

  it.each(NOT_DIGITS)(`refuses ${parameter}=%s with 400, naming it`, async (value) => {
    await expectRefusal(await getAs(world, surface, query(value)), surface, parameter);
  });
});

// A parameter sent twice reaches the schema as an array: said so, not as "expected string, received array".
// (Datadog's product_code keeps Datadog's own words for any value that is not one string: "required".)
describe.each<[SurfaceName, string, string]>([
  ["sequence", "/api/seat-metrics?limit=1&limit=2", "limit"],
  ["sequence", "/api/customers?email=a@x.test&email=b@x.test", "email"],
  ["sendblue", "/api/v2/seats?offset=0&offset=1", "offset"],
  ["datadog", "/api/v2/seats/users?product_code=apm&page[limit]=1&page[limit]=2", "page[limit]"],
  ["seam", "/user_identities/list?search=ab&search=cd", "search"],
  ["service", "/admin/workspaces?limit=1&limit=1", "limit"],
])("%s GET %s", (surface, pathAndQuery, parameter) => {
  it(`refuses ${parameter} given twice with 400, "${parameter} is repeated"`, async () => {
    const response = await getAs(world, surface, pathAndQuery);
    await expectRefusal(response.clone(), surface, `${parameter} is repeated`);
  });
});

// Sequence's lists take only their documented parameters: a misspelt filter is a 400 naming it, never a silent full list.
const UNPAGED: typeof ROUTES = [
  ["sequence", (world) => `/api/customers/${world.customerId}/aliases?`, ""],
  ["sequence", () => "/api/customer-custom-property-keys?", ""],
];
describe.each([...ROUTES.filter(([surface]) => surface === "sequence"), ...UNPAGED])("%s GET %s", (surface, path) => {
  it("refuses a parameter it does not take with 400, naming it", async () => {
    await expectRefusal(await getAs(world, surface, `${path(world)}seatTyp=admin`), surface, '"seatTyp"');
  });
});
