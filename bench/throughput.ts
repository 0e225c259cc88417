/**
 * The load phase: every row under load in the seeded load workspace (or a
 * fresh one for rows that write), each measured in slices interleaved with
 * its D1 baseline (see paired.ts), and rounds of all baselines every few
 * rows, for the baseline table and × constant.
 */
import { send, type Target } from "./api.ts";
import { grow, newFixture, type Fixture } from "./fixture.ts";
import { runLoad, type LoadResult } from "./load.ts";
import type { Options } from "./options.ts";
import { BASELINE_KEYS, baselineRunners, combine, measurePaired, pairedRatio, type Baseline, type Runner } from "./paired.ts";
import { expected, reason, startRow, type Row } from "./rows.ts";
import type { Servers } from "./servers.ts";
import type { Step } from "./scenarios/types.ts";

/** Requests/s no local run reaches: sizes the pools that write rows consume. */
const RATE_CEILING = 4000;

/** Rounds of all baselines are measured again after every this many rows, each baseline for this many seconds. */
const BASELINE_EVERY = 8;
const ROUND_SECONDS = 3;

export type BaselineRound = Record<Baseline, LoadResult>;

/** One measurement of a row: its slices condensed, and its ratios to the baseline slices around them. */
export interface Measurement extends Pick<LoadResult, "rps" | "p50" | "p99" | "errors"> {
  /** The baseline round measured just before it (× constant uses it and the next). */
  round: number;
  vsD1: number;
  /** Rows whose writes go through a Durable Object: the ratio to the object + D1 baseline. */
  vsObject?: number;
  /** Req/s of each row slice, and of each baseline slice around them. */
  slices: number[];
  around: Partial<Record<Baseline, number[]>>;
}

export interface LoadRow {
  label: string;
  method: string;
  connections: number;
  /** Its writes go through a Durable Object (see Scenario.throughObject). */
  throughObject?: boolean;
  /** The first measurement, then the retries of a row that came out below half of the D1 baseline. */
  measurements: Measurement[];
  statuses?: Record<string, number>;
  error?: string;
  note?: string;
}

export interface LoadPhase {
  /** How each row was measured: this many slices of this many seconds, each baseline slice as long. */
  slicing: { slices: number; seconds: number };
  rounds: BaselineRound[];
  rows: LoadRow[];
  notes: string[];
}

export async function loadPhase(servers: Servers, rows: Row[], options: Options, log: (line: string) => void): Promise<LoadPhase> {
  const target: Target = { base: servers.seatkeeper.base, adminToken: servers.adminToken };
  const fx = await newFixture(target, servers.seatkeeperDb, "bench_load");
  log("load: seeding the load workspace");
  const notes = (await grow(fx, options.load)).map((note) => `load: ${note}`);
  const runners = baselineRunners(servers, options.connections);
  const rounds = [await baselineRound(runners, options, log)];
  const results: LoadRow[] = [];
  for (const [i, row] of rows.entries()) {
    if (i > 0 && i % BASELINE_EVERY === 0) rounds.push(await baselineRound(runners, options, log));
    const result = await loadRow(row, fx, runners, rounds.length - 1, options);
    const first = result.measurements[0];
    log(`load: ${row.label}: ${result.error ?? `${Math.round(first!.rps)} req/s, p99 ${first!.p99} ms, ${first!.errors} errors, × D1 ${first!.vsD1.toFixed(2)}`}`);
    for (let attempt = 0; first && first.vsD1 < 0.5 && attempt < options.retries; attempt++) {
      const again = await loadRow(row, fx, runners, rounds.length - 1, options);
      if (!again.measurements[0]) break;
      result.measurements.push(again.measurements[0]);
      log(`load: ${row.label} again: × D1 ${again.measurements[0].vsD1.toFixed(2)}`);
    }
    results.push(result);
  }
  rounds.push(await baselineRound(runners, options, log));
  for (const key of BASELINE_KEYS) {
    const rates = rounds.map((round) => round[key].rps);
    const spread = (Math.max(...rates) - Math.min(...rates)) / (rates.reduce((a, b) => a + b, 0) / rates.length);
    if (spread > 0.25) notes.push(`baseline ${key} moved ${Math.round(spread * 100)}% during the run: the machine is busy; the paired slices keep × D1 steady, × constant is rougher`);
  }
  return { slicing: { slices: options.slices, seconds: options.duration / options.slices }, rounds, rows: results, notes };
}

/** A measurement's requests/s against the baseline rounds just before and after it. */
export function versus(key: Baseline, run: { rps: number; round: number }, rounds: BaselineRound[]): number {
  const around = rounds.slice(run.round, run.round + 2).map((round) => round[key].rps);
  return run.rps / (around.reduce((a, b) => a + b, 0) / around.length);
}

/** The D1 baseline a row is compared with: the read for GET, the insert otherwise. */
function d1Baseline(method: string): Baseline {
  return method === "GET" ? "d1Read" : "d1Insert";
}

async function loadRow(row: Row, shared: Fixture, runners: Record<Baseline, Runner>, round: number, options: Options): Promise<LoadRow> {
  const { scenario } = row;
  const connections = scenario.connections ?? options.connections;
  const method = scenario.route.split(" ")[0]!;
  const base = { label: row.label, method, connections, ...(scenario.throughObject ? { throughObject: true } : {}) };
  const duration = Math.max(options.duration, scenario.minDuration ?? 0);
  const amount = scenario.amount && Math.ceil(scenario.amount * (options.profile === "quick" ? 0.2 : 1));
  const sliceAmount = amount && Math.ceil(amount / options.slices);
  const warmAmount = amount && Math.ceil(amount / 4);
  const count = amount ? warmAmount! + sliceAmount! * options.slices : Math.ceil((duration + options.warmup) * RATE_CEILING);
  try {
    const fx = scenario.workspace === "own" ? await newFixture(shared.target, shared.db, "bench_own") : shared;
    const { steps, headers } = await startRow(row, fx, count);
    const runner: Runner = { spec: { base: fx.target.base, headers, steps, connections, expect: scenario.expect }, counter: { n: 0 } };
    await runLoad({ ...runner.spec, duration: options.warmup, amount: warmAmount }, runner.counter);
    const compared: Baseline[] = [d1Baseline(method), ...(scenario.throughObject ? (["d1Object"] as const) : [])];
    const paired = await measurePaired({
      row: runner,
      slice: { seconds: duration / options.slices, amount: sliceAmount },
      slices: options.slices,
      baselines: compared.map((key) => ({ key, runner: runners[key] })),
      baselineSeconds: options.duration / options.slices,
    });
    const result = combine(paired.slices);
    if (result.requests === 0) return { ...base, measurements: [], error: "no request completed within the run" };
    const ratio = (key: Baseline) => pairedRatio(paired.slices, paired.around[key]!);
    const measurement: Measurement = {
      rps: result.rps,
      p50: result.p50,
      p99: result.p99,
      errors: result.errors,
      round,
      vsD1: ratio(d1Baseline(method)),
      ...(scenario.throughObject ? { vsObject: ratio("d1Object") } : {}),
      slices: paired.slices.map((slice) => slice.rps),
      around: paired.around,
    };
    const note = result.errors > 0 ? await sampleFailure(fx.target.base, headers, steps, runner.counter, row) : undefined;
    return { ...base, measurements: [measurement], statuses: result.statuses, ...(note ? { note } : {}) };
  } catch (error) {
    return { ...base, measurements: [], error: reason(error) };
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

async function baselineRound(runners: Record<Baseline, Runner>, options: Options, log: (line: string) => void): Promise<BaselineRound> {
  const results = {} as BaselineRound;
  for (const key of BASELINE_KEYS) {
    const { spec, counter } = runners[key];
    await runLoad({ ...spec, duration: options.warmup }, counter);
    results[key] = await runLoad({ ...spec, duration: ROUND_SECONDS }, counter);
    log(`baseline ${key}: ${Math.round(results[key].rps)} req/s, p99 ${results[key].p99} ms, ${results[key].errors} errors`);
  }
  return results;
}
