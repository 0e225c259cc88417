import { describe, expect, it } from "vitest";
import { SEARCH_CANDIDATES, WINDOW_HITS, windowsOf } from "../../../src/db/search/trigramIndex";
import { createTenant } from "../helpers";
import { seededUser, seedUsers } from "../seed";
import { createUser } from "../users";
import { bruteForce, query, walk } from "./searchWalk";

/**
 * A term longer than a window is looked up by its first window (slice) with
 * fewer than WINDOW_HITS index hits, else by the whole term (see windowsOf
 * in src/db/search/listUsers.ts). A window's hits hold rows that have the window
 * but not the term: the exact rule must remove them, so every answer here is
 * compared with a plain substring scan.
 */

describe("windowsOf", () => {
  it("gives no window for a term of up to 8 characters", () => {
    expect(windowsOf("abc")).toEqual([]);
    expect(windowsOf("abcdefgh")).toEqual([]);
  });

  it("slices a longer term from start to end, 6 apart, the last flush with the end", () => {
    expect(windowsOf("abcdefghi")).toEqual(["abcdefgh", "bcdefghi"]);
    expect(windowsOf("0123456789abcdefghij")).toEqual(["01234567", "6789abcd", "cdefghij"]);
  });

  it("keeps to 8 windows however long the term, still covering both ends", () => {
    const term = "x".repeat(100) + "END";
    const windows = windowsOf(term);
    expect(windows).toHaveLength(8);
    expect(windows.at(-1)).toBe("xxxxxEND");
  });

  it("counts characters, not UTF-16 units: no window splits an emoji", () => {
    const windows = windowsOf("ab😀cdefgh😀ij");
    expect(windows).toEqual(["ab😀cdefg", "defgh😀ij"]);
    for (const window of windows) expect(window.isWellFormed(), window).toBe(true);
  });
});

describe("search by a window of a long term", () => {
  it("finds a term through its rare middle and drops rows that hold only the window", async () => {
    const tenant = await createTenant();
    // The term's first and last windows are common (more than WINDOW_HITS users hold them) ...
    for (let i = 0; i < WINDOW_HITS + 2; i++) await createUser(tenant, { full_name: `Shared Prefix ${i} Shared Suffix` });
    const term = "Shared Prefix ZQXW Shared Suffix";
    // ... its third window is rare, and held by a user who does not hold the term.
    expect(windowsOf(term)[2]).toBe("x ZQXW S");
    const exact = await createUser(tenant, { full_name: term });
    await createUser(tenant, { full_name: "Fix ZQXW Someone" });
    expect((await walk(tenant, query(term), 10)).ids).toEqual([exact.user_identity_id]);
    expect((await walk(tenant, query(term.toUpperCase()), 10)).ids).toEqual([exact.user_identity_id]);
    expect((await walk(tenant, query("Shared Prefix ZQXW Shared Suffix!"), 10)).ids).toEqual([]);
  });

  it("takes quotes and FTS syntax in long terms literally", async () => {
    const tenant = await createTenant();
    const quoted = await createUser(tenant, { full_name: 'Ada "The Countess" Lovelace NEAR(x y)' });
    const starred = await createUser(tenant, { user_identity_key: 'key*with"quote" OR col:x^' });
    for (const search of ['"The Countess" Lovelace', 'Countess" Lovelace NEAR(x', "NEAR(x y)", 'a "the countess"']) {
      expect((await walk(tenant, query(search), 10)).ids, search).toEqual([quoted.user_identity_id]);
    }
    for (const search of ['key*with"quote" OR', 'h"quote" OR col:x^', '"quote" OR col']) {
      expect((await walk(tenant, query(search), 10)).ids, search).toEqual([starred.user_identity_id]);
    }
  });

  it("matches unicode as the exact rule does: ASCII letters fold, others as written", async () => {
    const tenant = await createTenant();
    const user = await createUser(tenant, { full_name: "Zoë Ünal-Straße 東京都 😀 Ångström" });
    for (const search of ["zoë Ünal-straße", "ZOë Ünal-STRAßE 東京", "東京都 😀 Ångström", "aße 東京都 😀 Å", "ße 東京都 😀 Ång"]) {
      expect((await walk(tenant, query(search), 10)).ids, search).toEqual([user.user_identity_id]);
    }
    // The index folds every letter, so these windows hit the user; the exact rule says no.
    for (const search of ["zoë ünal-straße", "東京都 😀 ångström", "ZOË ÜNAL-STRASSE"]) {
      expect((await walk(tenant, query(search), 10)).ids, search).toEqual([]);
    }
  });

  it(`falls back to the bounded scan when no window is rare and the term has more than ${SEARCH_CANDIDATES} hits`, async () => {
    const tenant = await createTenant();
    await seedUsers(tenant.workspaceId, "many", SEARCH_CANDIDATES + 10);
    for (const search of ["0@Cost.Test", "Person 0000"]) {
      const walked = await walk(tenant, query(search), 7);
      expect(walked.ids, search).toEqual(await bruteForce(tenant.workspaceId, search));
      expect(walked.ids.length, search).toBeGreaterThan(0);
    }
  });

  it("answers exactly what a substring scan answers, for slices of every length of a mixed data set", async () => {
    const tenant = await createTenant();
    await seedUsers(tenant.workspaceId, "mixed", 150);
    const names = ["Grace Brewster Murray Hopper", "Ada King, Countess of Lovelace", "Émilie du Châtelet", "Hedy Lamarr", "Grace Hopper II"];
    for (const [i, full_name] of names.entries()) {
      const first = full_name.split(" ")[0]!.normalize("NFD").replace(/[^A-Za-z]/g, "").toLowerCase();
      await createUser(tenant, { full_name, email_address: `${first}.${i}@Example.Org`, user_identity_key: `hand_made_key_${i}_${full_name.length}` });
    }
    const values = [...names, "grace.0@Example.Org", "hand_made_key_3_11", seededUser("mixed", 42).email, seededUser("mixed", 117).name];
    const terms = new Set<string>();
    for (const value of values) {
      for (const length of [3, 8, 9, 12, 15, 20, 30]) {
        for (const start of [0, Math.floor((value.length - length) / 2), value.length - length]) {
          if (start >= 0 && start + length <= value.length) terms.add(value.slice(start, start + length));
        }
      }
    }
    terms.add("Grace Hopper").add("GRACE BREWSTER").add("person 00011").add("Cost.Test Person").add("zz no one has this zz");
    for (const search of terms) {
      expect((await walk(tenant, query(search), 25)).ids, search).toEqual(await bruteForce(tenant.workspaceId, search));
    }
  }, 60_000);
});
