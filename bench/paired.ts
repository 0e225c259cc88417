/**
 * The baselines, and a row measured against them in interleaved slices:
 * B R B R … R B. Each row slice is divided by the mean of the baseline
 * slices just before and after it, and the row's ratio is the median of
 * those. On a shared 2-core machine rates drift by tens of percent within a
 * minute, so a row compared with baselines measured a minute away moved by
 * ±0.15; slices a second apart see the same machine.
 */
import { runLoad, type LoadResult, type LoadSpec } from "./load.ts";
import type { Served, Servers } from "./servers.ts";
import type { Step } from "./scenarios/types.ts";

/**
 * The baseline Workers' routes: a constant body, one indexed read, one
 * statement returning a page of rows, one insert, and that insert made from
 * a Durable Object.
 */
export type Baseline = "constant" | "d1Read" | "d1List" | "d1Insert" | "d1Object";

/** A baseline as measured: the list baseline at a page size ("d1List:100"), the others by name. */
export type BaselineId = Exclude<Baseline, "d1List"> | `d1List:${number}`;

/** The baselines of every round (the baseline table): the list one at pages of 100. */
export const ROUND_BASELINES: readonly BaselineId[] = ["constant", "d1Read", "d1List:100", "d1Insert", "d1Object"];

/** The id of `baseline`, at `rows` rows for the list baseline. */
export function baselineId(baseline: Baseline, rows = 100): BaselineId {
  return baseline === "d1List" ? `d1List:${rows}` : baseline;
}

/** Durable Objects the object + D1 baseline spreads its writes over (as the seat contention row spreads over product codes). */
const BASELINE_OBJECTS = 16;

/** A load that can be run again and again, its request counter carried across runs. */
export interface Runner {
  spec: Omit<LoadSpec, "duration" | "amount">;
  counter: { n: number };
}

/** How the load reaches a served Worker: its base, its processes, and dispatchFetch when the driver is "dispatch". */
export function target(served: Served, driver: "socket" | "dispatch"): Pick<LoadSpec, "base" | "pids" | "dispatch"> {
  if (driver === "dispatch" && !served.dispatch) throw new Error(`${served.name}: --driver dispatch needs --mode inprocess`);
  return { base: served.base, pids: served.pids, ...(driver === "dispatch" ? { dispatch: served.dispatch } : {}) };
}

/** The baselines' runners, each made when first asked for, each with its own counter. */
export function baselineRunners(servers: Servers, connections: number, driver: "socket" | "dispatch"): (id: BaselineId) => Runner {
  const ids = servers.baselineIds;
  const step = (id: BaselineId): [Served, Step] => {
    if (id.startsWith("d1List:")) return [servers.d1, () => ({ method: "GET", path: `/list?limit=${id.slice("d1List:".length)}` })];
    switch (id) {
      case "constant":
        return [servers.constant, () => ({ method: "GET", path: "/" })];
      case "d1Read":
        return [servers.d1, (n) => ({ method: "GET", path: `/read?id=${ids[n % ids.length]}` })];
      case "d1Insert":
        return [servers.d1, (n) => ({ method: "POST", path: "/write", body: { name: `Item ${n}` } })];
      default:
        return [
          servers.d1,
          (n) => ({ method: "POST", path: `/write-through-object?object=${n % BASELINE_OBJECTS}`, body: { name: `Item ${n}` } }),
        ];
    }
  };
  const made = new Map<BaselineId, Runner>();
  return (id) => {
    let runner = made.get(id);
    if (!runner) {
      const [served, first] = step(id);
      made.set(id, (runner = { spec: { ...target(served, driver), headers: {}, steps: [first], connections }, counter: { n: 0 } }));
    }
    return runner;
  };
}

/** A row's slices and, for each baseline it is compared with, its slices around them (one more than the row's). */
export interface Paired {
  slices: LoadResult[];
  around: Partial<Record<BaselineId, LoadResult[]>>;
}

export interface PairedPlan {
  row: Runner;
  /** Per slice: seconds, or a fixed request count for rows whose pools are slow to make. */
  slice: { seconds: number; amount?: number | undefined };
  slices: number;
  baselines: { key: BaselineId; runner: Runner }[];
  /** Seconds per baseline slice. */
  baselineSeconds: number;
}

export async function measurePaired(plan: PairedPlan): Promise<Paired> {
  const around: Paired["around"] = {};
  const baselineSlice = async () => {
    for (const { key, runner } of plan.baselines) {
      (around[key] ??= []).push(await runLoad({ ...runner.spec, duration: plan.baselineSeconds }, runner.counter));
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
export function pairedRatio(slices: Pick<LoadResult, "rps">[], around: Pick<LoadResult, "rps">[]): number {
  return median(slices.map(({ rps }, i) => rps / ((around[i]!.rps + around[i + 1]!.rps) / 2)));
}

/** CPU time per request over the slices, in ms: of the serving workerd processes, or ("driverCpuMs") of the load generator. */
export function cpuPerRequest(slices: Pick<LoadResult, "requests" | "cpuMs" | "driverCpuMs">[], of: "cpuMs" | "driverCpuMs" = "cpuMs"): number | undefined {
  const requests = slices.reduce((sum, slice) => sum + slice.requests, 0);
  if (requests === 0 || slices.some((slice) => slice[of] === undefined)) return undefined;
  return slices.reduce((sum, slice) => sum + slice[of]!, 0) / requests;
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
