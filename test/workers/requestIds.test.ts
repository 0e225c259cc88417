// Every answer carries a request id (seam-request-id on Seam, x-request-id elsewhere), errors
// included, and every request logs one JSON line with that id.
import { exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { ADMIN_TOKEN, BASE, call, createTenant, expectJson, type Tenant } from "./helpers";

let tenant: Tenant;
beforeAll(async () => {
  tenant = await createTenant();
  await expectJson(await call("POST", "/api/seat-metrics", tenant.headers.sequence, { seatType: "request_ids", label: "Request ids" }), 201);
});

type SurfaceName = "sequence" | "sendblue" | "datadog" | "seam" | "service";
const HEADER: Record<SurfaceName, string> = {
  sequence: "x-request-id",
  sendblue: "x-request-id",
  datadog: "x-request-id",
  seam: "seam-request-id",
  service: "x-request-id",
};
const headersOf = (surface: SurfaceName): Record<string, string> =>
  surface === "service" ? { authorization: `Bearer ${ADMIN_TOKEN}` } : tenant.headers[surface];

/** A read that answers 200 on each surface (the handler's answer is what a 500 case breaks). */
const READS: Record<SurfaceName, [string, string]> = {
  sequence: ["GET", "/api/seat-metrics"],
  sendblue: ["GET", "/api/v2/seats"],
  datadog: ["GET", "/api/v2/seats/users?product_code=request_ids"],
  seam: ["GET", "/user_identities/list"],
  service: ["GET", "/admin/workspaces"],
};
const UNKNOWN: Record<SurfaceName, string> = {
  sequence: "/api/nothing-here",
  sendblue: "/api/v2/seats/a/b",
  datadog: "/api/v2/seats/users/a/b",
  seam: "/user_identities/nothing",
  service: "/nothing",
};
const WRITES: Record<SurfaceName, [string, string] | undefined> = {
  sequence: ["POST", "/api/seat-metrics"],
  sendblue: undefined,
  datadog: ["POST", "/api/v2/seats/users"],
  seam: ["POST", "/user_identities/create"],
  service: ["POST", "/admin/workspaces"],
};
const SURFACES = Object.keys(HEADER) as SurfaceName[];

interface LogLine {
  request_id: string;
  surface: string | null;
  route: string | null;
  method: string;
  status: number;
  duration_ms: number;
  workspace_id: string | null;
  key_id: string | null;
  error_type?: string | null;
}

/** Sends the request and returns its answer, its request id, and the log lines printed meanwhile. */
async function traced(surface: SurfaceName, method: string, path: string, init: RequestInit = {}) {
  const spy = vi.spyOn(console, "log");
  try {
    const response = await exports.default.fetch(`${BASE}${path}`, { method, ...init, headers: { ...headersOf(surface), ...init.headers } });
    const id = response.headers.get(HEADER[surface]);
    const lines = spy.mock.calls.map(([line]) => String(line));
    return { response, id, lines };
  } finally {
    spy.mockRestore();
  }
}

/** The request's one log line: JSON with its id. */
function lineOf(lines: string[], id: string | null): LogLine {
  expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  const mine = lines.filter((line) => line.includes(id!));
  expect(mine).toHaveLength(1);
  return JSON.parse(mine[0]!) as LogLine;
}

describe.each(SURFACES)("%s", (surface) => {
  it("a success carries the id, and its log line names the route, status, workspace and key", async () => {
    const [method, path] = READS[surface];
    const { response, id, lines } = await traced(surface, method, path);
    expect(response.status).toBe(200);
    const line = lineOf(lines, id);
    expect(line).toMatchObject({ request_id: id, method, status: 200 });
    expect(line).not.toHaveProperty("error_type");
    expect(line.surface).toBe(surface);
    expect(line.route).toBe(path.split("?")[0]);
    expect(line.duration_ms).toBeGreaterThanOrEqual(0);
    if (surface !== "service") expect(line).toMatchObject({ workspace_id: tenant.workspaceId, key_id: tenant.keyId });
    if (surface === "seam") expect(response.headers.get("x-request-id")).toBeNull();
  });

  it("404: the id, and the error's type in the log line (no route)", async () => {
    const { response, id, lines } = await traced(surface, "GET", UNKNOWN[surface]);
    expect(response.status).toBe(404);
    const line = lineOf(lines, id);
    expect(line).toMatchObject({ status: 404, route: null });
    expect(line.error_type).toMatch(/not_found/);
  });

  it("405: the id", async () => {
    const { response, id, lines } = await traced(surface, "PATCH", READS[surface][1].split("?")[0]!);
    expect(response.status).toBe(405);
    expect(lineOf(lines, id)).toMatchObject({ status: 405, error_type: "method_not_allowed" });
  });

  it("500: the id, and the log line says so", async () => {
    const [method, path] = READS[surface];
    const json = vi.spyOn(Response, "json").mockImplementationOnce(() => {
      throw new Error("boom");
    });
    const { response, id, lines } = await traced(surface, method, path).finally(() => json.mockRestore());
    expect(response.status).toBe(500);
    expect(lineOf(lines, id)).toMatchObject({ status: 500, error_type: "internal_error" });
  });

  it.skipIf(WRITES[surface] === undefined)("413: the id", async () => {
    const [method, path] = WRITES[surface]!;
    const body = JSON.stringify({ padding: "x".repeat(1024 * 1024 + 1) });
    const { response, id, lines } = await traced(surface, method, path, { body, headers: { "content-type": "application/json" } });
    expect(response.status).toBe(413);
    expect(lineOf(lines, id)).toMatchObject({ status: 413 });
  });
});

describe("log lines", () => {
  it("never carry a secret, a token or the raw query string", async () => {
    const email = `private-${crypto.randomUUID()}@example.com`;
    const seen: string[] = [];
    for (const surface of ["sequence", "sendblue", "seam"] as const) {
      const path = surface === "seam" ? `/user_identities/list?search=${email}` : surface === "sendblue" ? `/api/v2/seats?email=${email}` : `/api/customers?search=${email}`;
      const { lines } = await traced(surface, "GET", path);
      seen.push(...lines);
    }
    const { lines } = await traced("service", "GET", `/admin/workspaces?name=${email}`);
    seen.push(...lines);
    const text = seen.join("\n");
    expect(text).not.toContain(email);
    expect(text).not.toContain(encodeURIComponent(email));
    expect(text).not.toContain(tenant.secret);
    expect(text).not.toContain(tenant.token);
    expect(text).not.toContain(ADMIN_TOKEN);
  });

  it("a replayed answer is its own request, and its line says it was replayed", async () => {
    const headers = { "content-type": "application/json", "idempotency-key": `k-${crypto.randomUUID()}` };
    const body = JSON.stringify({ full_name: "Replayed" });
    const first = await traced("seam", "POST", "/user_identities/create", { body, headers });
    const retry = await traced("seam", "POST", "/user_identities/create", { body, headers });
    expect(retry.id).not.toBe(first.id);
    expect(lineOf(retry.lines, retry.id)).toMatchObject({ status: 200, idempotent_replayed: true });
  });
});
