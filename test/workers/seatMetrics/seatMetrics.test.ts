import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, createTenant, expectJson, type Tenant } from "../helpers";

const PATH = "/api/seat-metrics";
const ADMIN_SEAT = {
  seatType: "admin",
  description: "Allows user to make admin changes over whole account",
  label: "Administrator",
};

const create = (tenant: Tenant, body: unknown) => call("POST", PATH, tenant.headers.sequence, body);

describe("POST /api/seat-metrics", () => {
  it("creates a metric exactly as Sequence documents it", async () => {
    const tenant = await createTenant();
    const metric = await expectJson(await create(tenant, ADMIN_SEAT), 201);
    expect(metric).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
      seatType: "admin",
      createdBy: tenant.keyId,
      label: "Administrator",
      description: ADMIN_SEAT.description,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect(Date.parse(metric.createdAt)).not.toBeNaN();
    expect(metric.updatedAt).toBe(metric.createdAt);
  });

  it("omits description when none was given", async () => {
    const tenant = await createTenant();
    const metric = await expectJson(await create(tenant, { seatType: "viewer", label: "Viewer" }), 201);
    expect(metric).not.toHaveProperty("description");
  });

  it.each([
    [{ label: "No type" }, "seatType"],
    [{ seatType: "admin" }, "label"],
    [{ seatType: "Admin", label: "A" }, "seatType"],
    [{ seatType: "admin-user", label: "A" }, "seatType"],
    [{ seatType: "_admin", label: "A" }, "seatType"],
    [{ seatType: "admin__user", label: "A" }, "seatType"],
    [{ seatType: 7, label: "A" }, "seatType"],
    [{ seatType: "admin", label: "" }, "label"],
    [{ seatType: "admin", label: "A", description: 3 }, "description"],
  ])("refuses %j with 400 naming %s, writing nothing", async (body, field) => {
    const tenant = await createTenant();
    const error = await expectJson(await create(tenant, body), 400);
    expect(error.error.type).toBe("InvalidInput");
    expect(error.error.message).toContain(field);
    const count = await env.DB.prepare("SELECT COUNT(*) AS n FROM seat_metrics WHERE workspace_id = ?1")
      .bind(tenant.workspaceId)
      .first("n");
    expect(count).toBe(0);
  });

  it("refuses a duplicate seatType with 409", async () => {
    const tenant = await createTenant();
    await expectJson(await create(tenant, ADMIN_SEAT), 201);
    const error = await expectJson(await create(tenant, { ...ADMIN_SEAT, label: "Again" }), 409);
    expect(error.error.type).toBe("SeatTypeTaken");
  });

  it("lets exactly one of two racing duplicates win", async () => {
    const tenant = await createTenant();
    const responses = await Promise.all([create(tenant, ADMIN_SEAT), create(tenant, ADMIN_SEAT)]);
    expect(responses.map((r) => r.status).sort()).toEqual([201, 409]);
  });
});

describe("GET /api/seat-metrics/{id}", () => {
  it("returns the metric, and 404 for an unknown id", async () => {
    const tenant = await createTenant();
    const metric = await expectJson(await create(tenant, ADMIN_SEAT), 201);
    expect(await expectJson(await call("GET", `${PATH}/${metric.id}`, tenant.headers.sequence), 200)).toEqual(metric);
    const missing = await expectJson(await call("GET", `${PATH}/${crypto.randomUUID()}`, tenant.headers.sequence), 404);
    expect(missing.error.type).toBe("SeatMetricNotFound");
  });
});

describe("PUT /api/seat-metrics/{id}", () => {
  it("changes label and description and moves updatedAt", async () => {
    const tenant = await createTenant();
    const metric = await expectJson(await create(tenant, ADMIN_SEAT), 201);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const body = { label: "Admin", description: "Full access" };
    const updated = await expectJson(await call("PUT", `${PATH}/${metric.id}`, tenant.headers.sequence, body), 200);
    expect(updated).toMatchObject({ ...body, id: metric.id, seatType: "admin", createdAt: metric.createdAt });
    expect(updated.updatedAt > metric.updatedAt).toBe(true);
  });

  it("accepts the same seatType but refuses a changed one", async () => {
    const tenant = await createTenant();
    const metric = await expectJson(await create(tenant, ADMIN_SEAT), 201);
    const same = await call("PUT", `${PATH}/${metric.id}`, tenant.headers.sequence, { seatType: "admin", label: "Same" });
    expect(same.status).toBe(200);
    const changed = await call("PUT", `${PATH}/${metric.id}`, tenant.headers.sequence, { seatType: "owner" });
    expect((await expectJson(changed, 400)).error.type).toBe("ImmutableField");
    const stored = await expectJson(await call("GET", `${PATH}/${metric.id}`, tenant.headers.sequence), 200);
    expect(stored).toMatchObject({ seatType: "admin", label: "Same" });
  });

  it("refuses an unknown id with 404 and bad fields with 400", async () => {
    const tenant = await createTenant();
    const metric = await expectJson(await create(tenant, ADMIN_SEAT), 201);
    expect((await call("PUT", `${PATH}/${crypto.randomUUID()}`, tenant.headers.sequence, { label: "x" })).status).toBe(404);
    expect((await call("PUT", `${PATH}/${metric.id}`, tenant.headers.sequence, { label: 5 })).status).toBe(400);
  });

  it.each([[{}], [{ name: "Admin" }]])("refuses %j, which names nothing to change, and leaves the metric as it was", async (body) => {
    const tenant = await createTenant();
    const metric = await expectJson(await create(tenant, ADMIN_SEAT), 201);
    const refused = await expectJson(await call("PUT", `${PATH}/${metric.id}`, tenant.headers.sequence, body), 400);
    expect(refused.error.message).toContain("Name a field to change");
    expect(await expectJson(await call("GET", `${PATH}/${metric.id}`, tenant.headers.sequence), 200)).toEqual(metric);
  });
});

describe("DELETE /api/seat-metrics/{id}", () => {
  it("answers 200 with the deleted metric, then 404", async () => {
    const tenant = await createTenant();
    const metric = await expectJson(await create(tenant, ADMIN_SEAT), 201);
    expect(await expectJson(await call("DELETE", `${PATH}/${metric.id}`, tenant.headers.sequence), 200)).toEqual(metric);
    expect((await call("GET", `${PATH}/${metric.id}`, tenant.headers.sequence)).status).toBe(404);
    expect((await call("DELETE", `${PATH}/${metric.id}`, tenant.headers.sequence)).status).toBe(404);
  });
});

describe("GET /api/seat-metrics", () => {
  async function seed(tenant: Tenant, count: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      ids.push((await expectJson(await create(tenant, { seatType: `seat_${i}`, label: `Seat ${i}` }), 201)).id);
    }
    return ids;
  }

  it("walks forward and back with after/before without skipping or repeating", async () => {
    const tenant = await createTenant();
    const ids = await seed(tenant, 7);
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const query: string = after ? `?limit=3&after=${after}` : "?limit=3";
      const page = await expectJson(await call("GET", `${PATH}${query}`, tenant.headers.sequence), 200);
      expect(page.pagination.totalResultSize).toBe(7);
      seen.push(...page.items.map((item: { id: string }) => item.id));
      after = page.pagination.after;
    } while (after);
    expect(seen).toEqual(ids);

    const last = await expectJson(await call("GET", `${PATH}?limit=3&after=${ids[3]}`, tenant.headers.sequence), 200);
    expect(last.items.map((item: { id: string }) => item.id)).toEqual(ids.slice(4));
    expect(last.pagination.after).toBeNull();
    const back = await expectJson(await call("GET", `${PATH}?limit=3&before=${last.pagination.before}`, tenant.headers.sequence), 200);
    expect(back.items.map((item: { id: string }) => item.id)).toEqual(ids.slice(1, 4));
    expect(back.pagination.before).toBe(ids[1]);
    const first = await expectJson(await call("GET", `${PATH}?limit=3&before=${ids[1]}`, tenant.headers.sequence), 200);
    expect(first.items.map((item: { id: string }) => item.id)).toEqual([ids[0]]);
    expect(first.pagination.before).toBeNull();
  });

  it.each(["limit=0", "limit=101", "limit=abc", "after=not-a-cursor", `after=${crypto.randomUUID()}&before=${crypto.randomUUID()}`])(
    "refuses %s with 400",
    async (query) => {
      const tenant = await createTenant();
      expect((await call("GET", `${PATH}?${query}`, tenant.headers.sequence)).status).toBe(400);
    },
  );
});

describe("tenant isolation", () => {
  it("keeps each workspace's metrics to itself", async () => {
    const a = await createTenant();
    const b = await createTenant();
    const metric = await expectJson(await create(a, ADMIN_SEAT), 201);
    for (const [method, body] of [["GET"], ["PUT", { label: "Stolen" }], ["DELETE"]] as const) {
      expect((await call(method, `${PATH}/${metric.id}`, b.headers.sequence, body)).status).toBe(404);
    }
    const list = await expectJson(await call("GET", PATH, b.headers.sequence), 200);
    expect(list).toEqual({ items: [], pagination: { after: null, before: null, totalResultSize: 0 } });
    expect((await create(b, ADMIN_SEAT)).status).toBe(201);
    expect(await expectJson(await call("GET", `${PATH}/${metric.id}`, a.headers.sequence), 200)).toEqual(metric);
  });
});
