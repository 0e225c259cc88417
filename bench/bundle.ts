/**
 * Bundle size from `wrangler deploy --dry-run --outdir` (raw and gzip of the
 * JavaScript that would be uploaded) and startup CPU time from `wrangler
 * check startup`, which profiles the Worker's startup locally on workerd.
 */
import { execFile } from "node:child_process";
import { readFile, readdir, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";

const OUT = "bench/out";
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
  /** CPU time of startup (profile time minus idle), in ms; undefined when the profile could not be taken. */
  startupCpuMs: number | undefined;
  startupNote?: string;
}

export async function measureBundle(): Promise<Bundle> {
  const dir = join(OUT, "dist");
  await rm(dir, { recursive: true, force: true });
  // --env="" targets the top-level environment (wrangler.toml also defines env.preview).
  const { stdout } = await wrangler(["deploy", "--dry-run", "--outdir", dir, "--env="]);
  const files = (await readdir(dir)).filter((file) => /\.(m?js|wasm)$/.test(file));
  let rawBytes = 0;
  let gzipBytes = 0;
  for (const file of files) {
    const bytes = await readFile(join(dir, file));
    rawBytes += (await stat(join(dir, file))).size;
    gzipBytes += gzipSync(bytes).byteLength;
  }
  const summary = stdout.match(/Total Upload:[^\n]*/)?.[0];
  return { files, rawBytes, gzipBytes, wrangler: summary, ...(await startupCpu()) };
}

/** The median of three profiles: one profile holds only a few dozen samples. */
async function startupCpu(): Promise<Pick<Bundle, "startupCpuMs" | "startupNote">> {
  const profile = join(OUT, "startup.cpuprofile");
  try {
    const runs: number[] = [];
    for (let i = 0; i < 3; i++) {
      await wrangler(["check", "startup", "--outfile", profile, "--args=--env="]);
      runs.push(activeMs(JSON.parse(await readFile(profile, "utf8"))));
    }
    return { startupCpuMs: runs.sort((a, b) => a - b)[1] };
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
