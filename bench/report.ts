/** The results: bench/results.json, and the markdown report of them for stdout and bench/RESULTS.md. */
import type { Bundle } from "./bundle.ts";
import type { CostPhase } from "./cost.ts";
import { describe } from "./cost.ts";
import type { Baseline } from "./paired.ts";
import { versus, type LoadPhase, type LoadRow, type Measurement } from "./throughput.ts";

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  wrangler: string;
  loadAverage: { start: number[]; end?: number[] };
}

/** A load row condensed to the measurement shown (the median, for a row measured again), with its ratios and warnings. */
export type RatedRow = LoadRow &
  Partial<Pick<Measurement, "rps" | "p50" | "p99" | "errors" | "vsD1" | "vsObject">> & { vsConstant?: number; flags: string[] };

export interface Results {
  date: string;
  /** The commit measured (absent in runs before it was recorded). */
  commit?: string | undefined;
  profile: string;
  settings: { duration: number; slices: number; warmup: number; connections: number; contention: number };
  machine: Machine;
  skipped: string[];
  notes: string[];
  load?: Omit<LoadPhase, "rows"> & { rows: RatedRow[] };
  cost?: CostPhase;
  bundle?: Bundle;
}

const BASELINES: [Baseline, string][] = [
  ["constant", "constant JSON"],
  ["d1Read", "D1 indexed read"],
  ["d1Insert", "D1 insert"],
  ["d1Object", "D1 insert from a Durable Object"],
];
const average = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

/**
 * Condenses each row to its median measurement (by × D1; a row below half
 * of the D1 baseline is measured again), adds × constant from the baseline
 * rounds around it, and its flags.
 */
export function withRatios(load: LoadPhase): NonNullable<Results["load"]> {
  const rows = load.rows.map((row): RatedRow => {
    if (!row.measurements.length) return { ...row, flags: ["⚠ failed"] };
    const sorted = [...row.measurements].sort((a, b) => a.vsD1 - b.vsD1);
    const shown = sorted[Math.floor((sorted.length - 1) / 2)]!;
    const errors = row.measurements.reduce((sum, run) => sum + run.errors, 0);
    const flags = [...(shown.vsD1 < 0.5 ? ["⚠ < ½ D1 baseline"] : []), ...(errors ? ["⚠ errors"] : [])];
    const again =
      row.measurements.length > 1
        ? `measured ${row.measurements.length}×, × D1 ${row.measurements.map((m) => ratio(m.vsD1)).join(" / ")}, median shown`
        : undefined;
    const object = shown.vsObject === undefined ? undefined : `× object + D1 ${ratio(shown.vsObject)}`;
    const note = [object, row.note, again].filter(Boolean).join("; ") || undefined;
    return {
      ...row,
      rps: shown.rps,
      p50: shown.p50,
      p99: shown.p99,
      errors,
      vsConstant: versus("constant", shown, load.rounds),
      vsD1: shown.vsD1,
      ...(shown.vsObject === undefined ? {} : { vsObject: shown.vsObject }),
      flags,
      ...(note ? { note } : {}),
    };
  });
  return { ...load, rows };
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
      `Load average ${fmtLoad(m.loadAverage.start)} at start, ${fmtLoad(m.loadAverage.end)} at end. ` +
      `Profile ${results.profile}: ${results.settings.duration} s per row in ${results.settings.slices} slices after ${results.settings.warmup} s warm-up, ` +
      `${results.settings.connections} connections (contention rows ${results.settings.contention}).`,
  ];
  if (results.load) out.push(...loadTables(results.load));
  if (results.cost) out.push(...costTable(results.cost));
  if (results.bundle) out.push(...bundleTable(results.bundle));
  if (results.skipped.length) out.push("", "Skipped:", ...results.skipped.map((line) => `- ${line}`));
  if (results.notes.length) out.push("", "Notes:", ...results.notes.map((line) => `- ${line}`));
  return out.join("\n");
}

function loadTables(load: NonNullable<Results["load"]>): string[] {
  const baseline = ([key, name]: [Baseline, string]) => {
    const runs = load.rounds.map((round) => round[key]);
    const rates = runs.map((run) => int(run.rps)).join(" / ");
    const errors = runs.reduce((sum, run) => sum + run.errors, 0);
    return `| ${name} | ${rates} | ${int(average(runs.map((run) => run.rps)))} | ${ms(average(runs.map((run) => run.p50)))} | ${ms(average(runs.map((run) => run.p99)))} | ${errors} |`;
  };
  return [
    "",
    `Baselines (same runtime, same run; measured ${load.rounds.length} times, between the endpoint rows):`,
    "",
    "| baseline | req/s, each round | mean | p50 ms | p99 ms | errors |",
    "|---|--:|--:|--:|--:|--:|",
    ...BASELINES.map(baseline),
    "",
    `Endpoints under load (× D1: the median over ${load.slicing.slices} slices of ${ms(load.slicing.seconds)} s of the row's req/s over its D1 baseline's in the slices just before and after; ` +
      "the read baseline for GET, the insert baseline otherwise; rows whose writes go through a Durable Object also show × object + D1, measured the same way; " +
      "× constant: against the baseline rounds before and after the row):",
    "",
    "| endpoint | conns | req/s | p50 ms | p99 ms | errors | × constant | × D1 | |",
    "|---|--:|--:|--:|--:|--:|--:|--:|---|",
    ...load.rows.map((row) =>
      row.error
        ? `| ${row.label} | ${row.connections} | – | – | – | – | – | – | ⚠ ${row.error} |`
        : `| ${row.label} | ${row.connections} | ${int(row.rps!)} | ${ms(row.p50!)} | ${ms(row.p99!)} | ${row.errors} | ${ratio(row.vsConstant)} | ${ratio(row.vsD1)} | ${[...row.flags, row.note ?? ""].join(" ").trim()} |`,
    ),
  ];
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

function bundleTable(bundle: Bundle): string[] {
  return [
    "",
    "| bundle | raw | gzip | zod at load (schemas / classes) | startup CPU (median of runs) |",
    "|---|--:|--:|--:|--:|",
    `| ${bundle.files.join(", ")} | ${kib(bundle.rawBytes)} | ${kib(bundle.gzipBytes)} | ${bundle.zodAtLoad ? `${bundle.zodAtLoad.instances} / ${bundle.zodAtLoad.classes}` : "–"} | ${startup(bundle)} |`,
    ...(bundle.startupNote ? ["", bundle.startupNote] : []),
  ];
}

const startup = (bundle: Bundle) =>
  bundle.startupCpuMs === undefined ? "–" : `${bundle.startupCpuMs} ms (${bundle.startupRunsMs?.join(", ") ?? "?"})`;
const int = (value: number) => Math.round(value).toLocaleString("en-US");
const ms = (value: number) => (Math.round(value * 10) / 10).toString();
const ratio = (value: number | undefined) => (value === undefined ? "–" : value.toFixed(2));
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const fmtLoad = (load: number[] | undefined) => (load ? load.map((v) => v.toFixed(2)).join(" / ") : "–");
