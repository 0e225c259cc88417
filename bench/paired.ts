/**
 * The baselines, and a row measured against them in interleaved slices:
 * B R B R … R B. Each row slice is divided by the mean of the baseline
 * slices just before and after it, and the row's ratio is the median of
 * those. On a shared 2-core machine rates drift by tens of percent within a
 * minute, so a row compared with baselines measured a minute away moved by
 * ±0.15; slices a second apart see the same machine.
 */
import { runLoad, type LoadResult, type LoadSpec } from "./load.ts";
import type { Servers } from "./servers.ts";
import type { Step } from "./scenarios/types.ts";

export type Baseline = "constant" | "d1Read" | "d1Insert" | "d1Object";
export const BASELINE_KEYS: readonly Baseline[] = ["constant", "d1Read", "d1Insert", "d1Object"];

/** Durable Objects the object + D1 baseline spreads its writes over (as the seat contention row spreads over product codes). */
const BASELINE_OBJECTS = 16;

/** A load that can be run again and again, its request counter carried across runs. */
export interface Runner {
  spec: Omit<LoadSpec, "duration" | "amount">;
  counter: { n: number };
}

/** One runner per baseline Worker route, each with its own counter. */
export function baselineRunners(servers: Servers, connections: number): Record<Baseline, Runner> {
  const ids = servers.baselineIds;
  const steps: Record<Baseline, [string, Step]> = {
    constant: [servers.constant.base, () => ({ method: "GET", path: "/" })],
    d1Read: [servers.d1.base, (n) => ({ method: "GET", path: `/read?id=${ids[n % ids.length]}` })],
    d1Insert: [servers.d1.base, (n) => ({ method: "POST", path: "/write", body: { name: `Item ${n}` } })],
    d1Object: [
      servers.d1.base,
      (n) => ({ method: "POST", path: `/write-through-object?object=${n % BASELINE_OBJECTS}`, body: { name: `Item ${n}` } }),
    ],
  };
  const runner = ([base, step]: [string, Step]): Runner => ({ spec: { base, headers: {}, steps: [step], connections }, counter: { n: 0 } });
  return Object.fromEntries(BASELINE_KEYS.map((key) => [key, runner(steps[key])])) as Record<Baseline, Runner>;
}

/** A row's slices and, for each baseline it is compared with, its req/s in the slices around them (one more than the row's). */
export interface Paired {
  slices: LoadResult[];
  around: Partial<Record<Baseline, number[]>>;
}

export interface PairedPlan {
  row: Runner;
  /** Per slice: seconds, or a fixed request count for rows whose pools are slow to make. */
  slice: { seconds: number; amount?: number | undefined };
  slices: number;
  baselines: { key: Baseline; runner: Runner }[];
  /** Seconds per baseline slice. */
  baselineSeconds: number;
}

export async function measurePaired(plan: PairedPlan): Promise<Paired> {
  const around: Paired["around"] = {};
  const baselineSlice = async () => {
    for (const { key, runner } of plan.baselines) {
      const result = await runLoad({ ...runner.spec, duration: plan.baselineSeconds }, runner.counter);
      (around[key] ??= []).push(result.rps);
    }
  };
  const slices: LoadResult[] = [];
  await baselineSlice();
  for (let i = 0; i < plan.slices; i++) {
    slices.push(await runLoad({ ...plan.row.spec, duration: plan.slice.seconds, amount: plan.slice.amount }, plan.row.counter));
    await baselineSlice();
  }
  return { slices, around };
}

/** The median over slices of a row slice's req/s divided by the mean of the baseline slices around it. */
export function pairedRatio(slices: Pick<LoadResult, "rps">[], around: number[]): number {
  return median(slices.map(({ rps }, i) => rps / ((around[i]! + around[i + 1]!) / 2)));
}

/** The slices condensed: req/s over all of them, latencies as the median slice's, errors and statuses summed. */
export function combine(slices: LoadResult[]): LoadResult {
  const requests = slices.reduce((sum, slice) => sum + slice.requests, 0);
  const seconds = slices.reduce((sum, slice) => sum + slice.seconds, 0);
  const statuses: Record<string, number> = {};
  for (const slice of slices) for (const [code, count] of Object.entries(slice.statuses)) statuses[code] = (statuses[code] ?? 0) + count;
  return {
    requests,
    seconds,
    rps: seconds > 0 ? requests / seconds : 0,
    p50: median(slices.map((slice) => slice.p50)),
    p99: median(slices.map((slice) => slice.p99)),
    errors: slices.reduce((sum, slice) => sum + slice.errors, 0),
    statuses,
  };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length / 2;
  return sorted.length % 2 ? sorted[Math.floor(middle)]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
