/**
 * The "inprocess" mode: a Worker bundled exactly as `wrangler deploy` would
 * upload it and run by a bare Miniflare in this process, with the bindings,
 * Durable Objects and assets its wrangler config declares. No dev proxy and
 * no dev middleware: a request costs the runtime what the Worker costs.
 */
import { readdir, readFile } from "node:fs/promises";
import { basename, dirname, extname, join, resolve } from "node:path";
import { Miniflare, convertV4MiniflareOptions, type V4MiniflareOptions } from "miniflare";
import { unstable_getMiniflareWorkerOptions, unstable_readConfig, unstable_splitSqlQuery } from "wrangler";
import { wrangler } from "./bundle.ts";
import type { SqlDb } from "./seed.ts";
import type { Dispatch, Serving, WorkerConfig } from "./servers.ts";

const BUILD = "bench/out/build";

export async function serveInProcess(name: string, worker: WorkerConfig): Promise<Serving> {
  // wrangler resolves --outdir against the config's folder: pass it absolute.
  const outdir = resolve(BUILD, name);
  await wrangler(["deploy", "--dry-run", "--config", worker.configPath, "--outdir", outdir]);
  const config = unstable_readConfig({ config: worker.configPath }, { hideWarnings: true });
  if (!config.main) throw new Error(`${worker.configPath} has no main module`);
  // The bundle is one module: miniflare's V4 options refuse module rules. No
  // assets: on Cloudflare the asset router runs before the Worker, outside its
  // CPU time, while locally it costs each request about 0.4 ms of workerd CPU,
  // the same for every Worker, which would pull every ratio toward 1.
  const { modulesRules: _rules, assets: _assets, ...options } = quietly(() => unstable_getMiniflareWorkerOptions(config).workerOptions);
  const mf = new Miniflare({
    ...convertV4MiniflareOptions({
      ...options,
      name,
      modules: true,
      modulesRoot: outdir,
      scriptPath: join(outdir, `${basename(config.main, extname(config.main))}.js`),
      bindings: { ...(options.bindings as Record<string, unknown> | undefined), ...worker.secrets },
      ratelimits: unlimited(options.ratelimits as RateLimits | undefined),
      host: "127.0.0.1",
      port: 0,
      cf: false,
    } as V4MiniflareOptions),
    handleStructuredLogs: keepProblems,
  });
  const url = await mf.ready;
  const db = async () => (await mf.getD1Database("DB")) as unknown as SqlDb & D1Like;
  const databases: { binding: string; migrations_dir?: string }[] = config.d1_databases;
  const migrations = databases.find((database) => database.binding === "DB")?.migrations_dir;
  return {
    base: url.origin,
    dispatch: ((target: string, init: Parameters<Dispatch>[1]) => mf.dispatchFetch(target, init)) as unknown as Dispatch,
    db,
    migrate: async () => {
      if (migrations) await migrate(await db(), resolve(dirname(worker.configPath), migrations));
    },
    close: () => mf.dispose(),
  };
}

/**
 * The Worker's log lines: a request's own line is dropped, a warning or error goes to stderr.
 * Printed, a run's hundreds of thousands of request lines would bury the report on stdout and
 * cost this process (the load generator, on the same cores) the CPU of writing them, which the
 * baselines, logging nothing, never pay. On Cloudflare the lines leave the Worker for Workers
 * Logs; the Worker's own cost of logging them (workerd's) is still measured.
 */
function keepProblems({ level, message }: { level: string; message: string }): void {
  if (level === "warn" || level === "error") process.stderr.write(`${message}\n`);
}

type RateLimits = Record<string, { simple: { limit: number; period: number } }>;

/**
 * The config's rate limits, each raised past anything a run sends: the bench is one runaway key on
 * purpose, and each request still asks the binding (its cost is the service's).
 */
function unlimited(limits: RateLimits | undefined): RateLimits | undefined {
  if (!limits) return undefined;
  return Object.fromEntries(Object.entries(limits).map(([name, limit]) => [name, { ...limit, simple: { ...limit.simple, limit: 1_000_000_000 } }]));
}

/** Runs `read` with wrangler's logger at "error": it warns of a missing required secret, which the bench passes itself. */
function quietly<T>(read: () => T): T {
  const level = process.env.WRANGLER_LOG;
  process.env.WRANGLER_LOG = "error";
  try {
    return read();
  } finally {
    if (level === undefined) delete process.env.WRANGLER_LOG;
    else process.env.WRANGLER_LOG = level;
  }
}

interface D1Like {
  batch(statements: unknown[]): Promise<unknown>;
}

/** Applies every migration file in order, each file's statements in one batch (as `wrangler d1 migrations apply` does). */
async function migrate(db: SqlDb & D1Like, dir: string): Promise<void> {
  const files = (await readdir(dir)).filter((file) => file.endsWith(".sql")).sort();
  for (const file of files) {
    const statements = unstable_splitSqlQuery(await readFile(join(dir, file), "utf8"));
    await db.batch(statements.map((sql) => db.prepare(sql)));
  }
}
