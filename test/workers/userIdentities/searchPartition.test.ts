import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createTenant, expectJson, type Tenant } from "../helpers";
import { createUser, seam } from "../users";

/**
 * Each workspace's entries in users_search form one range of rowids, and
 * every value it indexes starts with the workspace's mark (migration 0009),
 * so a search can match NEAR(mark phrase) and stop at the end of its own
 * range. Searches read the mark from the same view (search_partitions) that
 * the index's triggers write it from.
 */

const workspaceRowid = async (tenant: Tenant) =>
  (await env.DB.prepare("SELECT rowid AS r FROM workspaces WHERE id = ?1").bind(tenant.workspaceId).first<{ r: number }>())!.r;
const markOf = async (tenant: Tenant) =>
  (await env.DB.prepare("SELECT mark FROM search_partitions WHERE workspace_id = ?1").bind(tenant.workspaceId).first<{ mark: string }>())!.mark;

/** Index entries under `query` (an FTS5 query) in the tenant's range. */
async function entries(tenant: Tenant, query: string): Promise<number> {
  const rowid = await workspaceRowid(tenant);
  const row = await env.DB.prepare(
    "SELECT count(*) AS n FROM users_search WHERE users_search MATCH ?1 AND rowid BETWEEN ?2 << 32 AND (?2 << 32) | 4294967295",
  )
    .bind(query, rowid)
    .first<{ n: number }>();
  return row!.n;
}

describe("the workspace's mark", () => {
  it("is three characters, one trigram, and its own for any rowid a partition can have", async () => {
    const rowids = [1, 4095, 4096, 4097 * 4096 + 1, 2 ** 31 - 1];
    const values = rowids.map((rowid, i) => `(${rowid}, 'mark-probe-${i}', 'Mark probe ${i}', '2026-01-01T00:00:00.000Z')`);
    await env.DB.prepare(`INSERT INTO workspaces (rowid, id, name, created_at) VALUES ${values.join(", ")}`).run();
    try {
      const { results } = await env.DB.prepare(
        "SELECT w.rowid AS rowid, p.mark FROM workspaces AS w JOIN search_partitions AS p ON p.workspace_id = w.id WHERE w.id LIKE 'mark-probe-%' ORDER BY w.rowid",
      ).all<{ rowid: number; mark: string }>();
      expect(results.map((row) => row.rowid)).toEqual(rowids);
      for (const { rowid, mark } of results) {
        expect([...mark], String(rowid)).toHaveLength(3);
      }
      expect(new Set(results.map((row) => row.mark)).size).toBe(rowids.length);
    } finally {
      await env.DB.prepare("DELETE FROM workspaces WHERE id LIKE 'mark-probe-%'").run();
    }
  });

  it("starts every value the workspace indexes, and no other workspace's", async () => {
    const [mine, theirs] = [await createTenant(), await createTenant()];
    const mark = await markOf(mine);
    const full = await createUser(mine, { full_name: "Shared Name", email_address: "shared@mark.test", user_identity_key: "shared_key" });
    await createUser(mine, { full_name: "Only A Name" });
    await createUser(theirs, { full_name: "Shared Name", email_address: "shared@mark.test" });

    // Every user of the workspace, once per row however many of its values are set.
    expect(await entries(mine, `"${mark}"`)).toBe(2);
    expect(await entries(theirs, `"${mark}"`)).toBe(0);
    expect(await entries(mine, `NEAR("${mark}" "shared", 1048576)`)).toBe(1);
    expect(await entries(theirs, `NEAR("${await markOf(theirs)}" "shared", 1048576)`)).toBe(1);

    // Updates and deletes take the marked values out again (FTS5 needs them exactly).
    await expectJson(await seam(mine, "/user_identities/update", { user_identity_id: full.user_identity_id, full_name: "Renamed" }), 200);
    expect(await entries(mine, `NEAR("${mark}" "renamed", 1048576)`)).toBe(1);
    expect(await entries(mine, `NEAR("${mark}" "shared name", 1048576)`)).toBe(0);
    await expectJson(await seam(mine, "/user_identities/delete", { user_identity_id: full.user_identity_id }), 200);
    expect(await entries(mine, `"${mark}"`)).toBe(1);
    await env.DB.prepare("INSERT INTO users_search (users_search, rank) VALUES ('integrity-check', 1)").run();
  });
});
