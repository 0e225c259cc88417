import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { SCAN_WINDOW } from "../../../src/db/search/listUsers";
import { SEARCH_CANDIDATES } from "../../../src/db/search/trigramIndex";
import { createTenant, expectJson } from "../helpers";
import { seededCreatedAt, seededUser, seedUsers } from "../seed";
import { createUser, seam } from "../users";
import { bruteForce, query, walk } from "./searchWalk";

/**
 * The list's `search` has three paths (src/db/search/listUsers.ts): the trigram
 * index for terms of 3+ characters, and a bounded scan for shorter terms and
 * for terms with more than SEARCH_CANDIDATES hits. Each must answer exactly
 * what a plain substring scan answers, page after page.
 */

describe("search through the trigram index (3+ characters)", () => {
  it("answers exactly what a substring scan answers, across pages and case", async () => {
    const tenant = await createTenant();
    await seedUsers(tenant.workspaceId, "idx", 300);
    for (const search of ["idx_00012", "IDX.00029@cost", "+100000001", "person 0001", "son 00", "Cost.Test", "nobody"]) {
      const expected = await bruteForce(tenant.workspaceId, search);
      const walked = await walk(tenant, query(search), 7);
      expect(walked.ids, search).toEqual(expected);
      expect(walked.shortPages, search).toBe(0);
    }
  });

  // Seam: search is "a partial match using full_name, phone_number, email_address or user_identity_id";
  // the id matches from its start (docs/people-and-search.md).
  it("matches the start of user_identity_id, whole or in part and in any case, on every path", async () => {
    const tenant = await createTenant();
    await seedUsers(tenant.workspaceId, "ids", 120);
    const { results } = await env.DB.prepare("SELECT id FROM users WHERE workspace_id = ?1 ORDER BY id").bind(tenant.workspaceId).all<{ id: string }>();
    const id = results[60]!.id;
    // Whole (36 characters: a rare window), 13, 6 and 2 characters (the scan), in upper case, and a prefix many share.
    for (const search of [id, id.slice(0, 13), id.slice(0, 6).toUpperCase(), id.slice(0, 2), results[0]!.id.slice(0, 9)]) {
      const expected = await bruteForce(tenant.workspaceId, search);
      expect(expected.length, search).toBeGreaterThan(0);
      expect((await walk(tenant, query(search), 7)).ids, search).toEqual(expected);
    }
    expect(await bruteForce(tenant.workspaceId, id)).toEqual([id]);
    // Only from its start: the id's end names no one.
    expect((await walk(tenant, query(id.slice(-12)), 7)).ids).toEqual([]);
  });

  it("ignores the case of ASCII letters on both paths, as SQLite's lower() does", async () => {
    const tenant = await createTenant();
    const user = await createUser(tenant, { full_name: "Zoë ÜNAL" });
    for (const search of ["zoë", "ZOë", "ÜNAL", "Ünal", "Ün", "zO"]) {
      expect((await walk(tenant, query(search), 10)).ids, search).toEqual([user.user_identity_id]);
    }
    // Other letters keep their case: a term says what it means, on every path.
    for (const search of ["ZOË", "ünal", "ün"]) expect((await walk(tenant, query(search), 10)).ids, search).toEqual([]);
  });

  it("takes quotes and FTS syntax in the term literally", async () => {
    const tenant = await createTenant();
    const quoted = await createUser(tenant, { full_name: 'Ada "The Countess" Lovelace' });
    const starred = await createUser(tenant, { user_identity_key: "a*b OR c:d" });
    await createUser(tenant, { full_name: "Ada Byron" });
    expect((await walk(tenant, query('"the countess"'), 10)).ids).toEqual([quoted.user_identity_id]);
    expect((await walk(tenant, query("*b OR c:"), 10)).ids).toEqual([starred.user_identity_id]);
    expect((await walk(tenant, query('"'), 10)).ids).toEqual([quoted.user_identity_id]);
  });

  it("follows creates, updates and deletes", async () => {
    const tenant = await createTenant();
    const user = await createUser(tenant, { full_name: "Grace Hopper", email_address: "grace@navy.test" });
    const found = async (search: string) => (await walk(tenant, query(search), 10)).ids;
    expect(await found("hopper")).toEqual([user.user_identity_id]);

    await expectJson(await seam(tenant, "/user_identities/update", { user_identity_id: user.user_identity_id, full_name: "Grace Murray" }), 200);
    expect(await found("hopper")).toEqual([]);
    expect(await found("murray")).toEqual([user.user_identity_id]);
    // A change of case only (the email column ignores case) is still found either way.
    await expectJson(await seam(tenant, "/user_identities/update", { user_identity_id: user.user_identity_id, email_address: "GRACE@navy.test" }), 200);
    expect(await found("grace@navy")).toEqual([user.user_identity_id]);
    await expectJson(await seam(tenant, "/user_identities/update", { user_identity_id: user.user_identity_id, email_address: null }), 200);
    expect(await found("navy")).toEqual([]);

    // The workspace's own range of the index (migration 0008) holds the user's entry, then none.
    const entries = async () =>
      (await env.DB.prepare(
        `SELECT count(*) AS n FROM users_search WHERE users_search MATCH '"murray" OR "grace"'
            AND rowid BETWEEN (SELECT rowid << 32 FROM workspaces WHERE id = ?1) AND (SELECT (rowid << 32) | 4294967295 FROM workspaces WHERE id = ?1)`,
      )
        .bind(tenant.workspaceId)
        .first<{ n: number }>())!.n;
    expect(await entries()).toBe(1);
    await expectJson(await seam(tenant, "/user_identities/delete", { user_identity_id: user.user_identity_id }), 200);
    expect(await found("murray")).toEqual([]);
    expect(await entries()).toBe(0);
    // FTS5 raises an error if the deletes left the index malformed.
    await env.DB.prepare("INSERT INTO users_search (users_search, rank) VALUES ('integrity-check', 1)").run();
  });

  it("never returns another workspace's users, though the index is shared", async () => {
    const [mine, theirs] = [await createTenant(), await createTenant()];
    const own = await createUser(mine, { full_name: "Shared Name" });
    await createUser(theirs, { full_name: "Shared Name" });
    expect((await walk(mine, query("shared name"), 10)).ids).toEqual([own.user_identity_id]);
  });

  it("combines with created_before and user_identity_ids", async () => {
    const tenant = await createTenant();
    await seedUsers(tenant.workspaceId, "mix", 50);
    const before = encodeURIComponent(seededCreatedAt(20));
    const walked = await walk(tenant, `${query("mix_0000")}&created_before=${before}`, 4);
    expect(walked.ids).toEqual([...Array(19).keys()].map((i) => seededUser("mix", i + 1).id));
    const chosen = [3, 12, 44].map((n) => seededUser("mix", n).id);
    const byIds = await walk(tenant, `${query("mix_00001")}&${chosen.map((id) => `user_identity_ids=${id}`).join("&")}`, 10);
    expect(byIds.ids).toEqual([chosen[1]]);
  });
});

describe("search by a bounded scan", () => {
  it("serves terms shorter than 3 characters window by window, and the walk finds every match", async () => {
    const tenant = await createTenant();
    await seedUsers(tenant.workspaceId, "short", 2 * SCAN_WINDOW + 100);
    const last = await createUser(tenant, { full_name: "Xy Zq" });
    // "77" is sparse in this table, "1" is everywhere, "zq" only in the last user.
    for (const search of ["77", "1", "zQ", "qq"]) {
      const walked = await walk(tenant, query(search), 500);
      expect(walked.ids, search).toEqual(await bruteForce(tenant.workspaceId, search));
    }
    // The rare term: two windows with nothing in them say there is more, the third finds it.
    const rare = await walk(tenant, query("zq"), 500);
    expect(rare).toEqual({ ids: [last.user_identity_id], pages: 3, shortPages: 2 });
  });

  // What the Seam SDK's list() shows is the first page alone.
  it("fills the first page with a rare short term's matches when the workspace is within one window", async () => {
    const tenant = await createTenant();
    await seedUsers(tenant.workspaceId, "common", 1_100);
    const special = [];
    for (let n = 1; n <= 5; n++) special.push((await createUser(tenant, { full_name: `Zed Special ${n}` })).user_identity_id);
    const page = await expectJson(await seam(tenant, "/user_identities/list", { search: "Sp", limit: 100 }), 200);
    expect(page.user_identities.map((user: { user_identity_id: string }) => user.user_identity_id)).toEqual(special);
    expect(page.pagination.has_next_page).toBe(false);
  });

  it(`serves terms with more than ${SEARCH_CANDIDATES} index hits the same way`, async () => {
    const [tenant, other] = [await createTenant(), await createTenant()];
    await seedUsers(tenant.workspaceId, "few", 30);
    // Another workspace makes the term common in the shared index.
    await seedUsers(other.workspaceId, "many", SEARCH_CANDIDATES + 10);
    const walked = await walk(tenant, query("cost.test"), 20);
    expect(walked.ids).toEqual(await bruteForce(tenant.workspaceId, "cost.test"));
    expect(walked.ids).toHaveLength(30);
  });
});
