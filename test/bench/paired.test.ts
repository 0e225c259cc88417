import { describe, expect, it } from "vitest";
import { percentile, type LoadResult } from "../../bench/load.ts";
import { baselineId, combine, cpuPerRequest, median, pairedRatio } from "../../bench/paired.ts";

const slice = (rps: number, p50 = 10, p99 = 50, statuses: Record<string, number> = { 200: rps }): LoadResult => ({
  requests: rps,
  seconds: 1,
  rps,
  p50,
  p99,
  errors: 0,
  statuses,
});

describe("bench: a row measured between slices of its baseline", () => {
  it("divides each row slice by the mean of the baseline slices around it and takes the median", () => {
    // Ratios 100/200 = 0.5, 300/300 = 1, 150/500 = 0.3: the median is 0.5, not the mean (0.6).
    expect(pairedRatio([slice(100), slice(300), slice(150)], [200, 200, 400, 600].map((rps) => slice(rps)))).toBeCloseTo(0.5);
  });

  it("is not moved by a baseline that drifts while the row keeps pace with it", () => {
    const around = [1000, 800, 600, 400].map((rps) => slice(rps));
    const rows = [900, 700, 500].map((rps) => slice(rps / 2));
    expect(pairedRatio(rows, around)).toBeCloseTo(0.5);
  });

  it("takes the middle value of an odd count and the mean of the two middle values of an even count", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it("condenses slices: requests over seconds, the median latencies, statuses summed", () => {
    const result = combine([slice(100, 10, 40, { 200: 100 }), slice(300, 30, 90, { 200: 290, 409: 10 }), slice(200, 20, 60, { 200: 200 })]);
    expect(result).toMatchObject({ requests: 600, seconds: 3, rps: 200, p50: 20, p99: 60, statuses: { 200: 590, 409: 10 } });
  });
});

describe("bench: CPU time per request", () => {
  it("sums CPU time over the slices and divides by their requests, not the mean of per-slice figures", () => {
    // 300 ms over 100 requests and 100 ms over 300: 400 ms / 400 requests = 1 ms (the mean of 3 and 0.33 would say 1.67).
    const slices = [{ ...slice(100), cpuMs: 300, driverCpuMs: 20 }, { ...slice(300), cpuMs: 100, driverCpuMs: 60 }];
    expect(cpuPerRequest(slices)).toBeCloseTo(1);
    expect(cpuPerRequest(slices, "driverCpuMs")).toBeCloseTo(0.2);
  });

  it("tells nothing when a slice could not read /proc, or nothing was answered", () => {
    expect(cpuPerRequest([{ ...slice(100), cpuMs: 300 }, slice(100)])).toBeUndefined();
    expect(cpuPerRequest([{ ...slice(0), cpuMs: 10 }])).toBeUndefined();
  });
});

describe("bench: latency percentiles of the dispatchFetch driver", () => {
  it("takes the nearest rank", () => {
    const latencies = Array.from({ length: 100 }, (_, i) => 100 - i); // 100 … 1, unsorted
    expect(percentile(latencies, 0.5)).toBe(50);
    expect(percentile(latencies, 0.99)).toBe(99);
    expect(percentile([7], 0.99)).toBe(7);
    expect(percentile([], 0.5)).toBe(0);
  });
});

describe("bench: baseline ids", () => {
  it("names the list baseline by its page size and the others by name", () => {
    expect(baselineId("d1List", 20)).toBe("d1List:20");
    expect(baselineId("d1Read", 20)).toBe("d1Read");
  });
});
