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
async function startupCpu(): Promise<Pick<Bundle, "startupCpuMs" | "startupRunsMs" | "baselineStartupCpuMs" | "baselineStartupRunsMs" | "startupNote">> {
  const profile = join(OUT, "startup.cpuprofile");
  const activeOf = async (deployArgs: string) => {
    await wrangler(["check", "startup", "--outfile", profile, `--args=${deployArgs}`]);
    return activeMs(JSON.parse(await readFile(profile, "utf8")));
  };
  try {
    const runs: number[] = [];
    const baselineRuns: number[] = [];
    for (let i = 0; i < STARTUP_RUNS; i++) {
      runs.push(await activeOf("--env="));
      baselineRuns.push(await activeOf("-c bench/baselines/constant.toml"));
    }
    const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
    return { startupCpuMs: median(runs), startupRunsMs: runs, baselineStartupCpuMs: median(baselineRuns), baselineStartupRunsMs: baselineRuns };
  } catch (error) {
    return { startupCpuMs: undefined, startupNote: `wrangler check startup failed: ${String(error).slice(0, 200)}` };
  }
}

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string } }[];
  samples: number[];
  timeDeltas: number[];
}

/** Sampled time not spent idle, as wrangler's "Active" figure (µs in the profile, ms out). */
function activeMs(profile: CpuProfile): number {
  const idle = new Set(profile.nodes.filter((node) => node.callFrame.functionName === "(idle)").map((node) => node.id));
  let active = 0;
  profile.samples.forEach((sample, i) => {
    if (!idle.has(sample)) active += profile.timeDeltas[i] ?? 0;
  });
  return Math.round(active / 100) / 10;
}
