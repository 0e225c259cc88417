/**
 * `node bench/dispatch.ts`: a micro-benchmark of finding a request's route,
 * on the service's own route table (src/router.ts): itty-router's Router,
 * which tests each route's pattern in table order, against the table that
 * replaced it (src/http/routeTable.ts), which looks up the request's group
 * (segment count and first two segments) and compares segments. One lookup
 * per route (its path with ids filled in) and a few that match nothing;
 * nanoseconds per lookup, the median of several runs. Not a test: timings
 * belong here, never in `npm test`.
 */
import { build } from "esbuild";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

interface Bundled {
  routes: { method: string; path: string }[];
  RouteTable: new () => {
    add(method: string, path: string, value: number): void;
    match(method: string, pathname: string): unknown;
  };
  Router: () => { routes: [string, RegExp, unknown[], string][] } & Record<string, (path: string, handler: () => number) => unknown>;
}

/** The route table and both matchers, bundled for Node (the table's modules import without extensions). */
async function load(): Promise<Bundled> {
  const entry = [
    `export { routes } from "./src/router";`,
    `export { RouteTable } from "./src/http/routeTable";`,
    `export { Router } from "itty-router/Router";`,
  ].join("\n");
  const { outputFiles } = await build({
    stdin: { contents: entry, resolveDir: process.cwd(), loader: "ts" },
    bundle: true,
    format: "esm",
    platform: "neutral",
    mainFields: ["module", "main"],
    external: ["cloudflare:*"],
    write: false,
    logLevel: "error",
  });
  const dir = await mkdtemp(join(tmpdir(), "dispatch-bench-"));
  const file = join(dir, "bundle.mjs");
  await writeFile(file, outputFiles[0]!.text);
  try {
    return (await import(pathToFileURL(file).href)) as Bundled;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const ID = "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b";
const RUNS = 15;
const ROUNDS = 20_000;

type Find = (method: string, pathname: string) => unknown;

/** Nanoseconds per lookup of one run of `find` over every lookup, ROUNDS times. */
function timed(lookups: [string, string][], find: Find): number {
  let matched = 0;
  const start = process.hrtime.bigint();
  for (let round = 0; round < ROUNDS; round++) {
    for (const [method, pathname] of lookups) if (find(method, pathname) !== undefined) matched++;
  }
  const elapsed = Number(process.hrtime.bigint() - start) / (ROUNDS * lookups.length);
  if (matched === 0) throw new Error("nothing matched");
  return elapsed;
}

/** Paired runs, alternating which goes first (the machine's load drifts): medians of each and of the ratios. */
function compare(lookups: [string, string][], before: Find, after: Find) {
  const runs: { before: number; after: number }[] = [];
  for (let run = 0; run < RUNS; run++) {
    if (run % 2 === 0) runs.push({ before: timed(lookups, before), after: timed(lookups, after) });
    else runs.push({ after: timed(lookups, after), before: timed(lookups, before) });
  }
  const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  return {
    before: median(runs.map((run) => run.before)),
    after: median(runs.map((run) => run.after)),
    ratio: median(runs.map((run) => run.before / run.after)),
  };
}

const { routes, RouteTable, Router } = await load();
const lookups: [string, string][] = [
  ...routes.map((route): [string, string] => [route.method.toUpperCase(), route.path.replace(/\{\w+\}/g, ID)]),
  ["GET", "/no/such/route"],
  ["PATCH", "/api/seat-metrics"],
  ["GET", "/api/v2/seats/users/extra"],
];

const itty = Router();
// `/a/{id}` is itty's `/a/:id`.
for (const route of routes) itty[route.method]!(route.path.replace(/\{(\w+)\}/g, ":$1"), () => 1);
// itty's own loop: each route's method and pattern in order, up to the first match.
const ittyFind = (method: string, pathname: string) => {
  for (const [routeMethod, pattern] of itty.routes) if ((routeMethod === method || routeMethod === "ALL") && pattern.test(pathname)) return 1;
  return undefined;
};

const table = new RouteTable();
routes.forEach((route, index) => table.add(route.method.toUpperCase(), route.path, index));
const tableFind = (method: string, pathname: string) => table.match(method, pathname);

for (const [method, pathname] of lookups) {
  if ((ittyFind(method, pathname) === undefined) !== (tableFind(method, pathname) === undefined)) {
    throw new Error(`the matchers disagree on ${method} ${pathname}`);
  }
}

const { before, after, ratio } = compare(lookups, ittyFind, tableFind);
console.log(`${routes.length} routes, ${lookups.length} lookups per round; ${RUNS} paired runs of ${ROUNDS} rounds, medians`);
console.log(`itty-router Router (pattern per route): ${before.toFixed(0)} ns per lookup`);
console.log(`RouteTable (map, then segments):        ${after.toFixed(0)} ns per lookup; ${ratio.toFixed(1)}x as fast (median of paired ratios)`);
