/**
 * Serves Seatkeeper and the two baseline Workers the same way, in the same
 * run: each through wrangler's test harness (workerd behind wrangler's dev
 * proxy, local D1, in-memory storage), listening on 127.0.0.1 only.
 */
import { randomBytes } from "node:crypto";
import { createTestHarness, type TestHarness, type TestHarnessOptions } from "wrangler";
import type { SqlDb } from "./seed.ts";

/** The workspace the D1 baseline reads and writes (WORKSPACE in baselines/d1.ts). */
const WORKSPACE = "bench";

export interface Served {
  name: string;
  base: string;
  harness: TestHarness;
}

export interface Servers {
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
export async function startServers(rows: number): Promise<Servers> {
  // No network here: skip miniflare's fetch of the Request.cf object.
  process.env.CLOUDFLARE_CF_FETCH_ENABLED ??= "false";
  const adminToken = randomBytes(24).toString("hex");
  const started = await Promise.allSettled([
    // The real Worker behind the D1 meter (bench/worker/), with the real config's bindings.
    serve("seatkeeper", { configPath: "./bench/worker/wrangler.toml", secrets: { ADMIN_TOKEN: adminToken } }),
    serve("baseline-constant", { configPath: "./bench/baselines/constant.toml" }),
    serve("baseline-d1", { configPath: "./bench/baselines/d1.toml" }),
  ]);
  const failure = started.find((result) => result.status === "rejected");
  if (failure) {
    await Promise.allSettled(started.map((result) => (result.status === "fulfilled" ? result.value.harness.close() : undefined)));
    throw failure.reason;
  }
  const [seatkeeper, constant, d1] = started.map((result) => (result as PromiseFulfilledResult<Served>).value) as [Served, Served, Served];
  await Promise.all([seatkeeper.harness.getWorker().applyD1Migrations("DB"), d1.harness.getWorker().applyD1Migrations("DB")]);
  const seatkeeperDb = (await seatkeeper.harness.getWorker<{ DB: SqlDb }>().getEnv()).DB;
  const baselineIds = await seedBaseline((await d1.harness.getWorker<{ DB: SqlDb }>().getEnv()).DB, rows);
  const close = async () => {
    await Promise.allSettled([seatkeeper, constant, d1].map((served) => served.harness.close()));
  };
  return { seatkeeper, constant, d1, adminToken, seatkeeperDb, baselineIds, close };
}

async function serve(name: string, worker: TestHarnessOptions["workers"][number]): Promise<Served> {
  const harness = createTestHarness({ workers: [worker] });
  const { url } = await harness.listen();
  if (url.hostname !== "127.0.0.1") throw new Error(`${name} listens on ${url.hostname}, not loopback`);
  return { name, base: url.origin, harness };
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
