import { describe, it } from "vitest";
import { call, createTenant } from "./helpers";
describe("debug", () => {
  it("rows", async () => {
    const t = await createTenant();
    (globalThis as any).__DEBUG_META = true;
    const seam = t.headers.seam;
    console.log("==== create");
    let r = await call("POST", "/user_identities/create", seam, { user_identity_key: "k1", email_address: "a@b.co", full_name: "Ann Lee" });
    const body: any = await r.json();
    console.log(r.status);
    console.log("==== update");
    r = await call("POST", "/user_identities/update", seam, { user_identity_id: body.user_identity.user_identity_id, full_name: "Ann Leigh" });
    console.log(r.status);
    console.log("==== seat metric");
    r = await call("POST", "/api/seat-metrics", t.headers.sequence, { name: "Seats", seatType: "editor" });
    console.log(r.status, await r.text());
    console.log("==== delete");
    r = await call("POST", "/user_identities/delete", seam, { user_identity_id: body.user_identity.user_identity_id });
    console.log(r.status);
  });
});
