/** The "harness" mode: a Worker served by wrangler's test harness, as `wrangler dev` serves it (dev proxy in front). */
import { createTestHarness } from "wrangler";
import type { SqlDb } from "./seed.ts";
import type { Serving, WorkerConfig } from "./servers.ts";

export async function serveWithHarness(worker: WorkerConfig): Promise<Serving> {
  const harness = createTestHarness({ workers: [worker] });
  const { url } = await harness.listen();
  return {
    base: url.origin,
    db: async () => (await harness.getWorker<{ DB: SqlDb }>().getEnv()).DB,
    migrate: () => harness.getWorker().applyD1Migrations("DB"),
    close: () => harness.close(),
  };
}
