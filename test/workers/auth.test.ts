import { describe, expect, it } from "vitest";
import { call, createTenant, expectJson } from "./helpers";

// One representative route per surface. Routes of later resources are added as they land.
const SEQUENCE = "/api/seat-metrics";

describe("one key through the Sequence scheme", () => {
  it("accepts Basic id:secret", async () => {
    const tenant = await createTenant();
    expect((await call("GET", SEQUENCE, tenant.headers.sequence)).status).toBe(200);
  });

  it.each([
    ["no header", () => ({})],
    ["a wrong secret", (id: string) => ({ authorization: `Basic ${btoa(`${id}:${"0".repeat(40)}`)}` })],
    ["an unknown id", () => ({ authorization: `Basic ${btoa(`${"f".repeat(32)}:${"0".repeat(40)}`)}` })],
    ["no colon", (id: string) => ({ authorization: `Basic ${btoa(id)}` })],
    ["bad base64", () => ({ authorization: "Basic %%%" })],
    ["another surface's scheme", (id: string, secret: string) => ({ "sb-api-key-id": id, "sb-api-secret-key": secret })],
  ])("refuses %s with 401 in Sequence's shape", async (_case, headers) => {
    const tenant = await createTenant();
    const response = await call("GET", SEQUENCE, headers(tenant.keyId, tenant.secret));
    const body = await expectJson(response, 401);
    expect(body).toEqual({ error: { type: "Unauthorized", message: expect.any(String) } });
    expect(response.headers.get("sequence-version")).toBe("2024-07-30");
  });
});

describe("permissions", () => {
  it("refuses a key without the needed permission with 403", async () => {
    const reader = await createTenant(["seat_metrics_read"]);
    expect((await call("GET", SEQUENCE, reader.headers.sequence)).status).toBe(200);
    const response = await call("POST", SEQUENCE, reader.headers.sequence, { seatType: "admin", label: "Admin" });
    const body = await expectJson(response, 403);
    expect(body.error).toEqual({ type: "Forbidden", message: expect.stringContaining("seat_metrics_write") });
  });
});

describe("Sequence-Version", () => {
  it("echoes a supported version and defaults when absent", async () => {
    const tenant = await createTenant();
    const asked = await call("GET", SEQUENCE, { ...tenant.headers.sequence, "sequence-version": "2024-07-30" });
    expect(asked.headers.get("sequence-version")).toBe("2024-07-30");
    const absent = await call("GET", SEQUENCE, tenant.headers.sequence);
    expect(absent.headers.get("sequence-version")).toBe("2024-07-30");
  });

  it("refuses an unknown version with 400 UnrecognisedApiVersion", async () => {
    const tenant = await createTenant();
    const response = await call("GET", SEQUENCE, { ...tenant.headers.sequence, "sequence-version": "1999-01-01" });
    const body = await expectJson(response, 400);
    expect(body.error.type).toBe("UnrecognisedApiVersion");
    expect(body.error.message).toContain("1999-01-01");
  });
});
