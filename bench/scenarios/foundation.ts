/** Rows for the endpoints on main today: health, admin, Sequence seat metrics. */
import { TABLES, clonePool, createSeatMetric, unique } from "../makers.ts";
import { pick, type Scenario } from "./types.ts";

export const foundation: Scenario[] = [
  {
    route: "GET /health",
    surface: "none",
    shape: "health",
    cost: false,
    prepare: () => () => ({ method: "GET", path: "/health" }),
  },
  {
    route: "POST /admin/workspaces",
    surface: "admin",
    prepare: () => () => ({ method: "POST", path: "/admin/workspaces", body: { name: unique("bench_ws") } }),
  },
  {
    route: "GET /admin/workspaces",
    variant: "name=",
    surface: "admin",
    shape: "list",
    prepare: (fx) => () => ({ method: "GET", path: `/admin/workspaces?name=${encodeURIComponent(fx.tenant.workspaceName)}` }),
  },
  {
    route: "GET /admin/workspaces/:id",
    surface: "admin",
    prepare: (fx) => () => ({ method: "GET", path: `/admin/workspaces/${fx.tenant.workspaceId}` }),
  },
  {
    route: "GET /admin/workspaces/:id/api-keys",
    surface: "admin",
    shape: "list",
    prepare: (fx) => () => ({ method: "GET", path: `/admin/workspaces/${fx.tenant.workspaceId}/api-keys` }),
  },
  {
    route: "POST /admin/workspaces/:id/api-keys",
    surface: "admin",
    workspace: "own",
    prepare: (fx) => () => ({ method: "POST", path: `/admin/workspaces/${fx.tenant.workspaceId}/api-keys`, body: { label: "bench" } }),
  },
  {
    route: "DELETE /admin/api-keys/:id",
    surface: "admin",
    workspace: "own",
    prepare: async (fx, count) => {
      const keys = await clonePool(fx, TABLES.apiKeys, fx.tenant.keyId, count);
      return (n) => ({ method: "DELETE", path: `/admin/api-keys/${pick(keys, n)}` });
    },
  },
  {
    route: "POST /api/seat-metrics",
    surface: "sequence",
    workspace: "own",
    prepare: () => (n) => ({ method: "POST", path: "/api/seat-metrics", body: { seatType: unique(`seat_${n}`), label: "Bench seat" } }),
  },
  {
    route: "GET /api/seat-metrics",
    surface: "sequence",
    shape: "list",
    prepare: () => () => ({ method: "GET", path: "/api/seat-metrics" }),
  },
  {
    route: "GET /api/seat-metrics",
    variant: "limit=100",
    surface: "sequence",
    shape: "list",
    prepare: () => () => ({ method: "GET", path: "/api/seat-metrics?limit=100" }),
  },
  {
    route: "GET /api/seat-metrics",
    variant: "after=<cursor>",
    surface: "sequence",
    shape: "list",
    prepare: (fx) => (n) => ({ method: "GET", path: `/api/seat-metrics?after=${pick(fx.seatMetrics, n).id}` }),
  },
  {
    route: "GET /api/seat-metrics/:id",
    surface: "sequence",
    prepare: (fx) => (n) => ({ method: "GET", path: `/api/seat-metrics/${pick(fx.seatMetrics, n).id}` }),
  },
  {
    route: "PUT /api/seat-metrics/:id",
    surface: "sequence",
    prepare: (fx) => (n) => ({
      method: "PUT",
      path: `/api/seat-metrics/${pick(fx.seatMetrics, n).id}`,
      body: { label: `Bench seat ${n}`, description: "Updated by the bench" },
    }),
  },
  {
    route: "DELETE /api/seat-metrics/:id",
    surface: "sequence",
    workspace: "own",
    prepare: async (fx, count) => {
      const pool = await clonePool(fx, TABLES.seatMetrics, (await createSeatMetric(fx)).id, count);
      return (n) => ({ method: "DELETE", path: `/api/seat-metrics/${pick(pool, n)}` });
    },
  },
];
