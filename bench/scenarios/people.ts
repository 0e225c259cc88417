/** Rows for issue 3: Seam user identities and Sendblue seats over one users table. */
import { TABLES, clonePool, templateUser, unique, uniquePhone } from "../makers.ts";
import { pick, type Scenario } from "./types.ts";

const ISSUE = 3;
const keyOf = (user: { key: string | null; id: string }) => user.key ?? user.id;
const emailOf = (user: { email: string | null }) => encodeURIComponent(user.email ?? "nobody@bench.test");

export const people: Scenario[] = [
  // Seam
  {
    route: "POST /user_identities/create",
    surface: "seam",
    issue: ISSUE,
    workspace: "own",
    prepare: () => (n) => {
      const key = unique(`bench_new_${n}`);
      return {
        method: "POST",
        path: "/user_identities/create",
        body: { user_identity_key: key, email_address: `${key}@bench.test`, phone_number: uniquePhone(), full_name: "Bench Person" },
      };
    },
  },
  {
    route: "GET /user_identities/get",
    variant: "by id, query",
    surface: "seam",
    issue: ISSUE,
    prepare: (fx) => (n) => ({ method: "GET", path: `/user_identities/get?user_identity_id=${pick(fx.users, n).id}` }),
  },
  {
    route: "POST /user_identities/get",
    variant: "by key, body",
    surface: "seam",
    shape: "read",
    issue: ISSUE,
    prepare: (fx) => (n) => ({ method: "POST", path: "/user_identities/get", body: { user_identity_key: keyOf(pick(fx.users, n)) } }),
  },
  {
    route: "GET /user_identities/list",
    variant: "limit=100",
    surface: "seam",
    shape: "list",
    issue: ISSUE,
    prepare: () => () => ({ method: "GET", path: "/user_identities/list?limit=100" }),
  },
  {
    route: "GET /user_identities/list",
    variant: "search",
    surface: "seam",
    shape: "list",
    issue: ISSUE,
    prepare: (fx) => (n) => ({ method: "GET", path: `/user_identities/list?limit=100&search=${encodeURIComponent(keyOf(pick(fx.users, n)))}` }),
  },
  {
    route: "GET /user_identities/list",
    variant: "search, 7 characters",
    surface: "seam",
    shape: "list",
    issue: ISSUE,
    // Seeded keys start with 'b' and a 13-digit clock: its last 7 digits are one user's (also in their phone and email).
    prepare: (fx) => (n) => ({ method: "GET", path: `/user_identities/list?limit=100&search=${encodeURIComponent(keyOf(pick(fx.users, n)).slice(7, 14))}` }),
  },
  {
    route: "POST /user_identities/update",
    surface: "seam",
    issue: ISSUE,
    prepare: (fx) => (n) => ({
      method: "POST",
      path: "/user_identities/update",
      body: { user_identity_id: pick(fx.users, n).id, full_name: `Bench Person ${n}` },
    }),
  },
  {
    route: "POST /user_identities/delete",
    surface: "seam",
    issue: ISSUE,
    workspace: "own",
    prepare: async (fx, count) => {
      const pool = await clonePool(fx, TABLES.users, await templateUser(fx), count);
      return (n) => ({ method: "POST", path: "/user_identities/delete", body: { user_identity_id: pick(pool, n) } });
    },
  },

  // Sendblue
  {
    route: "GET /api/v2/seats",
    variant: "limit=100",
    surface: "sendblue",
    shape: "list",
    issue: ISSUE,
    prepare: () => () => ({ method: "GET", path: "/api/v2/seats?limit=100" }),
  },
  {
    route: "GET /api/v2/seats",
    variant: "limit=100&offset=500",
    surface: "sendblue",
    shape: "list",
    issue: ISSUE,
    prepare: () => () => ({ method: "GET", path: "/api/v2/seats?limit=100&offset=500" }),
  },
  {
    route: "GET /api/v2/seats",
    variant: "email=",
    surface: "sendblue",
    shape: "list",
    issue: ISSUE,
    prepare: (fx) => (n) => ({ method: "GET", path: `/api/v2/seats?email=${emailOf(pick(fx.users, n))}` }),
  },
  {
    route: "GET /api/v2/seats/count",
    surface: "sendblue",
    issue: ISSUE,
    prepare: () => () => ({ method: "GET", path: "/api/v2/seats/count" }),
  },
  {
    route: "GET /api/v2/seats/count",
    variant: "email=",
    surface: "sendblue",
    issue: ISSUE,
    prepare: (fx) => (n) => ({ method: "GET", path: `/api/v2/seats/count?email=${emailOf(pick(fx.users, n))}` }),
  },
  {
    route: "GET /api/v2/seats/:seat_id",
    variant: "by id",
    surface: "sendblue",
    issue: ISSUE,
    prepare: (fx) => (n) => ({ method: "GET", path: `/api/v2/seats/${pick(fx.users, n).id}` }),
  },
  {
    route: "GET /api/v2/seats/:seat_id",
    variant: "by auth subject",
    surface: "sendblue",
    issue: ISSUE,
    prepare: (fx) => (n) => ({ method: "GET", path: `/api/v2/seats/${encodeURIComponent(keyOf(pick(fx.users, n)))}` }),
  },
];
