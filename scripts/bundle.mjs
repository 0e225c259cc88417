// The Worker's bundle as `wrangler deploy` would upload it, and the two budgets
// .ci/run holds it to (`node scripts/bundle.mjs --check`; docs/bundle-and-startup.md):
// - at most 60 kB gzip, wrangler's own "Total Upload: … / gzip: …" figure;
// - zod untouched at module load (no schema built, not even its classes defined),
//   the startup budget's steady proxy (`wrangler check startup` is a timing, too
//   noisy for CI).
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
 * What importing the bundle does with zod, observed in this process: how many
 * schemas (and checks) it builds (each installs its `_zod` internals with
 * Object.defineProperty) and how many of zod's classes it defines (each names
 * itself so, `ZodString`, `$ZodCheck`, ...: zod's own module initialisation,
 * which a Worker's startup need not pay either). `cloudflare:workers` is
 * stubbed (only the Durable Object's base class comes from it).
 */
export async function zodAtLoad(bundleFile) {
  const stub = "data:text/javascript,export class DurableObject {}; export class WorkerEntrypoint {}; export const env = {};";
  const code = readFileSync(bundleFile, "utf8").replaceAll('"cloudflare:workers"', JSON.stringify(stub));
  const remaining = code.match(/"cloudflare:[\w-]+"/);
  if (remaining) throw new Error(`the bundle imports ${remaining[0]}, which this count cannot stub`);
  return observeZod(() => import(`data:text/javascript;base64,${Buffer.from(code).toString("base64")}`));
}

/** zod's instances and classes made while `run` runs; throws if the probe cannot see zod make one (a zod upgrade changed how). */
async function observeZod(run) {
  const define = Object.defineProperty;
  const seen = { instances: 0, classes: 0 };
  Object.defineProperty = function (target, key, descriptor) {
    if (key === "_zod") seen.instances++;
    if (key === "name" && /^\$?Zod/.test(String(descriptor?.value))) seen.classes++;
    return define(target, key, descriptor);
  };
  try {
    const { core, string } = await import("zod");
    string();
    core.$constructor("ZodProbe", () => {});
    if (seen.instances === 0 || seen.classes === 0) throw new Error("the probe does not see zod at work: update zodAtLoad for this zod");
    seen.instances = seen.classes = 0;
    await run();
    return { ...seen };
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
  const zod = await zodAtLoad(join(bundle.outdir, "index.js"));
  console.log(`bundle: ${bundle.summary} (${gzipBytes.toLocaleString("en-US")} bytes gzip; budget ${GZIP_BUDGET_BYTES.toLocaleString("en-US")})`);
  console.log(`at module load: ${zod.instances} zod schemas and checks built, ${zod.classes} zod classes defined (budget 0 and 0)`);
  const failures = [];
  if (gzipBytes > GZIP_BUDGET_BYTES) {
    failures.push(`the bundle is over 60 kB gzip. Largest inputs (raw, minified):\n${largestInputs(bundle.outdir).join("\n")}\n` +
      "(The Worker's modules import zod from src/shared/zod.ts, which is zod/mini: classic zod triples zod's share.)");
  }
  if (zod.instances > 0 || zod.classes > 0) {
    failures.push("module load runs zod: name schemas in the route table through lazyModule() (src/shared/lazy.ts), and let " +
      "nothing the Worker loads at startup (surfaces, auth, http) import zod but as `import type` (docs/bundle-and-startup.md).");
  }
  if (check && failures.length > 0) {
    console.error(`\nbundle check failed:\n- ${failures.join("\n- ")}`);
    process.exit(1);
  }
}
