// The Node project's one harness: serves the Worker locally on workerd
// (wrangler's test harness, real local D1 and Durable Objects, static assets)
// for the SDK tests (test/sdk) and the OpenAPI, contract and browser tests
// (test/openapi), which run in Node as users' code and browsers do.
import { createTestHarness } from "wrangler";
import type { TestProject } from "vitest/node";

export const ADMIN_TOKEN = "sdk-admin-token";

export default async function setup(project: TestProject) {
  const worker = { configPath: "./wrangler.toml", secrets: { ADMIN_TOKEN } };
  const server = createTestHarness({ workers: [worker] });
  const { url } = await server.listen();
  // The port is known only once it listens: PUBLIC_URL (Seam's next_page_url) is the served origin.
  await server.update({ workers: [{ ...worker, vars: { PUBLIC_URL: url.origin, WEBHOOK_RETRY_DELAYS: "0" } }] });
  await server.getWorker().applyD1Migrations("DB");
  project.provide("baseUrl", url.origin);
  project.provide("adminToken", ADMIN_TOKEN);
  return () => server.close();
}

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    adminToken: string;
  }
}
