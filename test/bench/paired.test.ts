import { describe, expect, it } from "vitest";
import { combine, median, pairedRatio } from "../../bench/paired.ts";
import type { LoadResult } from "../../bench/load.ts";

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
    expect(pairedRatio([slice(100), slice(300), slice(150)], [200, 200, 400, 600])).toBeCloseTo(0.5);
  });

  it("is not moved by a baseline that drifts while the row keeps pace with it", () => {
    const around = [1000, 800, 600, 400];
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
