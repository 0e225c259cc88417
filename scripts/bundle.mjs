// The Worker's bundle as `wrangler deploy` would upload it, and the two budgets
// .ci/run holds it to (`node scripts/bundle.mjs --check`; docs/bundle-and-startup.md):
// - at most 60 kB gzip, wrangler's own "Total Upload: … / gzip: …" figure;
// - no zod schema built at module load, the startup budget's steady proxy
//   (`wrangler check startup` is a timing, too noisy for CI).
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { delimiter, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** 60 kB (issue 16), in bytes. */
export const GZIP_BUDGET_BYTES = 60_000;

/** Runs `wrangler deploy --dry-run` into `outdir`: wrangler's summary line and its sizes. */
export async function dryRunBundle(outdir = join(root, "dist")) {
  const env = { ...process.env, PATH: `${join(root, "node_modules/.bin")}${delimiter}${process.env.PATH}`, WRANGLER_SEND_METRICS: "false" };
  // --env="" is the top-level environment (wrangler.toml also defines env.preview).
  const args = ["deploy", "--dry-run", "--outdir", outdir, "--metafile", join(outdir, "meta.json"), "--env="];
  const { stdout } = await promisify(execFile)("wrangler", args, { cwd: root, env, maxBuffer: 16 * 1024 * 1024, timeout: 180_000 });
  const summary = stdout.match(/Total Upload: ([\d.]+) KiB \/ gzip: ([\d.]+) KiB/);
  if (!summary) throw new Error(`no "Total Upload" line in wrangler's output:\n${stdout}`);
  return { outdir, summary: summary[0], rawKiB: Number(summary[1]), gzipKiB: Number(summary[2]) };
}

/**
 * How many zod schemas (and checks) importing the bundle builds, counted in
 * this process: every zod instance installs its `_zod` internals with
 * Object.defineProperty. `cloudflare:workers` is stubbed (only the Durable
 * Object's base class comes from it).
 */
export async function zodInstancesAtLoad(bundleFile) {
  const stub = "data:text/javascript,export class DurableObject {}; export class WorkerEntrypoint {}; export const env = {};";
  const code = readFileSync(bundleFile, "utf8").replaceAll('"cloudflare:workers"', JSON.stringify(stub));
  const remaining = code.match(/"cloudflare:[\w-]+"/);
  if (remaining) throw new Error(`the bundle imports ${remaining[0]}, which this count cannot stub`);
  return countZodInstances(() => import(`data:text/javascript;base64,${Buffer.from(code).toString("base64")}`));
}

/** zod instances built while `run` runs; throws if the probe cannot see zod build one (a zod upgrade changed how). */
async function countZodInstances(run) {
  const { string } = await import("zod");
  const define = Object.defineProperty;
  let count = 0;
  Object.defineProperty = function (target, key, descriptor) {
    if (key === "_zod") count++;
    return define(target, key, descriptor);
  };
  try {
    const before = count;
    string();
    if (count === before) throw new Error("the probe does not see zod build a schema: update zodInstancesAtLoad for this zod");
    count = 0;
    await run();
    return count;
  } finally {
    Object.defineProperty = define;
  }
}

/** The largest inputs of the bundle by package (or src/ file), from wrangler's esbuild metafile. */
function largestInputs(outdir, top = 8) {
  const meta = JSON.parse(readFileSync(join(outdir, "meta.json"), "utf8"));
  const output = Object.values(meta.outputs).find((o) => o.entryPoint);
  const bytes = new Map();
  for (const [file, { bytesInOutput }] of Object.entries(output.inputs)) {
    const inModules = file.split("node_modules/").at(-1);
    const name = file.includes("node_modules/") ? inModules.split("/").slice(0, inModules.startsWith("@") ? 2 : 1).join("/") : file;
    bytes.set(name, (bytes.get(name) ?? 0) + bytesInOutput);
  }
  return [...bytes].sort((a, b) => b[1] - a[1]).slice(0, top).map(([name, size]) => `  ${(size / 1024).toFixed(1).padStart(7)} KiB  ${name}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const check = process.argv.includes("--check");
  const bundle = await dryRunBundle();
  const gzipBytes = Math.round(bundle.gzipKiB * 1024);
  const instances = await zodInstancesAtLoad(join(bundle.outdir, "index.js"));
  console.log(`bundle: ${bundle.summary} (${gzipBytes.toLocaleString("en-US")} bytes gzip; budget ${GZIP_BUDGET_BYTES.toLocaleString("en-US")})`);
  console.log(`zod schemas and checks built at module load: ${instances} (budget 0)`);
  const failures = [];
  if (gzipBytes > GZIP_BUDGET_BYTES) {
    failures.push(`the bundle is over 60 kB gzip. Largest inputs (raw, minified):\n${largestInputs(bundle.outdir).join("\n")}\n` +
      `(import zod as \`import * as z from "zod"\`: \`import { z }\` keeps every locale.)`);
  }
  if (instances > 0) {
    failures.push("module load builds zod schemas: name them in the route table through lazyModule() (src/shared/lazy.ts), " +
      "or build them on first use (once()), as docs/bundle-and-startup.md says.");
  }
  if (check && failures.length > 0) {
    console.error(`\nbundle check failed:\n- ${failures.join("\n- ")}`);
    process.exit(1);
  }
}
