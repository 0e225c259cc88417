// Per-key rate limits (the Rate Limiting binding; this project sets 5 requests per 60 s): past the
// limit, 429 in each surface's error shape with Retry-After, and Datadog's X-RateLimit-* headers.
import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { BASE, createTenant, type Tenant } from "../workers/helpers";

const LIMIT = 5;
const READS = {
  sequence: "/api/seat-metrics",
  sendblue: "/api/v2/seats",
  datadog: "/api/v2/seats/users?product_code=nothing",
  seam: "/user_identities/list",
} as const;
type SurfaceName = keyof typeof READS;

const get = (headers: Record<string, string>, path: string) => exports.default.fetch(`${BASE}${path}`, { headers });

/**
 * Sends reads until one is refused. The binding's window restarts on the wall clock's minute, so
 * up to 2 * LIMIT + 1 requests: at least LIMIT + 1 of them fall in one window.
 */
async function untilLimited(headers: Record<string, string>, path: string): Promise<{ answered: Response[]; refused: Response }> {
  const answered: Response[] = [];
  for (let n = 0; n < 2 * LIMIT + 1; n++) {
    const response = await get(headers, path);
    if (response.status === 429) return { answered, refused: response };
    answered.push(response);
  }
  throw new Error(`no 429 after ${2 * LIMIT + 1} requests`);
}

const BODIES: Record<SurfaceName, unknown> = {
  sequence: { error: { type: "RateLimited", message: expect.stringContaining(`${LIMIT} requests`) } },
  sendblue: { status: "ERROR", message: expect.stringContaining(`${LIMIT} requests`) },
  datadog: { errors: [expect.stringContaining(`${LIMIT} requests`)] },
  seam: { ok: false, error: { type: "rate_limited", message: expect.stringContaining(`${LIMIT} requests`) } },
};

describe.each(Object.keys(READS) as SurfaceName[])("%s", (surface) => {
  it("answers 429 in the surface's shape with Retry-After and a request id", async () => {
    const tenant = await createTenant();
    const { answered, refused } = await untilLimited(tenant.headers[surface], READS[surface]);
    expect(answered.length).toBeLessThanOrEqual(2 * LIMIT);
    expect(await refused.json()).toEqual(BODIES[surface]);
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60).toBe(true);
    expect(refused.headers.get(surface === "seam" ? "seam-request-id" : "x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("Datadog's rate-limit headers", () => {
  it("on every answer; Remaining only when known (0, on the 429)", async () => {
    const tenant = await createTenant();
    const { answered, refused } = await untilLimited(tenant.headers.datadog, READS.datadog);
    const first = answered[0]!;
    expect(first.headers.get("x-ratelimit-limit")).toBe(String(LIMIT));
    expect(first.headers.get("x-ratelimit-period")).toBe("60");
    expect(first.headers.get("x-ratelimit-name")).toBe("api_key");
    expect(first.headers.get("x-ratelimit-remaining")).toBeNull();
    expect(refused.headers.get("x-ratelimit-remaining")).toBe("0");
    expect(refused.headers.get("x-ratelimit-reset")).toBe(refused.headers.get("retry-after"));
  });

  it("are Datadog's only: other surfaces send none", async () => {
    const tenant = await createTenant();
    const response = await get(tenant.headers.sequence, READS.sequence);
    expect(response.headers.get("x-ratelimit-limit")).toBeNull();
  });
});

describe("what counts", () => {
  it("each key has its own limit, and a wrong secret never uses up the real key's", async () => {
    const tenant: Tenant = await createTenant();
    const wrong = { ...tenant.headers.sendblue, "sb-api-secret-key": "not-the-secret" };
    for (let n = 0; n < 2 * LIMIT + 1; n++) expect([401, 429]).toContain((await get(wrong, READS.sendblue)).status);
    expect((await get(tenant.headers.sendblue, READS.sendblue)).status).toBe(200);
    const other = await createTenant();
    await untilLimited(tenant.headers.sendblue, READS.sendblue);
    expect((await get(other.headers.sendblue, READS.sendblue)).status).toBe(200);
  });

  it("the admin API is not limited by tenant keys' limits", async () => {
    for (let n = 0; n < 2 * LIMIT + 1; n++) await createTenant();
  });
});
