/**
 * Bundle size from `wrangler deploy --dry-run --outdir` (wrangler's own
 * "Total Upload" figure, raw and gzip, through scripts/bundle.mjs, which
 * .ci/run also uses for the budgets) and startup CPU time from `wrangler
 * check startup`, which profiles the Worker's startup locally on workerd.
 */
import { execFile } from "node:child_process";
import { readFile, readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { dryRunBundle, zodAtLoad } from "../scripts/bundle.mjs";

const OUT = "bench/out";
const STARTUP_RUNS = 5;
const run = promisify(execFile);

/** Runs the project's wrangler CLI (npm puts node_modules/.bin on PATH), without telemetry. */
export const wrangler = (args: string[]) =>
  run("wrangler", args, { env: { ...process.env, WRANGLER_SEND_METRICS: "false" }, maxBuffer: 16 * 1024 * 1024, timeout: 120_000 });

export interface Bundle {
  files: string[];
  rawBytes: number;
  gzipBytes: number;
  /** wrangler's own summary line ("Total Upload: … / gzip: …"). */
  wrangler: string | undefined;
  /** zod schemas built and zod classes defined while the bundle's module loads (the startup budget's steady proxy). */
  zodAtLoad?: { instances: number; classes: number };
  /** The median of the runs' "Active" figure, in ms; undefined when no profile could be taken. */
  startupCpuMs: number | undefined;
  /** Every run's "Active" figure, in ms, sorted: one run is a few dozen samples. */
  startupRunsMs?: number[];
  /** The same for the constant baseline Worker, run interleaved with ours: the tool's floor on this machine. */
  baselineStartupCpuMs?: number;
  baselineStartupRunsMs?: number[];
  /**
   * The median of the runs' Active figure without the profile's first interval (the time until
   * its first sample after the Worker began to load, which the Active figure counts whole: about
   * 20 ms for an empty Worker too, sampled once), ours and the constant Worker's.
   */
  startupAfterFirstIntervalMs?: number;
  baselineStartupAfterFirstIntervalMs?: number;
  startupNote?: string;
}

export async function measureBundle(): Promise<Bundle> {
  const dir = join(OUT, "dist");
  await rm(dir, { recursive: true, force: true });
  const bundle = await dryRunBundle(dir);
  const files = (await readdir(dir)).filter((file) => /\.(m?js|wasm)$/.test(file));
  return {
    files,
    rawBytes: Math.round(bundle.rawKiB * 1024),
    gzipBytes: Math.round(bundle.gzipKiB * 1024),
    wrangler: bundle.summary,
    zodAtLoad: await zodAtLoad(join(dir, "index.js")),
    ...(await startupCpu()),
  };
}

/**
 * `wrangler check startup` five times, each run followed by one of the constant
 * baseline Worker (bench/baselines/constant.toml): the median "Active" figure of
 * each (the measure) and every run. The baseline is the tool's floor on
 * this machine: one run is a handful of samples 4-20 ms apart, so even a Worker
 * that does nothing measures around 20 ms here.
 */
async function startupCpu(): Promise<Omit<Bundle, "files" | "rawBytes" | "gzipBytes" | "wrangler" | "zodAtLoad">> {
  const profile = join(OUT, "startup.cpuprofile");
  const runOf = async (deployArgs: string) => {
    await wrangler(["check", "startup", "--outfile", profile, `--args=${deployArgs}`]);
    return startupFigures(JSON.parse(await readFile(profile, "utf8")));
  };
  try {
    const runs: StartupFigures[] = [];
    const baselineRuns: StartupFigures[] = [];
    for (let i = 0; i < STARTUP_RUNS; i++) {
      runs.push(await runOf("--env="));
      baselineRuns.push(await runOf("-c bench/baselines/constant.toml"));
    }
    const sorted = (values: number[]) => values.sort((a, b) => a - b);
    const median = (values: number[]) => sorted(values)[Math.floor(values.length / 2)];
    const active = (of: StartupFigures[]) => sorted(of.map((run) => run.activeMs));
    const afterFirst = (of: StartupFigures[]) => median(of.map((run) => run.afterFirstIntervalMs));
    return {
      startupCpuMs: median(active(runs)),
      startupRunsMs: active(runs),
      baselineStartupCpuMs: median(active(baselineRuns)),
      baselineStartupRunsMs: active(baselineRuns),
      startupAfterFirstIntervalMs: afterFirst(runs),
      baselineStartupAfterFirstIntervalMs: afterFirst(baselineRuns),
    };
  } catch (error) {
    return { startupCpuMs: undefined, startupNote: `wrangler check startup failed: ${String(error).slice(0, 200)}` };
  }
}

export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string } }[];
  samples: number[];
  timeDeltas: number[];
}

interface StartupFigures {
  /** Sampled time not spent idle: wrangler's "Active" figure (summarizeStartupProfile). */
  activeMs: number;
  /** The same without the first non-idle sample's interval, the time since the sample before it. */
  afterFirstIntervalMs: number;
}

/**
 * A startup profile's figures (µs in the profile, ms out). As wrangler counts it, a sample's
 * interval is the time since the sample before it; the first one after the Worker begins to load
 * comes about 20 ms after the last idle one, for an empty Worker too, so it is reported apart.
 */
export function startupFigures(profile: CpuProfile): StartupFigures {
  const idle = new Set(profile.nodes.filter((node) => node.callFrame.functionName === "(idle)").map((node) => node.id));
  let active = 0;
  let first: number | undefined;
  profile.samples.forEach((sample, i) => {
    if (idle.has(sample)) return;
    const interval = profile.timeDeltas[i] ?? 0;
    first ??= interval;
    active += interval;
  });
  const ms = (us: number) => Math.round(us / 100) / 10;
  return { activeMs: ms(active), afterFirstIntervalMs: ms(active - (first ?? 0)) };
}
