import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

// The Worker's ADMIN_TOKEN in tests; set in process.env too so wrangler does not warn it is missing.
process.env.ADMIN_TOKEN ??= "test-admin-token";

export default defineConfig(async () => {
  const migrations = await readD1Migrations("./migrations");
  // schema.sql read as one "migration", applied to a spare database to prove it matches migrations/.
  const schema = await readD1Migrations({ migrationsDir: ".", migrationsPattern: "schema.sql" });
  // Tests inside workerd, on the Worker of `configPath`, with real local D1 and Durable Objects.
  const workersProject = (name: string, configPath: string, include: string[], limits?: { limit: number; period: 10 | 60 }) => ({
    extends: true as const,
    plugins: [
      cloudflareTest({
        wrangler: { configPath },
        // The source itself, not wrangler.toml's main (.build/src, the copy [build] writes with the SQL
        // folded: scripts/build-worker.mjs), so that a test always runs what src/ holds now.
        ...(configPath === "./wrangler.toml" && { main: "./src/index.ts" }),
        miniflare: {
          // PUBLIC_URL: the origin the tests call (test/workers/helpers.ts BASE).
          bindings: {
            ADMIN_TOKEN: "test-admin-token",
            PUBLIC_URL: "https://seatkeeper.test",
            TEST_MIGRATIONS: migrations,
            TEST_SCHEMA: schema,
            ...(limits && { RATE_LIMIT_REQUESTS: limits.limit, RATE_LIMIT_PERIOD_SECONDS: limits.period }),
            // Webhook retries without the ~3-day schedule (src/events/delivery.ts).
            WEBHOOK_RETRY_DELAYS: "0",
          },
          // exports.default.queue(...) for the webhook consumer's tests (platform brief §2).
          compatibilityFlags: ["service_binding_extra_handlers"],
          // Spare databases: schema.sql applied alone; the migrations applied around rows of an older shape.
          d1Databases: { SCHEMA_DB: "schema-check", MIGRATION_DB: "migration-check" },
          // A small rate limit, for the project that reaches it (the others keep wrangler.toml's).
          ...(limits && { ratelimits: { RATE_LIMITER: { namespace_id: "1001", simple: limits } } }),
        },
      }),
    ],
    test: { name, include, setupFiles: ["./test/workers/apply-migrations.ts"] },
  });
  return {
    // The route table's docs, which the Worker's build drops (wrangler.toml [define]): the workers
    // project builds the document from them (test/workers/openapi/).
    define: { DOCUMENTED: "true" },
    test: {
      // Every request logs one JSON line (src/http/requestLog.ts); tests that check them spy on
      // console.log. Printed for every request of every test, they would bury the report.
      onConsoleLog: (log: string) => !log.trimStart().startsWith('{"request_id":'),
      projects: [
        workersProject("workers", "./wrangler.toml", ["test/workers/**/*.test.ts"]),
        // Per-key rate limits reached: the same Worker with a limit of 5 requests per 60 s.
        workersProject("limits", "./wrangler.toml", ["test/limits/**/*.test.ts"], { limit: 5, period: 60 }),
        // The D1 meter and the cost per request, against the bench's Worker (bench/worker/).
        workersProject("bench", "./bench/worker/wrangler.toml", ["test/bench/worker/**/*.test.ts"]),
        {
          // In Node, against the Worker served locally with its static assets: the vendors'
          // official SDKs (test/sdk), and the OpenAPI document's validation, response contracts
          // and the /docs browser test (test/openapi), which need ajv (no `new Function` in workerd);
          // the benchmark's own arithmetic and config (test/bench/*.test.ts); and the import
          // direction of src/ (test/node).
          test: {
            name: "node",
            environment: "node",
            include: ["test/sdk/**/*.test.ts", "test/openapi/**/*.test.ts", "test/bench/*.test.ts", "test/node/**/*.test.ts"],
            globalSetup: ["./test/sdk/global-setup.ts"],
            testTimeout: 30_000,
            hookTimeout: 60_000,
          },
        },
      ],
    },
  };
});
