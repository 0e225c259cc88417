/**
 * The load phase: every row under load in the seeded load workspace (or a
 * fresh one for rows that write), each measured in slices interleaved with
 * its matching baseline (see paired.ts and targets.ts), and rounds of all
 * baselines every few rows, for the baseline table and × constant.
 */
import os from "node:os";
import { send, type Target } from "./api.ts";
import { grow, newFixture, type Fixture } from "./fixture.ts";
import { runLoad, type LoadResult, type LoadSpec } from "./load.ts";
import type { Options } from "./options.ts";
import {
  ROUND_BASELINES,
  baselineId,
  baselineRunners,
  combine,
  cpuPerRequest,
  measurePaired,
  pairedRatio,
  target,
  type BaselineId,
  type Runner,
} from "./paired.ts";
import { expected, reason, startRow, type Row } from "./rows.ts";
import type { Servers } from "./servers.ts";
import type { Step } from "./scenarios/types.ts";
import { RULES, THROUGH_OBJECT, meets, pageRows, shapeOf, type Shape } from "./targets.ts";

/** Requests/s no local run reaches: sizes the pools that write rows consume. */
const RATE_CEILING = 4000;

/** Rounds of all baselines are measured again after every this many rows, each baseline for this many seconds. */
const BASELINE_EVERY = 8;
const ROUND_SECONDS = 3;

/** All baselines measured one after another, and the machine's load average (1, 5, 15 min) when the round began. */
export interface BaselineRound {
  loadAverage: number[];
  baselines: Partial<Record<BaselineId, LoadResult>>;
}

/** One measurement of a row: its slices condensed, and its ratios to the baseline slices around them. */
export interface Measurement extends Pick<LoadResult, "rps" | "p50" | "p99" | "errors"> {
  /** The baseline round measured just before it (× constant uses it and the next). */
  round: number;
  /** × each baseline it was compared with; the row's own baseline is LoadRow.baseline. */
  ratios: Partial<Record<BaselineId, number>>;
  /** workerd CPU ms per request: the row's Worker in its slices, each baseline's in its slices (absent without /proc). */
  cpu?: { row: number; baselines: Partial<Record<BaselineId, number>> };
  /** CPU ms per request of the bench's own process (the load generator) in the row's slices. */
  driverCpu?: number;
  /** Req/s of each row slice, and of each baseline slice around them. */
  slices: number[];
  around: Partial<Record<BaselineId, number[]>>;
}

export interface LoadRow {
  label: string;
  method: string;
  connections: number;
  shape: Shape;
  /** The baseline the row's target is judged against. */
  baseline: BaselineId;
  /** A list row: the rows one page of it returned (the list baseline returns as many). */
  pageRows?: number;
  /** The first measurement, then the retries of a row that missed its target. */
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
  const app: Target = { base: servers.seatkeeper.base, adminToken: servers.adminToken };
  const fx = await newFixture(app, servers.seatkeeperDb, "bench_load");
  log("load: seeding the load workspace");
  const notes = (await grow(fx, options.load)).map((note) => `load: ${note}`);
  const runners = baselineRunners(servers, options.connections, options.driver);
  const seatkeeper = target(servers.seatkeeper, options.driver);
  const rounds = [await baselineRound(runners, options, log)];
  const results: LoadRow[] = [];
  for (const [i, row] of rows.entries()) {
    if (i > 0 && i % BASELINE_EVERY === 0) rounds.push(await baselineRound(runners, options, log));
    const measure = () => loadRow(row, fx, seatkeeper, runners, rounds.length - 1, options);
    const result = await measure();
    const first = result.measurements[0];
    log(`load: ${row.label}: ${result.error ?? `${Math.round(first!.rps)} req/s, p99 ${first!.p99} ms, ${first!.errors} errors, ${describe(result, first!)}`}`);
    for (let attempt = 0; first && missed(result.shape, ratioOf(result, first)) && attempt < options.retries; attempt++) {
      const again = (await measure()).measurements[0];
      if (!again) break;
      result.measurements.push(again);
      log(`load: ${row.label} again: ${describe(result, again)}`);
    }
    results.push(result);
  }
  rounds.push(await baselineRound(runners, options, log));
  for (const key of ROUND_BASELINES) {
    const rates = rounds.map((round) => round.baselines[key]!.rps);
    const spread = (Math.max(...rates) - Math.min(...rates)) / (rates.reduce((a, b) => a + b, 0) / rates.length);
    if (spread > 0.25) notes.push(`baseline ${key} moved ${Math.round(spread * 100)}% during the run: the machine is busy; the paired slices keep × baseline steady, × constant is rougher`);
  }
  return { slicing: { slices: options.slices, seconds: options.duration / options.slices }, rounds, rows: results, notes };
}

/** The row's ratio to its own baseline in one measurement. */
export function ratioOf(row: Pick<LoadRow, "baseline">, measurement: Pick<Measurement, "ratios">): number {
  return measurement.ratios[row.baseline]!;
}

/** A row is measured again when it misses its target, or (without one) comes out below half of its baseline. */
function missed(shape: Shape, ratio: number): boolean {
  return meets(shape, ratio, 0) === false || (RULES[shape].target === undefined && ratio < 0.5);
}

const describe = (row: LoadRow, m: Measurement) => `× ${row.baseline} ${ratioOf(row, m).toFixed(2)}${m.cpu ? `, ${m.cpu.row.toFixed(2)} ms CPU/request` : ""}`;

/** A measurement's requests/s against the baseline rounds just before and after it. */
export function versus(key: BaselineId, run: { rps: number; round: number }, rounds: BaselineRound[]): number {
  const around = rounds.slice(run.round, run.round + 2).map((round) => round.baselines[key]!.rps);
  return run.rps / (around.reduce((a, b) => a + b, 0) / around.length);
}

type RowTarget = Pick<LoadSpec, "base" | "pids" | "dispatch">;

async function loadRow(row: Row, shared: Fixture, app: RowTarget, runners: (id: BaselineId) => Runner, round: number, options: Options): Promise<LoadRow> {
  const { scenario } = row;
  const connections = scenario.connections ?? options.connections;
  const method = scenario.route.split(" ")[0]!;
  const shape = shapeOf(scenario);
  const rule = RULES[shape];
  const base = { label: row.label, method, connections, shape, baseline: baselineId(rule.baseline) };
  const duration = Math.max(options.duration, scenario.minDuration ?? 0);
  const amount = scenario.amount && Math.ceil(scenario.amount * (options.profile === "quick" ? 0.2 : 1));
  const sliceAmount = amount && Math.ceil(amount / options.slices);
  const warmAmount = amount && Math.ceil(amount / 4);
  const count = amount ? warmAmount! + sliceAmount! * options.slices : Math.ceil((duration + options.warmup) * RATE_CEILING);
  try {
    const fx = scenario.workspace === "own" ? await newFixture(shared.target, shared.db, "bench_own") : shared;
    const { steps, headers } = await startRow(row, fx, count);
    const runner: Runner = { spec: { ...app, headers, steps, connections, expect: scenario.expect }, counter: { n: 0 } };
    // A list's baseline returns as many rows as a page of the list holds on average.
    const page = rule.baseline === "d1List" ? await probePages(fx.target.base, headers, steps[0]!, runner.counter, row) : undefined;
    const own = baselineId(rule.baseline, page);
    await runLoad({ ...runner.spec, duration: options.warmup, amount: warmAmount }, runner.counter);
    const compared: BaselineId[] = [own, ...(THROUGH_OBJECT.has(shape) ? (["d1Insert"] as const) : [])];
    const paired = await measurePaired({
      row: runner,
      slice: { seconds: duration / options.slices, amount: sliceAmount },
      slices: options.slices,
      baselines: compared.map((key) => ({ key, runner: runners(key) })),
      baselineSeconds: options.duration / options.slices,
    });
    const result = combine(paired.slices);
    const named = { ...base, baseline: own, ...(page === undefined ? {} : { pageRows: page }) };
    if (result.requests === 0) return { ...named, measurements: [], error: "no request completed within the run" };
    const rowCpu = cpuPerRequest(paired.slices);
    const driverCpu = cpuPerRequest(paired.slices, "driverCpuMs");
    const measurement: Measurement = {
      rps: result.rps,
      p50: result.p50,
      p99: result.p99,
      errors: result.errors,
      round,
      ratios: Object.fromEntries(compared.map((key) => [key, pairedRatio(paired.slices, paired.around[key]!)])),
      ...(rowCpu === undefined
        ? {}
        : { cpu: { row: rowCpu, baselines: Object.fromEntries(compared.map((key) => [key, cpuPerRequest(paired.around[key]!)])) } }),
      ...(driverCpu === undefined ? {} : { driverCpu }),
      slices: paired.slices.map((slice) => slice.rps),
      around: Object.fromEntries(compared.map((key) => [key, paired.around[key]!.map((slice) => slice.rps)])),
    };
    const note = result.errors > 0 ? await sampleFailure(fx.target.base, headers, steps, runner.counter, row) : undefined;
    return { ...named, measurements: [measurement], statuses: result.statuses, ...(note ? { note } : {}) };
  } catch (error) {
    return { ...base, measurements: [], error: reason(error) };
  }
}

/** Requests a list row sends before its run to learn the size of its pages (a cursor or a filter changes it). */
const PROBES = 10;

/** Sends a few requests of a list row and returns the mean of their page sizes, rounded. */
async function probePages(base: string, headers: Record<string, string>, step: Step, counter: { n: number }, row: Row): Promise<number> {
  let rows = 0;
  for (let i = 0; i < PROBES; i++) {
    const spec = step(counter.n++, {});
    const answer = await send(base, spec, headers);
    if (!expected(row.scenario, answer.status)) throw new Error(`${spec.method} ${spec.path} answered ${answer.status}: ${answer.text.slice(0, 160)}`);
    rows += pageRows(answer.text);
  }
  return Math.round(rows / PROBES);
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

async function baselineRound(runners: (id: BaselineId) => Runner, options: Options, log: (line: string) => void): Promise<BaselineRound> {
  const round: BaselineRound = { loadAverage: os.loadavg(), baselines: {} };
  for (const key of ROUND_BASELINES) {
    const { spec, counter } = runners(key);
    await runLoad({ ...spec, duration: options.warmup }, counter);
    const result = await runLoad({ ...spec, duration: ROUND_SECONDS }, counter);
    round.baselines[key] = result;
    const cpu = cpuPerRequest([result]);
    log(`baseline ${key}: ${Math.round(result.rps)} req/s, p99 ${result.p99} ms, ${result.errors} errors${cpu === undefined ? "" : `, ${cpu.toFixed(2)} ms CPU/request`}`);
  }
  return round;
}
