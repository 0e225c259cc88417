/** Command-line options of `npm run bench` and the two profiles (default and --quick). */
import { dirname, join } from "node:path";
import { parseArgs } from "node:util";

/** How the Workers are served: see servers.ts. */
export type Mode = "inprocess" | "harness";
export const MODES: readonly Mode[] = ["inprocess", "harness"];

/** Row counts of one seeded workspace. */
export interface Sizes {
  users: number;
  customers: number;
  seatMetrics: number;
  /** Customer organizations, created through the API (slow), so kept small. */
  orgs: number;
  /** Users holding the listed product code, assigned through the API (1,000 per request). */
  holders: number;
}

export interface Options {
  profile: "default" | "quick";
  /** How the Workers are served (see servers.ts). */
  mode: Mode;
  /** How the load reaches them: autocannon on their socket, or Miniflare#dispatchFetch (in-process only). */
  driver: "socket" | "dispatch";
  /** Seconds measured per row, after `warmup` seconds that are thrown away. */
  duration: number;
  warmup: number;
  /** Slices a row's measured seconds are cut into, each between two slices of its D1 baseline. */
  slices: number;
  connections: number;
  /** Connections of the seat-assignment contention rows. */
  contention: number;
  /** Requests per row in the D1 cost phase (the largest answer is kept). */
  costSamples: number;
  load: Sizes;
  costSmall: Sizes;
  costLarge: Sizes;
  /** Only rows whose label matches (baselines always run). */
  only: RegExp | undefined;
  skip: Set<"load" | "cost" | "bundle">;
  out: string;
  /** The markdown report, written from the same results as `out`. */
  report: string;
  /** Rewrite `report` from the results already in `out`; measure nothing. */
  reportOnly: boolean;
  /** Hard stop for the whole run. */
  maxMinutes: number;
  /** Extra measurements of a row that missed its target (the median is reported). */
  retries: number;
}

const USAGE = `npm run bench [-- options]
  --mode <mode>        inprocess (default): each Worker in a bare Miniflare, load on its own socket;
                       harness: wrangler's test harness, as \`wrangler dev\` serves it (dev proxy in front)
  --driver <driver>    socket (default): autocannon; dispatch: Miniflare#dispatchFetch (inprocess only)
  --quick              a fast smoke run: 1 s per row in 2 slices, small tables
  --duration <s>       seconds measured per row, in slices (default 6)
  --warmup <s>         seconds of warm-up per row, not measured (default 1)
  --slices <n>         slices per row, interleaved with its D1 baseline (default 6)
  --connections <n>    concurrent connections per row (default 16)
  --only <regex>       only rows whose label matches, e.g. --only seat-metrics
  --skip <phases>      comma-separated: load, cost, bundle
  --out <file>         results file (default bench/results.json; bench/out/results.json for a partial
                       run: --quick, --only, --skip, another mode, driver, duration, warm-up, slices
                       or connections)
  --report <file>      the markdown report of the same results (default RESULTS.md beside the results)
  --report-only        rewrite the report from the results file; measure nothing
  --max-minutes <n>    hard stop for the whole run (default 40)
  --retries <n>        measure a row that misses its target n more times, report the median (default 2)`;

/** Parses process.argv; exits with the usage text on --help or bad input. */
export function readOptions(argv = process.argv.slice(2)): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      mode: { type: "string", default: "inprocess" },
      driver: { type: "string", default: "socket" },
      quick: { type: "boolean", default: false },
      duration: { type: "string" },
      warmup: { type: "string" },
      slices: { type: "string" },
      connections: { type: "string" },
      only: { type: "string" },
      skip: { type: "string", default: "" },
      out: { type: "string" },
      report: { type: "string" },
      "report-only": { type: "boolean", default: false },
      "max-minutes": { type: "string", default: "40" },
      retries: { type: "string", default: "2" },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) exit(USAGE, 0);
  const quick = values.quick ?? false;
  const skip = new Set(values.skip?.split(",").filter(Boolean) ?? []);
  for (const phase of skip) if (!["load", "cost", "bundle"].includes(phase)) exit(`unknown phase '${phase}'\n${USAGE}`, 2);
  const mode = values.mode as Mode;
  if (!MODES.includes(mode)) exit(`unknown mode '${values.mode}'\n${USAGE}`, 2);
  const driver = values.driver as Options["driver"];
  if (driver !== "socket" && driver !== "dispatch") exit(`unknown driver '${values.driver}'\n${USAGE}`, 2);
  if (driver === "dispatch" && mode !== "inprocess") exit(`--driver dispatch needs --mode inprocess\n${USAGE}`, 2);
  // Only a whole default run replaces the committed results; a partial one writes to bench/out/ (not in git).
  const reshaped = [values.duration, values.warmup, values.slices, values.connections].some((value) => value !== undefined);
  const whole = !quick && !reshaped && !values.only && skip.size === 0 && mode === "inprocess" && driver === "socket";
  const resultsFolder = whole || values["report-only"] ? "bench" : "bench/out";
  return {
    profile: quick ? "quick" : "default",
    mode,
    driver,
    duration: number(values.duration, quick ? 1 : 6),
    warmup: number(values.warmup, quick ? 0.5 : 1),
    slices: Math.ceil(number(values.slices, quick ? 2 : 6)),
    connections: number(values.connections, 16),
    contention: 64,
    costSamples: 3,
    load: quick
      ? { users: 1_000, customers: 200, seatMetrics: 50, orgs: 20, holders: 200 }
      : { users: 10_000, customers: 1_000, seatMetrics: 50, orgs: 100, holders: 1_000 },
    costSmall: quick
      ? { users: 100, customers: 100, seatMetrics: 100, orgs: 5, holders: 100 }
      : { users: 1_000, customers: 1_000, seatMetrics: 1_000, orgs: 20, holders: 1_000 },
    costLarge: quick
      ? { users: 2_000, customers: 2_000, seatMetrics: 2_000, orgs: 20, holders: 1_000 }
      : { users: 100_000, customers: 100_000, seatMetrics: 100_000, orgs: 200, holders: 20_000 },
    only: values.only ? new RegExp(values.only, "i") : undefined,
    skip: skip as Options["skip"],
    out: values.out ?? `${resultsFolder}/results.json`,
    report: values.report ?? join(dirname(values.out ?? `${resultsFolder}/results.json`), "RESULTS.md"),
    reportOnly: values["report-only"] ?? false,
    maxMinutes: number(values["max-minutes"], 40),
    retries: values.retries === "0" ? 0 : Math.floor(number(values.retries, 2)),
  };
}

function number(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0) exit(`not a positive number: ${value}\n${USAGE}`, 2);
  return parsed;
}

function exit(message: string, code: number): never {
  (code === 0 ? console.log : console.error)(message);
  process.exit(code);
}
