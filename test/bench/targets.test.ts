import { describe, expect, it } from "vitest";
import { rate } from "../../bench/report.ts";
import { explain, meets, pageRows, shapeOf } from "../../bench/targets.ts";
import type { LoadPhase, Measurement } from "../../bench/throughput.ts";

describe("bench: each row's baseline and target (issue 16)", () => {
  it("takes a GET for a read and anything else for a write unless the row says otherwise", () => {
    expect(shapeOf({ route: "GET /api/seat-metrics/:id" })).toBe("read");
    expect(shapeOf({ route: "POST /api/seat-metrics" })).toBe("write");
    expect(shapeOf({ route: "POST /user_identities/get", shape: "read" })).toBe("read");
    expect(shapeOf({ route: "GET /api/customers", shape: "list" })).toBe("list");
  });

  it("meets a target at or above it, never with an error, and judges no row without one", () => {
    expect(meets("read", 0.9, 0)).toBe(true);
    expect(meets("read", 0.89, 0)).toBe(false);
    expect(meets("write", 0.85, 0)).toBe(true);
    expect(meets("contention", 0.8, 0)).toBe(true);
    expect(meets("objectWrite", 0.84, 0)).toBe(false);
    expect(meets("list", 1.2, 1)).toBe(false);
    expect(meets("spread", 0.1, 0)).toBeUndefined();
  });

  it("counts a page's rows: the answer's own array or its longest top-level one", () => {
    expect(pageRows(JSON.stringify([{}, {}, {}]))).toBe(3);
    expect(pageRows(JSON.stringify({ items: [{}, {}], pagination: { after: "x" }, tags: ["a"] }))).toBe(2);
    expect(pageRows(JSON.stringify({ ok: true, user_identities: [] }))).toBe(0);
    expect(pageRows(JSON.stringify({ status: "ok" }))).toBe(0);
  });
});

describe("bench: why a row misses", () => {
  it("calls a row CPU-bound when its CPU gap accounts for its throughput gap", () => {
    const why = explain("read", { ratio: 0.5, cpu: { row: 2, baseline: 1 }, baselineRows: 1 });
    expect(why).toContain("2.00 ms workerd CPU per request against the baseline's 1.00 ms (+1.00 ms)");
    expect(why).toContain("CPU-bound: that gap alone allows 0.50×");
  });

  it("says the rest is waiting when the CPU gap would allow more, and names extra round trips and statements", () => {
    const why = explain("objectWrite", {
      ratio: 0.4,
      cpu: { row: 1.25, baseline: 1 },
      cost: { calls: 2, queries: 3, rowsRead: 19, rowsWritten: 3 },
    });
    expect(why).toContain("CPU alone would allow 0.80×: the rest is time spent waiting (D1, the object's queue)");
    expect(why).toContain("2 sequential D1 round trips (the baseline: 1), 3 statements (the baseline: 1), 19 rows read, 3 written");
  });

  it("compares rows read with the rows of the list baseline's page", () => {
    expect(explain("list", { ratio: 0.7, cost: { calls: 1, queries: 2, rowsRead: 23, rowsWritten: 0 }, baselineRows: 20 })).toBe(
      "1 D1 round trip, 2 statements (the baseline: 1), 23 rows read (the baseline: 20), 0 written",
    );
  });
});

describe("bench: a row condensed for the report", () => {
  const measurement = (ratio: number, errors = 0): Measurement => ({
    rps: ratio * 100,
    p50: 10,
    p99: 20,
    errors,
    round: 0,
    ratios: { d1Read: ratio },
    cpu: { row: 2, baselines: { d1Read: 1 } },
    slices: [],
    around: {},
  });
  const load = (measurements: Measurement[]): LoadPhase => ({
    slicing: { slices: 6, seconds: 1 },
    rounds: [{ loadAverage: [1, 1, 1], baselines: { constant: { requests: 400, seconds: 1, rps: 400, p50: 1, p99: 2, errors: 0, statuses: {} } } }],
    rows: [{ label: "GET /x/:id", method: "GET", connections: 16, shape: "read", baseline: "d1Read", measurements }],
    notes: [],
  });

  it("shows the median of a row measured again, with its verdict and why it misses", () => {
    const [row] = rate(load([measurement(0.6), measurement(0.95), measurement(0.7)])).rows;
    expect(row).toMatchObject({ ratio: 0.7, rps: 70, target: 0.9, met: false, vsConstant: 70 / 400 });
    expect(row!.why).toContain("+1.00 ms");
    expect(row!.note).toContain("measured 3×: 0.60 / 0.95 / 0.70, median shown");
  });

  it("fails a row that had an error, whatever its throughput", () => {
    const [row] = rate(load([measurement(1.2, 3)])).rows;
    expect(row).toMatchObject({ met: false, errors: 3 });
    expect(row!.flags).toContain("⚠ errors");
  });
});
