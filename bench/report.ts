/** The results: bench/results.json, and the markdown report of them for stdout and bench/RESULTS.md. */
import type { Bundle } from "./bundle.ts";
import type { CostPhase } from "./cost.ts";
import { describe } from "./cost.ts";
import type { Options } from "./options.ts";
import { ROUND_BASELINES, cpuPerRequest, type BaselineId } from "./paired.ts";
import { RULES, explain, meets, type Shape } from "./targets.ts";
import { ratioOf, versus, type LoadPhase, type LoadRow, type Measurement } from "./throughput.ts";

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  wrangler: string;
  loadAverage: { start: number[]; end?: number[] };
}

/** A load row condensed to the measurement shown (the median, for a row measured again), with its verdict. */
export type RatedRow = LoadRow &
  Partial<Pick<Measurement, "rps" | "p50" | "p99" | "errors" | "ratios" | "cpu" | "driverCpu">> & {
    /** × its own baseline (LoadRow.baseline). */
    ratio?: number;
    vsConstant?: number;
    target?: number;
    /** Meets its target (undefined: no target). */
    met?: boolean;
    /** A row that misses: what it costs against its baseline, from this run's figures. */
    why?: string;
    flags: string[];
  };

export interface Results {
  date: string;
  /** The commit measured (absent in runs before it was recorded). */
  commit?: string | undefined;
  profile: string;
  mode: Options["mode"];
  driver: Options["driver"];
  settings: { duration: number; slices: number; warmup: number; connections: number; contention: number };
  machine: Machine;
  skipped: string[];
  notes: string[];
  load?: Omit<LoadPhase, "rows"> & { rows: RatedRow[] };
  cost?: CostPhase;
  bundle?: Bundle;
}

/** A baseline's name in the report. */
export function baselineName(id: BaselineId): string {
  if (id.startsWith("d1List:")) return `D1 list of ${id.slice("d1List:".length)} rows`;
  const names: Record<string, string> = {
    constant: "constant JSON",
    d1Read: "D1 indexed read",
    d1Insert: "D1 insert",
    d1Object: "D1 insert from a Durable Object",
  };
  return names[id] ?? id;
}

const average = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

/**
 * Condenses each row to its median measurement (by × its baseline; a row
 * that missed its target was measured again), adds × constant from the
 * baseline rounds around it, its verdict and, for a miss, why.
 */
export function rate(load: LoadPhase, cost?: CostPhase): NonNullable<Results["load"]> {
  const rows = load.rows.map((row): RatedRow => {
    const { target } = RULES[row.shape];
    const judged = { ...(target === undefined ? {} : { target }) };
    if (!row.measurements.length) return { ...row, ...judged, ...(target === undefined ? {} : { met: false }), flags: ["⚠ failed"] };
    const sorted = [...row.measurements].sort((a, b) => ratioOf(row, a) - ratioOf(row, b));
    const shown = sorted[Math.floor((sorted.length - 1) / 2)]!;
    const ratio = ratioOf(row, shown);
    const errors = row.measurements.reduce((sum, run) => sum + run.errors, 0);
    const met = meets(row.shape, ratio, errors);
    const flags = [...(met === false ? [`✗ < ${target}×`] : met ? ["✓"] : []), ...(errors ? ["⚠ errors"] : [])];
    const again =
      row.measurements.length > 1
        ? `measured ${row.measurements.length}×: ${row.measurements.map((m) => fixed(ratioOf(row, m))).join(" / ")}, median shown`
        : undefined;
    const others = Object.entries(shown.ratios)
      .filter(([key]) => key !== row.baseline)
      .map(([key, value]) => `× ${baselineName(key as BaselineId)} ${fixed(value)}`);
    const note = [...others, row.note, again].filter(Boolean).join("; ") || undefined;
    const why = met === false ? explain(row.shape, evidence(row, shown, ratio, cost)) : undefined;
    return {
      ...row,
      rps: shown.rps,
      p50: shown.p50,
      p99: shown.p99,
      errors,
      ratios: shown.ratios,
      ...(shown.cpu ? { cpu: shown.cpu } : {}),
      ...(shown.driverCpu === undefined ? {} : { driverCpu: shown.driverCpu }),
      ratio,
      vsConstant: versus("constant", shown, load.rounds),
      ...judged,
      ...(met === undefined ? {} : { met }),
      ...(why ? { why } : {}),
      flags,
      ...(note ? { note } : {}),
    };
  });
  return { ...load, rows };
}

function evidence(row: LoadRow, shown: Measurement, ratio: number, cost: CostPhase | undefined) {
  const costRow = cost?.rows.find((candidate) => candidate.label === row.label);
  const baselineCpu = shown.cpu?.baselines[row.baseline];
  return {
    ratio,
    cpu: shown.cpu && baselineCpu !== undefined ? { row: shown.cpu.row, baseline: baselineCpu } : undefined,
    cost: costRow?.large ?? costRow?.small,
    baselineRows: baselineRows(row.shape, row.pageRows),
  };
}

function baselineRows(shape: Shape, page: number | undefined): number | undefined {
  const { baseline } = RULES[shape];
  return baseline === "d1Read" ? 1 : baseline === "d1List" ? page : undefined;
}

/** bench/RESULTS.md: the report of one run, under a heading that says where it comes from. */
export function resultsPage(results: Results): string {
  const run = `${results.date}${results.commit ? `, commit ${results.commit}` : ""}`;
  return [
    "# Benchmark results",
    "",
    `Written by \`npm run bench\` (bench/report.ts) from the same run as bench/results.json: ${run}. Do not edit by hand; ` +
      "`npm run bench -- --report-only` rewrites it from bench/results.json. What each table measures: " +
      "[docs/benchmark.md](../docs/benchmark.md). Compare ratios, not absolute numbers.",
    "",
    markdown(results),
    "",
  ].join("\n");
}

/** The report: machine and settings, then a table per phase, then what was skipped and noticed. */
export function markdown(results: Results): string {
  const m = results.machine;
  const out = [
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.os}; Node ${m.node}, wrangler ${m.wrangler}. ` +
      `Load average (1 / 5 / 15 min) ${fmtLoad(m.loadAverage.start)} at start, ${fmtLoad(m.loadAverage.end)} at end` +
      `${results.load ? `, ${loadRange(results.load)} (1 min) at the baseline rounds` : ""}. ` +
      `Mode ${results.mode} (${MODE_NAMES[results.mode]}), driver ${results.driver} (${DRIVER_NAMES[results.driver]}). ` +
      `Profile ${results.profile}: ${results.settings.duration} s per row in ${results.settings.slices} slices after ${results.settings.warmup} s warm-up, ` +
      `${results.settings.connections} connections (contention rows ${results.settings.contention}).`,
  ];
  if (results.load) out.push(...loadTables(results.load));
  if (results.cost) out.push(...costTable(results.cost), ...storageTable(results.cost));
  if (results.bundle) out.push(...bundleTable(results.bundle));
  if (results.skipped.length) out.push("", "Skipped:", ...results.skipped.map((line) => `- ${line}`));
  if (results.notes.length) out.push("", "Notes:", ...results.notes.map((line) => `- ${line}`));
  return out.join("\n");
}

const MODE_NAMES: Record<Options["mode"], string> = {
  inprocess: "each Worker bundled as deployed and run by a bare Miniflare, no dev proxy",
  harness: "wrangler's test harness, as `wrangler dev` serves a Worker, dev proxy in front",
};
const DRIVER_NAMES: Record<Options["driver"], string> = {
  socket: "autocannon over 127.0.0.1",
  dispatch: "Miniflare#dispatchFetch",
};

function loadTables(load: NonNullable<Results["load"]>): string[] {
  const baseline = (key: BaselineId) => {
    const runs = load.rounds.map((round) => round.baselines[key]!);
    const rates = runs.map((run) => int(run.rps)).join(" / ");
    const errors = runs.reduce((sum, run) => sum + run.errors, 0);
    return `| ${baselineName(key)} | ${rates} | ${int(average(runs.map((run) => run.rps)))} | ${ms(average(runs.map((run) => run.p50)))} | ${ms(average(runs.map((run) => run.p99)))} | ${cpu(cpuPerRequest(runs))} | ${cpu(cpuPerRequest(runs, "driverCpuMs"))} | ${errors} |`;
  };
  const judged = load.rows.filter((row) => row.met !== undefined);
  const met = judged.filter((row) => row.met).length;
  const errors = load.rows.reduce((sum, row) => sum + (row.errors ?? 0), 0);
  const misses = load.rows.filter((row) => row.met === false);
  return [
    "",
    `Baselines (same runtime, same run; measured ${load.rounds.length} times, between the endpoint rows; CPU: ms per request of the Worker's workerd processes, and of the bench's own process, the load generator):`,
    "",
    "| baseline | req/s, each round | mean | p50 ms | p99 ms | CPU ms | generator CPU ms | errors |",
    "|---|--:|--:|--:|--:|--:|--:|--:|",
    ...ROUND_BASELINES.map(baseline),
    "",
    `Endpoints under load (× baseline: the median over ${load.slicing.slices} slices of ${ms(load.slicing.seconds)} s of the row's req/s over its baseline's in the slices just before and after; ` +
      "the baseline and target per row: get and count, one D1 read, 0.9; list, one statement returning as many rows as the row's page, 0.9; write, one D1 insert, 0.85; " +
      "Datadog assign and unassign, that insert made from a Durable Object, 0.85; 64 clients on one product code, the same, 0.8. " +
      "CPU: workerd ms per request, the row's and its baseline's, in the same slices; × constant: against the baseline rounds before and after the row):",
    "",
    "| endpoint | conns | req/s | p50 ms | p99 ms | errors | CPU ms (baseline) | × constant | baseline | × baseline | target | |",
    "|---|--:|--:|--:|--:|--:|--:|--:|---|--:|--:|---|",
    ...load.rows.map((row) =>
      row.error
        ? `| ${row.label} | ${row.connections} | – | – | – | – | – | – | ${baselineName(row.baseline)} | – | ${row.target ?? "–"} | ⚠ ${row.error} |`
        : `| ${row.label} | ${row.connections} | ${int(row.rps!)} | ${ms(row.p50!)} | ${ms(row.p99!)} | ${row.errors} | ${rowCpu(row)} | ${fixed(row.vsConstant)} | ${baselineName(row.baseline)} | ${fixed(row.ratio)} | ${row.target ?? "–"} | ${[...row.flags, row.note ?? ""].join(" ").trim()} |`,
    ),
    "",
    `Targets of issue 16: ${met} of ${judged.length} rows met; ${errors} errors${errors ? " (a target in itself: zero errors)" : ""}.`,
    ...(misses.length ? ["", "Rows that miss their target, with what they cost (this run's figures; D1 cost from the cost phase, large tables):", ""] : []),
    ...misses.map((row) => `- ${row.label}: ${fixed(row.ratio)}× ${baselineName(row.baseline)} (target ${row.target}). ${row.error ?? row.why ?? ""}`),
  ];
}

function rowCpu(row: RatedRow): string {
  if (!row.cpu) return "–";
  const own = row.cpu.baselines[row.baseline];
  return `${cpu(row.cpu.row)} (${cpu(own)})`;
}

function costTable(cost: CostPhase): string[] {
  const cell = (value: number | undefined) => (value === undefined ? "–" : String(value));
  return [
    "",
    `D1 cost per request (rows read / written by the Worker's statements, the costliest of the samples; ` +
      `round trips: D1 calls, a batch counting once). ` +
      `small: ${describe(cost.sizes.small)}; large: ${describe(cost.sizes.large)}.`,
    "",
    "| endpoint | read, small | read, large | written, small | written, large | statements | round trips | |",
    "|---|--:|--:|--:|--:|--:|--:|---|",
    ...cost.rows.map(
      (row) =>
        `| ${row.label} | ${cell(row.small?.rowsRead)} | ${cell(row.large?.rowsRead)} | ${cell(row.small?.rowsWritten)} | ${cell(row.large?.rowsWritten)} | ${cell(row.large?.queries ?? row.small?.queries)} | ${cell(row.large?.calls ?? row.small?.calls)} | ${row.grows ? "⚠ grows with table size" : ""}${row.error ? `⚠ ${row.error}` : ""} |`,
    ),
  ];
}

function storageTable(cost: CostPhase): string[] {
  if (!cost.storage.length) return [];
  return [
    "",
    "D1 storage per row (what seeding the large size added to the database's size, D1 `meta.size_after`, over the rows added; indexes, triggers' rows and the search index included):",
    "",
    "| table | rows added | bytes added | bytes per row |",
    "|---|--:|--:|--:|",
    ...cost.storage.map((entry) => `| ${entry.what} | ${int(entry.rows)} | ${int(entry.bytes)} | ${int(entry.bytes / entry.rows)} |`),
  ];
}

function bundleTable(bundle: Bundle): string[] {
  return [
    "",
    "| bundle | raw | gzip | zod at load (schemas / classes) | startup CPU (median of runs) | constant Worker, same runs | above it | without the first interval: ours, constant |",
    "|---|--:|--:|--:|--:|--:|--:|--:|",
    `| ${bundle.files.join(", ")} | ${kib(bundle.rawBytes)} | ${kib(bundle.gzipBytes)} | ${bundle.zodAtLoad ? `${bundle.zodAtLoad.instances} / ${bundle.zodAtLoad.classes}` : "–"} | ${startup(bundle.startupCpuMs, bundle.startupRunsMs)} | ${startup(bundle.baselineStartupCpuMs, bundle.baselineStartupRunsMs)} | ${aboveFloor(bundle)} | ${afterFirstInterval(bundle)} |`,
    ...(bundle.startupNote ? ["", bundle.startupNote] : []),
    ...unsampledFloor(bundle),
  ];
}

/** Says so when the constant Worker loaded between two samples: its 0 ms is no floor, and "above it" then counts the first interval. */
function unsampledFloor(bundle: Bundle): string[] {
  const unsampled = bundle.baselineStartupRunsMs?.filter((ms) => ms === 0).length ?? 0;
  if (unsampled === 0) return [];
  const runs = bundle.baselineStartupRunsMs!.length;
  return [
    "",
    `The constant Worker showed no busy sample in ${unsampled} of ${runs} runs (it loaded between two samples), so "above it" ` +
      "still counts the first interval, which any Worker that is sampled pays (docs/benchmark.md); the last column is the " +
      "Worker's own sampled work.",
  ];
}

const startup = (median: number | undefined, runs: number[] | undefined) =>
  median === undefined ? "–" : `${median} ms (${runs?.join(", ") ?? "?"})`;

const afterFirstInterval = (bundle: Bundle) =>
  bundle.startupAfterFirstIntervalMs === undefined ? "–" : `${bundle.startupAfterFirstIntervalMs} ms, ${bundle.baselineStartupAfterFirstIntervalMs ?? "–"} ms`;

const aboveFloor = (bundle: Bundle) =>
  bundle.startupCpuMs === undefined || bundle.baselineStartupCpuMs === undefined ? "–" : `${(bundle.startupCpuMs - bundle.baselineStartupCpuMs).toFixed(1)} ms`;

function loadRange(load: NonNullable<Results["load"]>): string {
  const ones = load.rounds.map((round) => round.loadAverage[0] ?? 0);
  return `${Math.min(...ones).toFixed(2)} to ${Math.max(...ones).toFixed(2)}`;
}

const int = (value: number) => Math.round(value).toLocaleString("en-US");
const ms = (value: number) => (Math.round(value * 10) / 10).toString();
const cpu = (value: number | undefined) => (value === undefined ? "–" : value.toFixed(2));
const fixed = (value: number | undefined) => (value === undefined ? "–" : value.toFixed(2));
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const fmtLoad = (load: number[] | undefined) => (load ? load.map((v) => v.toFixed(2)).join(" / ") : "–");
