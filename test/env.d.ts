import type { D1Migration } from "cloudflare:test";

declare global {
  namespace Cloudflare {
    interface Env {
      TEST_MIGRATIONS: D1Migration[];
      TEST_SCHEMA: D1Migration[];
      SCHEMA_DB: D1Database;
      MIGRATION_DB: D1Database;
    }
  }
}
