import { createExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import worker from "../../src/index";
import { meteredDb, newMeter } from "../../bench/worker/meter";
import { BASE, call, createTenant, expectJson, type Tenant } from "./helpers";
import { seedCustomers, seedUsers } from "./seed";

const PATH = "/api/seat-metrics";

const create = (tenant: Tenant, seatType: string) => call("POST", PATH, tenant.headers.sequence, { seatType, label: seatType });

async function counted(workspaceId: string): Promise<{ kept: number; actual: number }> {
  const kept = await env.DB.prepare("SELECT row_count FROM row_counts WHERE workspace_id = ?1 AND table_name = 'seat_metrics'")
    .bind(workspaceId)
    .first<number>("row_count");
  const actual = await env.DB.prepare("SELECT count(*) AS n FROM seat_metrics WHERE workspace_id = ?1").bind(workspaceId).first<number>("n");
  return { kept: kept ?? 0, actual: actual ?? 0 };
}

async function total(tenant: Tenant): Promise<number> {
  const page = await expectJson(await call("GET", PATH, tenant.headers.sequence), 200);
  return page.pagination.totalResultSize;
}

/** Inserts `count` seat metrics straight into D1, as a migration or a bulk load would. */
async function insertDirectly(workspaceId: string, count: number): Promise<void> {
  await env.DB.prepare(
    `INSERT INTO seat_metrics (workspace_id, id, seat_type, label, created_by, created_at, updated_at)
     WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < ?2)
     SELECT ?1, printf('00000000-0000-7000-8000-%012x', n), 'bulk_' || n, 'Bulk', 'test', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z' FROM seq`,
  )
    .bind(workspaceId, count)
    .run();
}

describe("seat metric counts (row_counts)", () => {
  it("follow creates and deletes, and answer totalResultSize", async () => {
    const tenant = await createTenant();
    const metrics = await Promise.all(["a", "b", "c"].map(async (seatType) => expectJson(await create(tenant, seatType), 201)));
    await expectJson(await call("DELETE", `${PATH}/${metrics[0].id}`, tenant.headers.sequence), 200);
    expect(await counted(tenant.workspaceId)).toEqual({ kept: 2, actual: 2 });
    expect(await total(tenant)).toBe(2);
  });

  it("start at zero and stay per workspace", async () => {
    const [a, b] = await Promise.all([createTenant(), createTenant()]);
    expect(await total(a)).toBe(0);
    await expectJson(await create(a, "admin"), 201);
    expect(await total(a)).toBe(1);
    expect(await total(b)).toBe(0);
  });

  it("do not count a refused duplicate, also when two race", async () => {
    const tenant = await createTenant();
    const statuses = (await Promise.all([create(tenant, "admin"), create(tenant, "admin"), create(tenant, "admin")])).map((r) => r.status);
    expect(statuses.sort()).toEqual([201, 409, 409]);
    expect(await counted(tenant.workspaceId)).toEqual({ kept: 1, actual: 1 });
  });

  it("count rows written by any path, not only the API", async () => {
    const tenant = await createTenant();
    await insertDirectly(tenant.workspaceId, 50);
    expect(await counted(tenant.workspaceId)).toEqual({ kept: 50, actual: 50 });
    expect(await total(tenant)).toBe(50);
  });

  it("let a list read the same few rows whatever the table size", async () => {
    const small = await createTenant();
    const large = await createTenant();
    await insertDirectly(small.workspaceId, 30);
    await insertDirectly(large.workspaceId, 3000);
    const rowsRead = async (tenant: Tenant) => {
      // The Worker on a metered binding, as the bench serves it (bench/worker/).
      const meter = newMeter();
      const request = new Request(`${BASE}${PATH}`, { headers: tenant.headers.sequence });
      const response = await worker.fetch(request, { ...env, DB: meteredDb(env.DB, meter) }, createExecutionContext());
      expect(response.status).toBe(200);
      return meter.rowsRead;
    };
    const [fromSmall, fromLarge] = [await rowsRead(small), await rowsRead(large)];
    expect(fromLarge).toBe(fromSmall);
    expect(fromLarge).toBeLessThan(30);
  });
});

describe("users, customers and organization counts (row_counts, migration 0006)", () => {
  async function kept(workspaceId: string, table: string): Promise<{ kept: number; actual: number }> {
    const row = await env.DB.prepare("SELECT row_count FROM row_counts WHERE workspace_id = ?1 AND table_name = ?2")
      .bind(workspaceId, table)
      .first<number>("row_count");
    const actual = await env.DB.prepare(`SELECT count(*) AS n FROM ${table} WHERE workspace_id = ?1`).bind(workspaceId).first<number>("n");
    return { kept: row ?? 0, actual: actual ?? 0 };
  }
  const seatCount = async (tenant: Tenant) => (await expectJson(await call("GET", "/api/v2/seats/count", tenant.headers.sendblue), 200)).count;

  it("count users through creates, refused duplicates, deletes and direct inserts; Sendblue's count reads it", async () => {
    const tenant = await createTenant();
    const other = await createTenant();
    const created = await Promise.all(
      ["a", "b", "c"].map(async (key) => expectJson(await call("POST", "/user_identities/create", tenant.headers.seam, { user_identity_key: key }), 200)),
    );
    const duplicate = await call("POST", "/user_identities/create", tenant.headers.seam, { user_identity_key: "a" });
    expect(duplicate.status).toBe(409);
    await expectJson(
      await call("POST", "/user_identities/delete", tenant.headers.seam, { user_identity_id: created[0].user_identity.user_identity_id }),
      200,
    );
    expect(await kept(tenant.workspaceId, "users")).toEqual({ kept: 2, actual: 2 });
    expect(await seatCount(tenant)).toBe(2);
    expect(await seatCount(other)).toBe(0);

    await seedUsers(tenant.workspaceId, "direct", 40);
    expect(await kept(tenant.workspaceId, "users")).toEqual({ kept: 42, actual: 42 });
    expect(await seatCount(tenant)).toBe(42);
  });

  it("count customers and organizations; totalResultSize reads them, and a filtered total still counts matches", async () => {
    const tenant = await createTenant();
    await seedCustomers(tenant.workspaceId, 30);
    const customers = (path: string) => call("GET", path, tenant.headers.sequence);
    expect((await expectJson(await customers("/api/customers"), 200)).pagination.totalResultSize).toBe(30);
    expect((await expectJson(await customers("/api/customers?email=c7%40cost.test"), 200)).pagination.totalResultSize).toBe(1);
    const organizations = await expectJson(await customers("/api/customer-organizations?limit=2"), 200);
    expect(organizations.pagination.totalResultSize).toBe(6);

    await expectJson(await call("DELETE", `/api/customer-organizations/${organizations.items[0].id}`, tenant.headers.sequence), 200);
    expect(await kept(tenant.workspaceId, "customer_organizations")).toEqual({ kept: 5, actual: 5 });
    expect((await expectJson(await customers("/api/customer-organizations"), 200)).pagination.totalResultSize).toBe(5);
    expect(await kept(tenant.workspaceId, "customers")).toEqual({ kept: 30, actual: 30 });
  });
});
