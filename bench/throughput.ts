/**
 * The load phase: the baselines, every row under load in the seeded load
 * workspace (or a fresh one for rows that write), then the baselines again,
 * so that drift on a shared machine shows.
 */
import { send, type Target } from "./api.ts";
import { grow, newFixture } from "./fixture.ts";
import { runLoad, type LoadResult } from "./load.ts";
import type { Options } from "./options.ts";
import { expected, reason, startRow, type Row } from "./rows.ts";
import type { Servers } from "./servers.ts";
import type { Step } from "./scenarios/types.ts";

/** Requests/s no local run reaches: sizes the pools that write rows consume. */
const RATE_CEILING = 4000;

/** Durable Objects the object + D1 baseline spreads its writes over (as the seat contention row spreads over product codes). */
const BASELINE_OBJECTS = 16;

/** Baselines are measured again after every this many rows: each row is compared with the rounds just before and after it. */
const BASELINE_EVERY = 8;

export type Baseline = "constant" | "d1Read" | "d1Insert" | "d1Object";
export type BaselineRound = Record<Baseline, LoadResult>;

export interface LoadRow extends Partial<LoadResult> {
  label: string;
  method: string;
  connections: number;
  /** Its writes go through a Durable Object (see Scenario.throughObject). */
  throughObject?: boolean;
  /** The baseline round measured just before this row (the next one follows it). */
  round: number;
  error?: string;
  note?: string;
  /** Measurements again of a row that came out below half of the D1 baseline, each between two baseline rounds of its own. */
  retries?: Measurement[];
}

/** One measurement of a row, and the baseline round just before it. */
export type Measurement = Pick<LoadResult, "rps" | "p50" | "p99" | "errors"> & { round: number };

export interface LoadPhase {
  rounds: BaselineRound[];
  rows: LoadRow[];
  notes: string[];
}

export async function loadPhase(servers: Servers, rows: Row[], options: Options, log: (line: string) => void): Promise<LoadPhase> {
  const target: Target = { base: servers.seatkeeper.base, adminToken: servers.adminToken };
  const fx = await newFixture(target, servers.seatkeeperDb, "bench_load");
  log("load: seeding the load workspace");
  const notes = (await grow(fx, options.load)).map((note) => `load: ${note}`);
  const rounds = [await baselines(servers, options, log)];
  const results: LoadRow[] = [];
  for (const [i, row] of rows.entries()) {
    if (i > 0 && i % BASELINE_EVERY === 0) rounds.push(await baselines(servers, options, log));
    const own = row.scenario.workspace === "own" ? await newFixture(target, fx.db, "bench_own") : fx;
    const result = { ...(await loadRow(row, own, options)), round: rounds.length - 1 };
    log(`load: ${row.label}: ${result.error ?? `${Math.round(result.rps ?? 0)} req/s, p99 ${result.p99} ms, ${result.errors} errors`}`);
    results.push(result);
  }
  rounds.push(await baselines(servers, options, log));
  for (const [i, row] of results.entries()) {
    if (row.rps === undefined || vsD1(row.method, { rps: row.rps, round: row.round }, rounds) >= 0.5) continue;
    row.retries = [];
    for (let attempt = 0; attempt < options.retries; attempt++) {
      const own = rows[i]!.scenario.workspace === "own" ? await newFixture(target, fx.db, "bench_own") : fx;
      const { rps, p50, p99, errors } = await loadRow(rows[i]!, own, options);
      if (rps === undefined) break;
      const retry: Measurement = { rps, p50: p50!, p99: p99!, errors: errors!, round: rounds.length - 1 };
      row.retries.push(retry);
      rounds.push(await baselines(servers, options, log));
      log(`load: ${row.label} again: × D1 ${vsD1(row.method, retry, rounds).toFixed(2)}`);
    }
  }
  for (const key of ["constant", "d1Read", "d1Insert", "d1Object"] as const) {
    const rates = rounds.map((round) => round[key].rps);
    const spread = (Math.max(...rates) - Math.min(...rates)) / (rates.reduce((a, b) => a + b, 0) / rates.length);
    if (spread > 0.25) notes.push(`baseline ${key} moved ${Math.round(spread * 100)}% during the run: the machine is busy, read ratios as rough`);
  }
  return { rounds, rows: results, notes };
}

/** A measurement's requests/s against the baselines of the rounds just before and after it. */
export function versus(key: Baseline, run: { rps: number; round: number }, rounds: BaselineRound[]): number {
  const around = rounds.slice(run.round, run.round + 2).map((round) => round[key].rps);
  return run.rps / (around.reduce((a, b) => a + b, 0) / around.length);
}

/** × D1: the read baseline for GET, the insert baseline otherwise. */
export function vsD1(method: string, run: { rps: number; round: number }, rounds: BaselineRound[]): number {
  return versus(method === "GET" ? "d1Read" : "d1Insert", run, rounds);
}

async function loadRow(row: Row, fx: Parameters<typeof startRow>[1], options: Options): Promise<Omit<LoadRow, "round">> {
  const { scenario } = row;
  const connections = scenario.connections ?? options.connections;
  const base = { label: row.label, method: scenario.route.split(" ")[0]!, connections, ...(scenario.throughObject ? { throughObject: true } : {}) };
  const amount = scenario.amount && Math.ceil(scenario.amount * (options.profile === "quick" ? 0.2 : 1));
  const warmAmount = amount && Math.ceil(amount / 4);
  const count = amount ? amount + warmAmount! : Math.ceil((options.duration + options.warmup) * RATE_CEILING);
  try {
    const { steps, headers } = await startRow(row, fx, count);
    const spec = { base: fx.target.base, headers, steps, connections, expect: scenario.expect };
    const counter = { n: 0 };
    await runLoad({ ...spec, duration: options.warmup, amount: warmAmount }, counter);
    const result = await runLoad({ ...spec, duration: Math.max(options.duration, scenario.minDuration ?? 0), amount }, counter);
    if (result.requests === 0) return { ...base, error: "no request completed within the run" };
    const note = result.errors > 0 ? await sampleFailure(fx.target.base, headers, steps, counter, row) : undefined;
    return { ...base, ...result, ...(note ? { note } : {}) };
  } catch (error) {
    return { ...base, error: reason(error) };
  }
}

/** Replays one request after a run with errors, to show what the failures look like. */
async function sampleFailure(base: string, headers: Record<string, string>, steps: Step[], counter: { n: number }, row: Row): Promise<string> {
  const cycle = {};
  for (const step of steps) {
    const spec = step(counter.n++, cycle);
    const answer = await send(base, spec, headers);
    if (!expected(row.scenario, answer.status)) return `e.g. ${spec.method} ${spec.path} -> ${answer.status} ${answer.text.slice(0, 160)}`;
  }
  return "errors during the run; a replayed request succeeded";
}

async function baselines(servers: Servers, options: Options, log: (line: string) => void): Promise<BaselineRound> {
  const ids = servers.baselineIds;
  const runs: Record<Baseline, { base: string; step: Step }> = {
    constant: { base: servers.constant.base, step: () => ({ method: "GET", path: "/" }) },
    d1Read: { base: servers.d1.base, step: (n) => ({ method: "GET", path: `/read?id=${ids[n % ids.length]}` }) },
    d1Insert: { base: servers.d1.base, step: (n) => ({ method: "POST", path: "/write", body: { name: `Item ${n}` } }) },
    d1Object: {
      base: servers.d1.base,
      step: (n) => ({ method: "POST", path: `/write-through-object?object=${n % BASELINE_OBJECTS}`, body: { name: `Item ${n}` } }),
    },
  };
  const results = {} as BaselineRound;
  for (const [name, run] of Object.entries(runs) as [Baseline, (typeof runs)[Baseline]][]) {
    const spec = { base: run.base, headers: {}, steps: [run.step], connections: options.connections };
    const counter = { n: 0 };
    await runLoad({ ...spec, duration: options.warmup }, counter);
    results[name] = await runLoad({ ...spec, duration: options.duration }, counter);
    log(`baseline ${name}: ${Math.round(results[name].rps)} req/s, p99 ${results[name].p99} ms, ${results[name].errors} errors`);
  }
  return results;
}
