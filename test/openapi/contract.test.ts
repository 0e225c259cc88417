// The contract checker itself: it must find what is wrong, not only pass.
import { beforeAll, describe, expect, inject, it } from "vitest";
import { ResponseContract } from "./contract";
import { seamResponseErrors, seamSchemaErrors } from "./seam";

const metric = {
  id: "0193a0d0-0000-7000-8000-000000000000",
  seatType: "admin",
  createdBy: "a".repeat(32),
  label: "Admin",
  createdAt: "2026-11-23T06:00:00.000Z",
  updatedAt: "2026-11-23T06:00:00.000Z",
};
const sequenceHeaders = new Headers({ "sequence-version": "2024-07-30" });

describe("ResponseContract", () => {
  let contract: ResponseContract;
  beforeAll(async () => {
    contract = await ResponseContract.load(inject("baseUrl"));
  });

  it("maps concrete paths to the document's templates", () => {
    expect(contract.template(`/api/seat-metrics/${metric.id}`)).toBe("/api/seat-metrics/{id}");
    expect(contract.template("/api/seat-metrics?limit=2")).toBe("/api/seat-metrics");
    expect(() => contract.template("/nowhere")).toThrow(/no path/);
  });

  it("accepts an answer that matches", () => {
    expect(contract.problems("GET", `/api/seat-metrics/${metric.id}`, 200, metric, sequenceHeaders)).toEqual([]);
  });

  it("finds a missing field, an extra field and a wrong format", () => {
    const { label: _label, ...withoutLabel } = metric;
    expect(contract.problems("GET", "/api/seat-metrics/{id}", 200, withoutLabel, sequenceHeaders).join()).toMatch(/label/);
    expect(contract.problems("GET", "/api/seat-metrics/{id}", 200, { ...metric, extra: 1 }, sequenceHeaders).join()).toMatch(/additional/);
    expect(contract.problems("GET", "/api/seat-metrics/{id}", 200, { ...metric, createdAt: "yesterday" }, sequenceHeaders).join()).toMatch(/date-time/);
  });

  it("checks error bodies against the surface's shape, through the response component", () => {
    const sequenceError = { error: { type: "SeatMetricNotFound", message: "Seat metric not found" } };
    expect(contract.problems("GET", "/api/seat-metrics/{id}", 404, sequenceError, sequenceHeaders)).toEqual([]);
    expect(contract.problems("GET", "/api/seat-metrics/{id}", 404, { status: "ERROR", message: "x" }, sequenceHeaders)).not.toEqual([]);
  });

  it("refuses an undocumented status or operation", () => {
    expect(contract.problems("GET", "/api/seat-metrics/{id}", 409, {}, sequenceHeaders)).toEqual([
      "GET /api/seat-metrics/{id} does not document status 409",
    ]);
    expect(contract.problems("PATCH", "/api/seat-metrics/{id}", 200, metric)).toEqual(["PATCH /api/seat-metrics/{id} is not in the document"]);
  });

  it("checks documented headers and bodiless answers", () => {
    expect(contract.problems("GET", "/api/seat-metrics/{id}", 200, metric)).toEqual(["missing header Sequence-Version"]);
    const wrongVersion = new Headers({ "sequence-version": "1999-01-01" });
    expect(contract.problems("GET", "/api/seat-metrics/{id}", 200, metric, wrongVersion).join()).toMatch(/Sequence-Version/);
    expect(contract.problems("DELETE", "/admin/api-keys/{id}", 204, "")).toEqual([]);
    expect(contract.problems("DELETE", "/admin/api-keys/{id}", 204, { id: "x" })).not.toEqual([]);
  });
});

describe("Seam's published schema", () => {
  const identity = {
    user_identity_id: "0193a0d0-0000-7000-8000-000000000000",
    user_identity_key: "jane",
    email_address: "jane@example.com",
    phone_number: "+15555550100",
    display_name: "Jane",
    full_name: "Jane Doe",
    created_at: "2026-11-23T06:00:00.000Z",
    workspace_id: "0193a0d0-0000-7000-8000-000000000001",
    errors: [],
    warnings: [],
    acs_user_ids: [],
  };

  it("accepts a user identity in Seam's shape", () => {
    expect(seamResponseErrors("POST", "/user_identities/create", 200, { ok: true, user_identity: identity })).toEqual([]);
  });

  it("finds what Seam's SDK would miss", () => {
    const { workspace_id: _workspace, ...withoutWorkspace } = identity;
    expect(seamResponseErrors("POST", "/user_identities/create", 200, { ok: true, user_identity: withoutWorkspace }).join()).toMatch(/workspace_id/);
    expect(seamResponseErrors("POST", "/user_identities/create", 200, { user_identity: identity }).join()).toMatch(/ok/);
  });

  it("refuses what Seam's user_identity forbids, and fields Seam does not name", () => {
    expect(seamSchemaErrors("user_identity", identity)).toEqual([]);
    const { acs_user_ids: _ids, ...withoutIds } = identity;
    const refused = [
      withoutIds,
      { ...identity, display_name: "" },
      { ...identity, display_name: null },
      { ...identity, user_identity_id: "42" },
      { ...identity, created_at: "yesterday" },
      { ...identity, email_address: "nope" },
      { ...identity, nickname: "x" },
      { ...identity, warnings: [{ warning_code: "being_deleted" }] },
    ];
    for (const value of refused) expect(seamSchemaErrors("user_identity", value), JSON.stringify(value)).not.toEqual([]);
    expect(seamSchemaErrors("user_identity", { ...identity, nickname: "x" }).join()).toMatch(/additional/);
    expect(seamResponseErrors("POST", "/user_identities/create", 200, { ok: true, user_identity: identity, extra: 1 })).not.toEqual([]);
    expect(seamSchemaErrors("nope", {})).toEqual(["Seam publishes no schema nope"]);
  });

  it("has nothing to say where Seam publishes no body, and names an operation Seam lacks", () => {
    expect(seamResponseErrors("POST", "/user_identities/create", 400, { error: {} })).toEqual([]);
    expect(seamResponseErrors("POST", "/user_identities/nope", 200, {})).toEqual(["Seam publishes no POST /user_identities/nope"]);
  });
});
