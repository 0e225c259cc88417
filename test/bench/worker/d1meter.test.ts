import { createExecutionContext } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import served from "../../../src/index";
import { METER_REQUEST_HEADER, meteredDb, newMeter } from "../../../bench/worker/meter";
import { meteredSeatObjects, type MeteredSeatAssignments } from "../../../bench/worker/seatAssignments";
import { BASE, createTenant, expectJson, type Tenant } from "../../workers/helpers";
import { createSeatType, insertUsers, journalOf, REACHED } from "../../workers/assignments/fixtures";

const METER_HEADERS = ["x-d1-calls", "x-d1-queries", "x-d1-rows-read", "x-d1-rows-written", "x-d1-unmetered"];

/** Asks the bench Worker (this project's main) for a metered request. */
function fetchMetered(tenant: Tenant, path: string, init: RequestInit = {}) {
  const headers = { ...tenant.headers.sequence, "content-type": "application/json", [METER_REQUEST_HEADER]: "1" };
  return exports.default.fetch(`${BASE}${path}`, { ...init, headers });
}

describe("D1 meter (bench only)", () => {
  it("is not in the deployed Worker, even when a request asks for it", async () => {
    const tenant = await createTenant();
    const request = new Request(`${BASE}/api/seat-metrics`, { headers: { ...tenant.headers.sequence, [METER_REQUEST_HEADER]: "1" } });
    const response = await served.fetch(request, env, createExecutionContext());
    expect(response.status).toBe(200);
    for (const name of METER_HEADERS) expect(response.headers.has(name)).toBe(false);
  });

  it("stays off in the bench Worker for requests that do not ask for it", async () => {
    const tenant = await createTenant();
    const response = await exports.default.fetch(`${BASE}/api/seat-metrics`, { headers: tenant.headers.sequence });
    expect(response.status).toBe(200);
    expect(response.headers.has("x-d1-rows-read")).toBe(false);
  });

  it("reports the rows a request read and wrote through the real data layer", async () => {
    const tenant = await createTenant();
    const created = await fetchMetered(tenant, "/api/seat-metrics", {
      method: "POST",
      body: JSON.stringify({ seatType: "admin", label: "Administrator" }),
    });
    await expectJson(created, 201);
    // A key the Worker has not seen yet: the key gate (which also starts the write context), its row,
    // the insert and the context's end (which is the outbox probe), in one batch.
    expect(created.headers.get("x-d1-calls")).toBe("1");
    expect(created.headers.get("x-d1-queries")).toBe("4");
    expect(Number(created.headers.get("x-d1-rows-written"))).toBeGreaterThanOrEqual(1);
    expect(created.headers.get("Sequence-Version")).toBe("2024-07-30");

    const listed = await fetchMetered(tenant, "/api/seat-metrics");
    expect((await expectJson(listed, 200)).items).toHaveLength(1);
    // A known key: its check, the page and the count, in one batch.
    expect(listed.headers.get("x-d1-calls")).toBe("1");
    expect(listed.headers.get("x-d1-queries")).toBe("3");
    expect(Number(listed.headers.get("x-d1-rows-read"))).toBeGreaterThanOrEqual(2);
    expect(listed.headers.get("x-d1-rows-written")).toBe("0");
    expect(listed.headers.get("x-d1-unmetered")).toBe("0");
  });

  it("meters a failed request too", async () => {
    const tenant = await createTenant();
    const response = await fetchMetered(tenant, `/api/seat-metrics/${crypto.randomUUID()}`);
    expect(response.status).toBe(404);
    expect(response.headers.get("x-d1-queries")).toBe("2");
  });
});

describe("meteredDb", () => {
  it("sums meta exactly as the unwrapped statements report it, and keeps their results", async () => {
    await env.DB.exec("CREATE TABLE IF NOT EXISTS meter_probe (n INTEGER PRIMARY KEY, label TEXT) STRICT");
    const meter = newMeter();
    const db = meteredDb(env.DB, meter);
    const insert = await db.prepare("INSERT INTO meter_probe (n, label) VALUES (?1, ?2), (?3, ?4)").bind(1, "a", 2, "b").run();
    const [selected, counted] = await db.batch([
      db.prepare("SELECT n, label FROM meter_probe ORDER BY n"),
      db.prepare("SELECT count(*) AS total FROM meter_probe"),
    ]);
    const first = await db.prepare("SELECT label FROM meter_probe WHERE n = ?1").bind(2).first<{ label: string }>();
    const column = await db.prepare("SELECT label FROM meter_probe WHERE n = ?1").bind(1).first<string>("label");
    const missing = await db.prepare("SELECT label FROM meter_probe WHERE n = ?1").bind(9).first();
    const all = await db.prepare("SELECT n FROM meter_probe").all();

    expect(selected!.results).toEqual([{ n: 1, label: "a" }, { n: 2, label: "b" }]);
    expect(counted!.results).toEqual([{ total: 2 }]);
    expect(first).toEqual({ label: "b" });
    expect(column).toBe("a");
    expect(missing).toBeNull();
    expect(all.results).toHaveLength(2);

    const expected = await unmeteredCost(["SELECT label FROM meter_probe WHERE n = 2", "SELECT label FROM meter_probe WHERE n = 1", "SELECT label FROM meter_probe WHERE n = 9", "SELECT n FROM meter_probe"]);
    expect(meter.queries).toBe(7);
    expect(meter.calls).toBe(6); // the batch of two is one
    expect(meter.rowsWritten).toBe(insert.meta.rows_written);
    expect(meter.rowsRead).toBe(insert.meta.rows_read + selected!.meta.rows_read + counted!.meta.rows_read + expected);
    expect(meter.unmetered).toBe(0);
  });

  it("counts raw() and exec() as unmetered and still answers them", async () => {
    const meter = newMeter();
    const db = meteredDb(env.DB, meter);
    expect(await db.prepare("SELECT 1 AS one").raw()).toEqual([[1]]);
    await db.exec("SELECT 1");
    expect(meter).toEqual({ calls: 2, queries: 0, rowsRead: 0, rowsWritten: 0, unmetered: 2 });
  });

  it("meters statements of a session", async () => {
    const meter = newMeter();
    const session = meteredDb(env.DB, meter).withSession();
    await session.prepare("SELECT 1 AS one").first();
    await session.batch([session.prepare("SELECT 2 AS two"), session.prepare("SELECT 3 AS three")]);
    expect(meter.queries).toBe(3);
    expect(meter.calls).toBe(2);
  });
});

describe("the metered SeatAssignments object", () => {
  const objects = env.SEAT_ASSIGNMENTS as unknown as DurableObjectNamespace<MeteredSeatAssignments>;

  it("answers as the real object does and reports the D1 work of each call: its one batch: the write context, verdict, write and the context's end", async () => {
    const tenant = await createTenant();
    await createSeatType(tenant, "apm");
    const users = await insertUsers(tenant.workspaceId, 2);
    const change = { workspaceId: tenant.workspaceId, productCode: "apm", userIds: users, requestId: crypto.randomUUID() };
    const { outcome, cost } = await objects.getByName(`${tenant.workspaceId}:apm`).metered("assign", change);
    expect(outcome).toEqual({ ok: true, changed: users, seq: 1, bookmark: REACHED, outboxWaiting: false });
    expect(cost).toMatchObject({ calls: 1, queries: 4 });
    expect(cost.rowsRead).toBeGreaterThan(0);
    expect(cost.rowsWritten).toBeGreaterThanOrEqual(2);
  });

  it("charges the request's meter with the object's work through the stubs the Worker's code gets, and passes other calls through", async () => {
    const tenant = await createTenant();
    await createSeatType(tenant, "apm");
    const users = await insertUsers(tenant.workspaceId, 1);
    const change = { workspaceId: tenant.workspaceId, productCode: "apm", userIds: users, requestId: crypto.randomUUID() };
    const meter = newMeter();
    const seats = meteredSeatObjects(objects, meter).getByName(`${tenant.workspaceId}:apm`);
    expect(await seats.assign(change)).toEqual({ ok: true, changed: users, seq: 1, bookmark: REACHED, outboxWaiting: false });
    const afterAssign = { ...meter };
    expect(afterAssign).toMatchObject({ calls: 1, queries: 4, unmetered: 0 });
    expect(await seats.unassign(change)).toEqual({ ok: true, changed: users, seq: 2, bookmark: REACHED, outboxWaiting: false });
    expect(meter).toMatchObject({ calls: 2, queries: 8 });
    expect(meter.rowsWritten).toBeGreaterThan(afterAssign.rowsWritten);
    expect((await journalOf(objects.getByName(`${tenant.workspaceId}:apm`))).map((entry) => entry.kind)).toEqual(["assign", "unassign"]);
  });
});

async function unmeteredCost(statements: string[]): Promise<number> {
  let rows = 0;
  for (const sql of statements) rows += (await env.DB.prepare(sql).run()).meta.rows_read;
  return rows;
}
