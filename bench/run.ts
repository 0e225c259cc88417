/**
 * `npm run bench`: serves Seatkeeper and two baseline Workers locally (in
 * a bare Miniflare each, or through wrangler's test harness: --mode),
 * seeds D1, measures D1 cost per request at two table sizes, drives every
 * endpoint over 127.0.0.1 against its matching baseline, measures the
 * bundle, and writes the figures to bench/results.json and, as markdown, to
 * bench/RESULTS.md (also printed). `--help` lists the options.
 */
import { execFileSync } from "node:child_process";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import { dirname } from "node:path";
import { measureBundle } from "./bundle.ts";
import { costPhase } from "./cost.ts";
import { readOptions } from "./options.ts";
import { markdown, rate, resultsPage, type Machine, type Results } from "./report.ts";
import { selectRows } from "./rows.ts";
import { startServers } from "./servers.ts";
import { loadPhase } from "./throughput.ts";

const options = readOptions();
if (options.reportOnly) {
  await writeReport(JSON.parse(await readFile(options.out, "utf8")) as Results);
  process.exit(0);
}
const started = Date.now();
const log = (line: string) => console.error(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);

// Bounded whatever happens: a hung server cannot keep the run alive.
setTimeout(() => {
  console.error(`bench: hard stop after ${options.maxMinutes} min (--max-minutes)`);
  process.exit(3);
}, options.maxMinutes * 60_000).unref();

const results: Results = {
  date: new Date().toISOString(),
  commit: commit(),
  profile: options.profile,
  mode: options.mode,
  driver: options.driver,
  settings: { duration: options.duration, slices: options.slices, warmup: options.warmup, connections: options.connections, contention: options.contention },
  machine: await machine(),
  skipped: [],
  notes: [],
};

if (!options.skip.has("bundle")) {
  log("bundle: wrangler deploy --dry-run, wrangler check startup");
  results.bundle = await measureBundle();
}

log(`starting Seatkeeper and the two baselines (${options.mode === "harness" ? "wrangler test harness" : "bare Miniflare"}, 127.0.0.1)`);
const servers = await startServers(options.mode, options.load.users);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => void servers.close().finally(() => process.exit(130)));
}
try {
  const target = { base: servers.seatkeeper.base, adminToken: servers.adminToken };
  const { rows, skipped } = await selectRows(target, options.only);
  results.skipped = skipped;
  skipped.forEach(log);
  if (!options.skip.has("cost")) {
    results.cost = await costPhase(target, servers.seatkeeperDb, rows, options, log);
    results.notes.push(...results.cost.notes);
  }
  if (!options.skip.has("load")) {
    results.load = rate(await loadPhase(servers, rows, options, log), results.cost);
    results.notes.push(...results.load.notes);
  }
} finally {
  await servers.close();
}

results.machine.loadAverage.end = os.loadavg();
await mkdir(dirname(options.out), { recursive: true });
await writeFile(options.out, `${JSON.stringify(results, null, 2)}\n`);
await writeReport(results);
console.log(markdown(results));
log(`done; results in ${options.out} and ${options.report}`);

// Errors are failures of correctness, not of speed: they fail the run.
const failed =
  (results.load?.rows ?? []).some((row) => row.error || row.errors) || (results.cost?.rows ?? []).some((row) => row.error);
process.exit(failed ? 1 : 0);

async function machine(): Promise<Machine> {
  const wrangler = JSON.parse(await readFile("node_modules/wrangler/package.json", "utf8")) as { version: string };
  return {
    cpu: os.cpus()[0]?.model.trim() ?? "unknown",
    cores: os.availableParallelism(),
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.versions.node,
    wrangler: wrangler.version,
    loadAverage: { start: os.loadavg() },
  };
}

/** Writes the markdown report of `results` to the report file. */
async function writeReport(results: Results): Promise<void> {
  await mkdir(dirname(options.report), { recursive: true });
  await writeFile(options.report, resultsPage(results));
}

/** The commit measured, marked when the work tree had changes. */
function commit(): string | undefined {
  try {
    const head = execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--untracked-files=no"], { encoding: "utf8" }).trim();
    return dirty ? `${head} with uncommitted changes` : head;
  } catch {
    return undefined;
  }
}
