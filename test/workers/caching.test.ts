// Every answer the Worker makes is `Cache-Control: no-store`: a workspace's
// answer is for its caller alone. RFC 9111 keeps shared caches off answers to
// requests with Authorization, but Sendblue's and Datadog's keys travel in
// headers of their own, so without it a cache in front could hand one
// workspace's seats to the next caller of the same URL.
import { beforeAll, describe, expect, it } from "vitest";
import { admin, call, createTenant, type Tenant } from "./helpers";

let tenant: Tenant;
beforeAll(async () => {
  tenant = await createTenant();
});

type Signed = "sequence" | "sendblue" | "datadog" | "seam";
const READS: [Signed, string][] = [
  ["sequence", "/api/seat-metrics"],
  ["sendblue", "/api/v2/seats"],
  ["datadog", "/api/v2/seats/users/ledger"],
  ["seam", "/user_identities/list"],
];

describe.each(READS)("%s GET %s", (surface, path) => {
  it("is no-store when it succeeds", async () => {
    const response = await call("GET", path, tenant.headers[surface]);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    await response.body?.cancel();
  });

  it("is no-store when the key is refused", async () => {
    const response = await call("GET", path, {});
    expect([401, 403]).toContain(response.status);
    expect(response.headers.get("cache-control")).toBe("no-store");
    await response.body?.cancel();
  });
});

it("is no-store on the admin API, on a 404 and on /health", async () => {
  for (const response of [await admin("/admin/workspaces"), await call("GET", "/api/nothing-here", tenant.headers.sequence), await call("GET", "/health", {})]) {
    expect(response.headers.get("cache-control")).toBe("no-store");
    await response.body?.cancel();
  }
});
