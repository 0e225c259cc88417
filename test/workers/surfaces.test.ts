import { describe, expect, it } from "vitest";
import { parseSeamToken } from "../../src/surfaces/seam";
import { ApiError, notFound, unauthorized, ValidationError } from "../../src/shared/errors";
import { surfaceFor } from "../../src/surfaces";
import * as z from "zod";

const render = async (path: string, error: ApiError) => {
  const response = surfaceFor(path).renderError(error);
  return { status: response.status, body: await response.json() };
};

describe("surfaceFor", () => {
  it.each([
    ["/api/v2/seats/users", "datadog"],
    ["/api/v2/seats", "sendblue"],
    ["/api/v2/seats/count", "sendblue"],
    ["/api/v2/seats/8a9c", "sendblue"],
    ["/api/seat-metrics", "sequence"],
    ["/api/customer-organizations", "sequence"],
    ["/user_identities/create", "seam"],
    ["/admin/workspaces", "service"],
    ["/health", "service"],
  ])("%s speaks %s", (path, name) => {
    expect(surfaceFor(path).name).toBe(name);
  });
});

describe("error bodies per vendor", () => {
  it("Sequence: PascalCase type and message", async () => {
    expect(await render("/api/x", notFound("seat_metric"))).toEqual({
      status: 404,
      body: { error: { type: "SeatMetricNotFound", message: "Seat metric not found" } },
    });
  });

  it("Sendblue: status ERROR and message", async () => {
    expect(await render("/api/v2/seats", notFound("seat"))).toEqual({
      status: 404,
      body: { status: "ERROR", message: "Seat not found" },
    });
  });

  it("Datadog: a list of strings, and 403 for bad credentials", async () => {
    expect(await render("/api/v2/seats/users", unauthorized("Invalid API credentials"))).toEqual({
      status: 403,
      body: { errors: ["Invalid API credentials"] },
    });
  });

  it("Seam: type, message, validation_errors in zod's formatted shape, ok false", async () => {
    const error = z.object({ email_address: z.email() }).safeParse({ email_address: "nope" }).error!;
    const { status, body } = await render("/user_identities/create", new ValidationError(error.issues, z.formatError(error)));
    expect(status).toBe(400);
    expect(body).toEqual({
      ok: false,
      error: {
        type: "invalid_input",
        message: expect.stringContaining("email_address"),
        validation_errors: { _errors: [], email_address: { _errors: [expect.any(String)] } },
      },
    });
  });
});

describe("credentials per vendor", () => {
  const id = "a".repeat(32);
  const secret = "b".repeat(40);

  it.each([
    ["/api/seat-metrics", { authorization: `Basic ${btoa(`${id}:${secret}`)}` }],
    ["/api/v2/seats", { "sb-api-key-id": id, "sb-api-secret-key": secret }],
    ["/api/v2/seats/users", { "DD-API-KEY": id, "DD-APPLICATION-KEY": secret }],
    ["/user_identities/list", { authorization: `Bearer seam_${id}_${secret}` }],
  ])("%s reads its own scheme", (path, headers) => {
    expect(surfaceFor(path).readCredentials(new Headers(headers))).toEqual({ keyId: id, secret });
  });

  it("ignores other vendors' schemes", () => {
    const sendblueHeaders = new Headers({ "sb-api-key-id": id, "sb-api-secret-key": secret });
    expect(surfaceFor("/api/seat-metrics").readCredentials(sendblueHeaders)).toBeUndefined();
    expect(surfaceFor("/api/v2/seats/users").readCredentials(sendblueHeaders)).toBeUndefined();
    expect(surfaceFor("/user_identities/get").readCredentials(sendblueHeaders)).toBeUndefined();
  });

  it("parses only well-formed seam_ tokens", () => {
    expect(parseSeamToken(`seam_${id}_${secret}`)).toEqual({ keyId: id, secret });
    for (const bad of [`${id}_${secret}`, `seam_${id}`, `seam_${id}_${secret}_x`, "seam__x"]) {
      expect(parseSeamToken(bad)).toBeUndefined();
    }
  });
});
