import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

// The Worker's ADMIN_TOKEN in tests; set in process.env too so wrangler does not warn it is missing.
process.env.ADMIN_TOKEN ??= "test-admin-token";

export default defineConfig(async () => {
  const migrations = await readD1Migrations("./migrations");
  // schema.sql read as one "migration", applied to a spare database to prove it matches migrations/.
  const schema = await readD1Migrations({ migrationsDir: ".", migrationsPattern: "schema.sql" });
  return {
    test: {
      projects: [
        {
          extends: true,
          plugins: [
            cloudflareTest({
              wrangler: { configPath: "./wrangler.toml" },
              miniflare: {
                // PUBLIC_URL: the origin the tests call (test/workers/helpers.ts BASE).
                bindings: {
                  ADMIN_TOKEN: "test-admin-token",
                  PUBLIC_URL: "https://seatkeeper.test",
                  TEST_MIGRATIONS: migrations,
                  TEST_SCHEMA: schema,
                },
                d1Databases: { SCHEMA_DB: "schema-check" },
              },
            }),
          ],
          test: {
            name: "workers",
            include: ["test/workers/**/*.test.ts"],
            setupFiles: ["./test/workers/apply-migrations.ts"],
          },
        },
        {
          // In Node, against the Worker served locally with its static assets: the vendors'
          // official SDKs (test/sdk), and the OpenAPI document's validation, response contracts
          // and the /docs browser test (test/openapi), which need ajv (no `new Function` in workerd);
          // and the benchmark's own arithmetic (test/bench).
          test: {
            name: "node",
            environment: "node",
            include: ["test/sdk/**/*.test.ts", "test/openapi/**/*.test.ts", "test/bench/**/*.test.ts"],
            globalSetup: ["./test/sdk/global-setup.ts"],
            testTimeout: 30_000,
            hookTimeout: 60_000,
          },
        },
      ],
    },
  };
});
