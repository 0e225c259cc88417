import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { expect, it } from "vitest";

interface SchemaObject {
  type: string;
  name: string;
  tbl_name: string;
  sql: string | null;
}

async function schemaOf(db: D1Database): Promise<SchemaObject[]> {
  const { results } = await db
    .prepare(
      `SELECT type, name, tbl_name, sql FROM sqlite_master
        WHERE name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name NOT LIKE 'd1_%'
        ORDER BY type, name`,
    )
    .all<SchemaObject>();
  // Whitespace and comments differ between the two files; the statements must not.
  return results.map((object) => ({ ...object, sql: object.sql?.replace(/\s+/g, " ").trim() ?? null }));
}

it("schema.sql is exactly what the migrations build", async () => {
  await applyD1Migrations(env.SCHEMA_DB, env.TEST_SCHEMA, "schema_applied");
  const fromSchema = (await schemaOf(env.SCHEMA_DB)).filter((object) => object.name !== "schema_applied");
  const fromMigrations = await schemaOf(env.DB);
  expect(fromMigrations.length).toBeGreaterThan(0);
  expect(fromSchema).toEqual(fromMigrations);
});

/** Tables that hold no tenant's rows, and why. */
const WITHOUT_TENANT: Record<string, string> = {
  write_context: "who writes in the transaction under way (migration 0012); empty at every commit",
  departing_users: "a user's customer while the user's row is deleted (migration 0022); empty at every commit",
};

it("the database enforces tenancy and shape, not just the code", async () => {
  // Ordinary tables only: an FTS5 index (virtual) and its shadow tables hold
  // rowids of a table checked here, and are read only joined back to it.
  const { results } = await env.DB.prepare(
    "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name NOT LIKE 'd1_%' AND name <> 'workspaces'",
  ).all<{ name: string }>();
  expect(results.map((table) => table.name)).toContain("users");
  expect(results.map((table) => table.name)).toEqual(expect.arrayContaining(Object.keys(WITHOUT_TENANT)));
  for (const { name } of results.filter((table) => !(table.name in WITHOUT_TENANT))) {
    const columns = await env.DB.prepare(`SELECT name, "notnull" AS required FROM pragma_table_info(?1)`)
      .bind(name)
      .all<{ name: string; required: number }>();
    expect(columns.results, `${name} carries workspace_id`).toContainEqual({ name: "workspace_id", required: 1 });
  }
});
