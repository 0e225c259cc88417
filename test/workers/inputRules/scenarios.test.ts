// Issue 14: the vendors' own scenarios and specs, and what they imply here.
import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { BASE, call, createTenant, expectJson } from "../helpers";
import { createSeatType, holdersInDb, insertUsers, SEATS, seatBody } from "../assignments/fixtures";
import { createUser } from "../users";

// Datadog's scenarios and its real answers, as recorded in ../shared/vendor/datadog/seats-recorded-answers.json
// (the seed page's example body; the answer's detail is what our {"errors":[...]} carries).
const SCENARIOS: [scenario: string, method: string, attributes: object, detail: string][] = [
  ['Assign seats to users returns "Unprocessable Entity" response', "POST", { product_code: "", user_uuids: [""] }, "product_code is required"],
  ['Unassign seats from users returns "Unprocessable Entity" response', "DELETE", { product_code: "", user_uuids: [""] }, "product_code is required"],
  ['Assign seats to users returns "Unprocessable Entity" response when user_uuids is empty', "POST",
    { product_code: "incident_response", user_uuids: [] }, "user_uuids is required and must not be empty"],
  ['Unassign seats from users returns "Unprocessable Entity" response when user_uuids is empty', "DELETE",
    { product_code: "incident_response", user_uuids: [] }, "user_uuids is required and must not be empty"],
];

describe("Datadog's Unprocessable Entity scenarios", () => {
  it.each(SCENARIOS)("%s: 422 in Datadog's words, nothing written", async (_scenario, method, attributes, detail) => {
    const tenant = await createTenant();
    await createSeatType(tenant, "incident_response");
    const body = { data: { attributes, type: "seat-assignments" } };
    const answer = await expectJson(await call(method, SEATS, tenant.headers.datadog, body), 422);
    expect(answer).toEqual({ errors: [detail] });
    expect(await holdersInDb(tenant.workspaceId, "incident_response")).toEqual([]);
  });

  it("checks product_code before the ids; an empty or unknown id is a 422 naming it, not a shape error", async () => {
    const tenant = await createTenant();
    await createSeatType(tenant, "apm");
    const [known] = await insertUsers(tenant.workspaceId, 1);
    for (const method of ["POST", "DELETE"]) {
      const empty = await expectJson(await call(method, SEATS, tenant.headers.datadog, seatBody("apm", [known!, ""])), 422);
      expect(empty).toEqual({ errors: ['Unknown user ids in this workspace: ""'] });
      const stranger = await expectJson(await call(method, SEATS, tenant.headers.datadog, seatBody("apm", ["not-a-user"])), 422);
      expect(stranger).toEqual({ errors: ['Unknown user ids in this workspace: "not-a-user"'] });
      const noCode = await expectJson(await call(method, SEATS, tenant.headers.datadog, seatBody("", ["not-a-user"])), 422);
      expect(noCode).toEqual({ errors: ["product_code is required"] });
    }
    expect(await holdersInDb(tenant.workspaceId, "apm")).toEqual([]);
  });

  it("reads a body without data (Datadog's schema leaves it optional) as one without a product code", async () => {
    const tenant = await createTenant();
    await createSeatType(tenant, "apm");
    for (const method of ["POST", "DELETE"]) {
      expect(await expectJson(await call(method, SEATS, tenant.headers.datadog, {}), 422)).toEqual({ errors: ["product_code is required"] });
    }
    const noAttributes = await expectJson(await call("POST", SEATS, tenant.headers.datadog, { data: { type: "seat-assignments" } }), 400);
    expect(noAttributes.errors[0]).toContain("data.attributes");
  });
});

describe("Sequence's nullable description on create (CreateSeatMetricRequest)", () => {
  it('answers "description": null with 201 and no description, as PUT does', async () => {
    const tenant = await createTenant();
    const metric = await expectJson(
      await call("POST", "/api/seat-metrics", tenant.headers.sequence, { seatType: "viewer", label: "Viewer", description: null }),
      201,
    );
    expect(metric).not.toHaveProperty("description");
    const read = await expectJson(await call("GET", `/api/seat-metrics/${metric.id}`, tenant.headers.sequence), 200);
    expect(read).not.toHaveProperty("description");
  });
});

describe("Seam's next_page_url", () => {
  it("is built from PUBLIC_URL, never from the request's Host", async () => {
    const tenant = await createTenant();
    await createUser(tenant);
    await createUser(tenant);
    for (const init of [{ method: "GET" }, { method: "POST", body: JSON.stringify({ limit: 1 }) }]) {
      const url = init.method === "GET" ? "https://evil.example/user_identities/list?limit=1" : "https://evil.example/user_identities/list";
      const response = await SELF.fetch(url, {
        ...init,
        headers: { ...tenant.headers.seam, host: "evil.example", "content-type": "application/json" },
      });
      const page = await expectJson(response, 200);
      const next = new URL(page.pagination.next_page_url);
      expect(next.origin).toBe(BASE);
      expect(next.pathname).toBe("/user_identities/list");
      expect(next.searchParams.get("limit")).toBe("1");
    }
  });
});

describe("text that is no name is not echoed", () => {
  it("refuses an unprintable Sequence-Version with 400 without repeating it", async () => {
    const tenant = await createTenant();
    const response = await call("GET", "/api/seat-metrics", { ...tenant.headers.sequence, "sequence-version": "2024-07-30\u0007" });
    const body = await expectJson(response, 400);
    expect(body).toEqual({ error: { type: "UnrecognisedApiVersion", message: "Unrecognised Sequence-Version. Supported: 2024-07-30" } });
  });
});
