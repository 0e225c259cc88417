// The Worker's bundle as `wrangler deploy` would upload it, and the two budgets
// .ci/run holds it to (`node scripts/bundle.mjs --check`; docs/bundle-and-startup.md):
// - at most 60 kB (60,000 bytes) gzip, from wrangler's own "Total Upload: … / gzip: … KiB" figure;
// - zod untouched at module load (no schema built, not even its classes defined),
//   the startup budget's steady proxy (`wrangler check startup` is a timing, too
//   noisy for CI);
// - no documentation: none of the OpenAPI document's summaries and descriptions,
//   and none of the answer schemas (src/resources/*/responses.ts,
//   src/surfaces/pageResponses.ts), which only the route table's docs name (they
//   fold away: DOCUMENTED is false in wrangler.toml).
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { delimiter, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { build } from "esbuild";
import { OPENAPI_ASSET } from "./build-openapi.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** Issue 16's 60 kB gzip, in bytes (wrangler reports KiB: 58.59 KiB at most). */
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

/**
 * Probes for the document's text: the start of every summary and description
 * paragraph (up to the first double quote, backtick, backslash or `$`, which a
 * string literal in the bundle may escape; esbuild quotes a text with
 * apostrophes in double quotes), at least 10 and at most 40 characters.
 */
export function documentationProbes(document) {
  const probes = new Set();
  const walk = (value) => {
    if (Array.isArray(value)) return value.forEach(walk);
    if (value === null || typeof value !== "object") return;
    for (const [key, inner] of Object.entries(value)) {
      if ((key === "summary" || key === "description") && typeof inner === "string") {
        for (const paragraph of inner.split("\n\n")) {
          const probe = paragraph.replace(/ \(POST\)$/, "").split(/["`\\$\n]/)[0].slice(0, 40);
          if (probe.length >= 10) probes.add(probe);
        }
      } else walk(inner);
    }
  };
  walk(document);
  return [...probes];
}

/**
 * The documentation a bundle carries: the probes found opening a string literal
 * in its code (as a docs text opens one in the source; a runtime message may
 * quote a description mid-sentence), and the answer-schema modules among its inputs.
 */
export function documentationIn(code, inputs, document) {
  return {
    texts: documentationProbes(document).filter((probe) => ['"', "'", "`"].some((quote) => code.includes(quote + probe))),
    modules: inputs.filter((file) => /(^|\/)src\/.*[Rr]esponses\.ts$/.test(file)),
  };
}

/**
 * documentationIn() of the Worker's bundle (wrangler's output and metafile),
 * and, so that the check cannot go blind, of the same entry bundled with
 * DOCUMENTED true, which must show the docs.
 */
export async function documentationInBundle(outdir) {
  const document = JSON.parse(readFileSync(OPENAPI_ASSET, "utf8"));
  const meta = JSON.parse(readFileSync(join(outdir, "meta.json"), "utf8"));
  const worker = documentationIn(readFileSync(join(outdir, "index.js"), "utf8"), Object.keys(Object.values(meta.outputs).find((o) => o.entryPoint).inputs), document);
  const documented = await build({
    entryPoints: [join(root, "src/index.ts")], bundle: true, minify: true, format: "esm", write: false, metafile: true,
    platform: "neutral", mainFields: ["module", "main"], conditions: ["workerd", "worker", "browser"],
    external: ["cloudflare:*", "node:*"], define: { DOCUMENTED: "true" }, logLevel: "error",
  });
  const control = documentationIn(documented.outputFiles[0].text, Object.keys(documented.metafile.inputs), document);
  if (control.texts.length < documentationProbes(document).length / 2 || control.modules.length === 0) {
    throw new Error(`the documentation probe does not see the docs in a DOCUMENTED build (${control.texts.length} texts, ${control.modules.length} modules): update documentationProbes`);
  }
  return { ...worker, probes: documentationProbes(document).length, control };
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
  const docs = await documentationInBundle(bundle.outdir);
  console.log(`documentation: ${docs.texts.length} of the document's ${docs.probes} summaries and descriptions, ${docs.modules.length} answer-schema modules ` +
    `(budget 0 and 0; with DOCUMENTED true: ${docs.control.texts.length} and ${docs.control.modules.length})`);
  const failures = [];
  if (gzipBytes > GZIP_BUDGET_BYTES) {
    failures.push(`the bundle is over 60 kB gzip (${GZIP_BUDGET_BYTES.toLocaleString("en-US")} bytes). Largest inputs (raw, minified):\n${largestInputs(bundle.outdir).join("\n")}\n` +
      "(The Worker's modules import zod from src/shared/zod.ts, which is zod/mini: classic zod triples zod's share.)");
  }
  if (zod.instances > 0 || zod.classes > 0) {
    failures.push("module load runs zod: name schemas in the route table through lazyModule() (src/shared/lazy.ts), and let " +
      "nothing the Worker loads at startup (surfaces, auth, http) import zod but as `import type` (docs/bundle-and-startup.md).");
  }
  if (docs.texts.length > 0 || docs.modules.length > 0) {
    failures.push("the Worker carries documentation: give a route's docs as `...(DOCUMENTED && { docs: {...} })`, an input field's description as " +
      "`...z.described(DOCUMENTED && \"...\")`, and name answer schemas only in docs, from a responses.ts module (docs/bundle-and-startup.md). Found:\n" +
      [...docs.modules, ...docs.texts.map((text) => JSON.stringify(text))].slice(0, 12).map((found) => `  ${found}`).join("\n") +
      (docs.modules.length + docs.texts.length > 12 ? `\n  and ${docs.modules.length + docs.texts.length - 12} more` : ""));
  }
  if (check && failures.length > 0) {
    console.error(`\nbundle check failed:\n- ${failures.join("\n- ")}`);
    process.exit(1);
  }
}
