// Broken percent-encoding in a query string is a 400 in the surface's shape,
// as it is in a path segment. URLSearchParams would read it as U+FFFD, so
// `?user_identity_key=bad%FF` and `bad%C3` would both find the person whose
// key is "bad\uFFFD": different queries, one key.
import { beforeAll, describe, expect, it } from "vitest";
import { call, expectJson } from "../helpers";
import { createWorld, expectRefusal, raw, type SurfaceName, type World } from "./fixtures";

const BROKEN = ["%FF", "%C3", "%E0%A4", "%", "%zz"];

/** [surface, a path and query up to the value, which the value completes] */
const ROUTES: [Exclude<SurfaceName, "service">, string][] = [
  ["seam", "/user_identities/get?user_identity_key=k"],
  ["seam", "/user_identities/list?search=k"],
  ["sequence", "/api/customers?legalName=k"],
  ["sendblue", "/api/v2/seats?email=k"],
  ["datadog", "/api/v2/seats/users?product_code=k"],
];

let world: World;
beforeAll(async () => {
  world = await createWorld();
});

describe.each(ROUTES)("%s GET %s…", (surface, pathAndQuery) => {
  it.each(BROKEN)("refuses …%s with 400, naming the query string", async (value) => {
    await expectRefusal(await raw("GET", `${pathAndQuery}${value}`, world.tenant.headers[surface]), surface, "query string is not valid percent-encoding");
  });

  it("reads well-formed percent-encoding (%C3%A9 is é)", async () => {
    const response = await raw("GET", `${pathAndQuery}%C3%A9`, world.tenant.headers[surface]);
    expect(response.status).not.toBe(400);
    await response.body?.cancel();
  });
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
