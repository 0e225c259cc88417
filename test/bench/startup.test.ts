import { describe, expect, it } from "vitest";
import { startupFigures, type CpuProfile } from "../../bench/bundle.ts";

/** A startup profile as `wrangler check startup` writes it: node 2 is idle; a sample's delta is the time since the one before (µs). */
const profile = (samples: number[], timeDeltas: number[]): CpuProfile => ({
  nodes: [
    { id: 1, callFrame: { functionName: "(root)" } },
    { id: 2, callFrame: { functionName: "(idle)" } },
    { id: 3, callFrame: { functionName: "(program)" } },
    { id: 4, callFrame: { functionName: "fetch" } },
  ],
  samples,
  timeDeltas,
});

describe("bench: startup figures", () => {
  it("count what wrangler's Active figure counts, and the same without the first busy sample's interval", () => {
    // As recorded here for Seatkeeper: idle, a first busy sample 23.8 ms after it, then ~1.1 ms apart.
    expect(startupFigures(profile([2, 3, 3, 4, 2], [20_300, 23_800, 1_100, 1_200, 1_100]))).toEqual({ activeMs: 26.1, afterFirstIntervalMs: 2.3 });
  });

  it("give an empty Worker's single sample as all interval and no work after it", () => {
    expect(startupFigures(profile([2, 4], [6_100, 19_800]))).toEqual({ activeMs: 19.8, afterFirstIntervalMs: 0 });
  });

  it("give zero for a profile with no busy sample", () => {
    expect(startupFigures(profile([2, 2], [1_000, 1_000]))).toEqual({ activeMs: 0, afterFirstIntervalMs: 0 });
  });
});
