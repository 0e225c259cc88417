// The Worker's source as wrangler bundles it (wrangler.toml `main`): src/
// mirrored into .build/src/, with the SQL of the data layer (src/db/,
// src/objects/) folded onto one line per statement. esbuild's minifier keeps
// a template literal's text as written, so the indentation that lines up a
// statement's clauses would otherwise ship in the bundle (about 350 bytes
// gzip; docs/bundle-and-startup.md). Every line keeps its number: a break
// becomes a line continuation, so stack traces through the source map name
// the same lines in src/. wrangler.toml's [build] runs this before
// `wrangler dev` and `wrangler deploy`; .build/ is build output, not in git.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseSync } from "@swc/core";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const SOURCE = join(root, "src");
export const WORKER_SOURCE = join(root, ".build/src");

/** The folders whose template literals are SQL (and only SQL). */
const SQL_FOLDERS = /^(db|objects)\//;

/** [start, end) byte offsets of the text of every untagged template literal in `source` (TypeScript). */
function templateTexts(source) {
  const ranges = [];
  const visit = (node) => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (node === null || typeof node !== "object") return;
    // swc's spans are 1-based byte offsets into the source.
    if (node.type === "TemplateLiteral") for (const quasi of node.quasis) ranges.push([quasi.span.start - 1, quasi.span.end - 1]);
    // A tag sees the raw text, line breaks included: tagged templates stay as written.
    if (node.type === "TaggedTemplateExpression") return visit(node.tag);
    for (const key in node) if (key !== "span") visit(node[key]);
  };
  visit(parseSync(source, { syntax: "typescript" }));
  return ranges.sort((a, b) => a[0] - b[0]);
}

/**
 * `source` with each line break inside a template literal, and the spaces
 * around it, made one space and a line continuation (`\` and the newline are
 * no part of the string): the string is the SQL on one line, the file keeps
 * its line count.
 */
export function foldTemplateLines(source) {
  const bytes = Buffer.from(source);
  let out = "";
  let at = 0;
  for (const [start, end] of templateTexts(source)) {
    out += bytes.subarray(at, start).toString() + bytes.subarray(start, end).toString().replace(/[ \t]*\n[ \t]*/g, " \\\n");
    at = end;
  }
  return out + bytes.subarray(at).toString();
}

function filesUnder(folder) {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(folder, join(entry.parentPath, entry.name)));
}

/** Mirrors src/ into .build/src/ (SQL folded); rewrites only what changed, so `wrangler dev` reloads only on a real edit. */
export function writeWorkerSource() {
  const wanted = new Set(filesUnder(SOURCE));
  let written = 0;
  for (const file of wanted) {
    const text = readFileSync(join(SOURCE, file), "utf8");
    const target = join(WORKER_SOURCE, file);
    const output = SQL_FOLDERS.test(file) && file.endsWith(".ts") ? foldTemplateLines(text) : text;
    if (existsSync(target) && readFileSync(target, "utf8") === output) continue;
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, output);
    written++;
  }
  if (existsSync(WORKER_SOURCE)) for (const file of filesUnder(WORKER_SOURCE)) if (!wanted.has(file)) rmSync(join(WORKER_SOURCE, file));
  return written;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const written = writeWorkerSource();
  console.log(`build-worker: .build/src ${written ? `${written} files written` : "unchanged"}`);
}
