/**
 * Serves Seatkeeper and the two baseline Workers the same way, in the same
 * run, listening on 127.0.0.1 only, in one of two modes:
 * - "inprocess" (the default): each Worker bundled as `wrangler deploy`
 *   would upload it and run by a bare Miniflare in this process (its own
 *   workerd, local D1, in-memory storage); the load goes straight to
 *   Miniflare's entry socket (or through `Miniflare#dispatchFetch`, --driver).
 * - "harness": wrangler's test harness, as `wrangler dev` serves a Worker
 *   (the bundle with wrangler's dev middleware, a second workerd running
 *   wrangler's dev proxy in front); the load goes through the proxy.
 * Every config has the same `[assets]` and `run_worker_first`, so the
 * asset router sits in front of every Worker alike.
 */
import { randomBytes } from "node:crypto";
import { workerdChildren } from "./cpu.ts";
import { serveWithHarness } from "./harness.ts";
import { serveInProcess } from "./miniflare.ts";
import type { Mode } from "./options.ts";
import type { SqlDb } from "./seed.ts";

/** The workspace the D1 baseline reads and writes (WORKSPACE in baselines/d1.ts). */
const WORKSPACE = "bench";

/** A fetch into the Worker that skips the network stack of Node (Miniflare#dispatchFetch). */
export type Dispatch = (url: string, init: { method: string; headers: Record<string, string>; body?: string }) => Promise<Response>;

/** What a mode gives for one Worker. */
export interface Serving {
  /** Where it listens (127.0.0.1). */
  base: string;
  /** Miniflare#dispatchFetch (in-process only). */
  dispatch?: Dispatch;
  /** Its D1 binding `DB`, reached from Node (for seeding). */
  db(): Promise<SqlDb>;
  /** Applies the migrations of its D1 binding `DB`. */
  migrate(): Promise<void>;
  close(): Promise<void>;
}

/** One Worker served, with the workerd processes that serve it (for CPU time; empty when /proc cannot tell). */
export interface Served extends Serving {
  name: string;
  pids: number[];
}

/** How to serve a Worker: its config and test-only secrets. */
export interface WorkerConfig {
  configPath: string;
  secrets?: Record<string, string>;
}

export interface Servers {
  mode: Mode;
  seatkeeper: Served;
  constant: Served;
  d1: Served;
  adminToken: string;
  /** Seatkeeper's D1 binding, reached from Node, for seeding. */
  seatkeeperDb: SqlDb;
  /** Ids of the rows the D1 baseline reads. */
  baselineIds: string[];
  close(): Promise<void>;
}

/** Starts the three Workers, migrates their databases and seeds the D1 baseline with `rows` rows. */
export async function startServers(mode: Mode, rows: number): Promise<Servers> {
  // No network here: skip miniflare's fetch of the Request.cf object.
  process.env.CLOUDFLARE_CF_FETCH_ENABLED ??= "false";
  const adminToken = randomBytes(24).toString("hex");
  const configs: [string, WorkerConfig][] = [
    // The real Worker behind the D1 meter (bench/worker/), with the real config's bindings.
    ["seatkeeper", { configPath: "./bench/worker/wrangler.toml", secrets: { ADMIN_TOKEN: adminToken } }],
    ["baseline-constant", { configPath: "./bench/baselines/constant.toml" }],
    ["baseline-d1", { configPath: "./bench/baselines/d1.toml" }],
  ];
  const served: Served[] = [];
  try {
    // One at a time: the workerd processes that appear while a Worker starts are its own.
    for (const [name, config] of configs) served.push(await serve(mode, name, config));
  } catch (error) {
    await Promise.allSettled(served.map((worker) => worker.close()));
    throw error;
  }
  const [seatkeeper, constant, d1] = served as [Served, Served, Served];
  await Promise.all([seatkeeper.migrate(), d1.migrate()]);
  const seatkeeperDb = await seatkeeper.db();
  const baselineIds = await seedBaseline(await d1.db(), rows);
  const close = async () => {
    await Promise.allSettled(served.map((worker) => worker.close()));
  };
  return { mode, seatkeeper, constant, d1, adminToken, seatkeeperDb, baselineIds, close };
}

async function serve(mode: Mode, name: string, config: WorkerConfig): Promise<Served> {
  const before = new Set(workerdChildren());
  const serving = mode === "harness" ? await serveWithHarness(config) : await serveInProcess(name, config);
  const url = new URL(serving.base);
  if (url.hostname !== "127.0.0.1") {
    await serving.close();
    throw new Error(`${name} listens on ${url.hostname}, not loopback`);
  }
  return { ...serving, name, pids: workerdChildren().filter((pid) => !before.has(pid)) };
}

/** Fills the baseline's `items` table in one statement and returns a sample of ids to read. */
async function seedBaseline(db: SqlDb, rows: number): Promise<string[]> {
  await db
    .prepare(
      `INSERT INTO items (workspace_id, id, name, email, created_at)
       WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < ?2)
       SELECT ?1, printf('00000000-0000-7000-8000-%012x', n), 'Item ' || n, 'item' || n || '@bench.test',
              strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
         FROM seq`,
    )
    .bind(WORKSPACE, rows)
    .run();
  const sample = await db.prepare("SELECT id FROM items ORDER BY random() LIMIT 1000").all<{ id: string }>();
  return sample.results.map((row) => row.id);
}
