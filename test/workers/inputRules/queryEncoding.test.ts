// Broken percent-encoding in a query string is a 400 in the surface's shape,
// as it is in a path segment. URLSearchParams reads bytes that are not UTF-8
// as U+FFFD, so `?user_identity_key=bad%FF` and `bad%C3` would both find the
// person whose key is "bad\uFFFD": different queries, one key. A `%` without
// two hex digits it would keep as it is; a path refuses it, so a query does too.
import { beforeAll, describe, expect, it } from "vitest";
import { call, expectJson } from "../helpers";
import { createWorld, expectRefusal, raw, type SurfaceName, type World } from "./fixtures";

const BROKEN = ["%FF", "%C3", "%E0%A4", "%", "%zz"];

/** [surface, a path and query up to the value, which the value completes; the answer to a well-formed value] */
const ROUTES: [Exclude<SurfaceName, "service">, string, number][] = [
  ["seam", "/user_identities/get?user_identity_key=k", 404],
  ["seam", "/user_identities/list?search=k", 200],
  ["sequence", "/api/customers?legalName=k", 200],
  ["sendblue", "/api/v2/seats?email=k", 200],
  ["datadog", "/api/v2/seats/users?product_code=k", 422],
];

let world: World;
beforeAll(async () => {
  world = await createWorld();
});

describe.each(ROUTES)("%s GET %s…", (surface, pathAndQuery, answer) => {
  it.each(BROKEN)("refuses …%s with 400, naming the query string", async (value) => {
    await expectRefusal(await raw("GET", `${pathAndQuery}${value}`, world.tenant.headers[surface]), surface, "query string is not valid percent-encoding");
  });

  it("reads well-formed percent-encoding (%C3%A9 is é)", async () => {
    await expectJson(await raw("GET", `${pathAndQuery}%C3%A9`, world.tenant.headers[surface]), answer);
  });
});

it("names a malformed path id first, as for any other query error", async () => {
  const response = await raw("GET", "/api/customers/a%ZZ/users?limit=%FF", world.tenant.headers.sequence);
  await expectRefusal(response, "sequence", "id is not valid percent-encoding");
});

it("does not let two broken encodings find a key stored with U+FFFD", async () => {
  const created = await expectJson<any>(
    await call("POST", "/user_identities/create", world.tenant.headers.seam, { user_identity_key: "bad\uFFFDbyte" }),
    200,
  );
  const found = await expectJson<any>(await raw("GET", "/user_identities/get?user_identity_key=bad%EF%BF%BDbyte", world.tenant.headers.seam), 200);
  expect(found.user_identity.user_identity_id).toBe(created.user_identity.user_identity_id);
  for (const broken of ["bad%FFbyte", "bad%C3byte"]) {
    await expectRefusal(await raw("GET", `/user_identities/get?user_identity_key=${broken}`, world.tenant.headers.seam), "seam", "query string");
  }
});
