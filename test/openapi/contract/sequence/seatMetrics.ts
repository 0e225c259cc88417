import { createWorkspaceWithKey } from "../../../sdk/workspace";
import { credentials, send, type ContractCase } from "../../suite";
import { heldSeatMetric, seatMetric, unknownId } from "../fixtures";

const auth = credentials.sequence;

export const seatMetricCases: ContractCase[] = [
  {
    status: 201,
    name: "POST /api/seat-metrics with a cap",
    send: (key) => send("POST", "/api/seat-metrics", auth(key), { seatType: "admin", label: "Admin", maxSeats: 5 }),
  },
  { status: 400, name: "POST /api/seat-metrics with a bad seatType", send: (key) => send("POST", "/api/seat-metrics", auth(key), { seatType: "Admin", label: "A" }) },
  { status: 401, name: "POST /api/seat-metrics without credentials", send: () => send("POST", "/api/seat-metrics", {}, { seatType: "admin", label: "A" }) },
  {
    status: 403,
    name: "POST /api/seat-metrics with a read-only key",
    send: async () => send("POST", "/api/seat-metrics", auth(await createWorkspaceWithKey(["seat_metrics_read"])), { seatType: "admin", label: "A" }),
  },
  {
    status: 409,
    name: "POST /api/seat-metrics with a taken seatType",
    send: async (key) => {
      await seatMetric(key);
      return send("POST", "/api/seat-metrics", auth(key), { seatType: "admin", label: "Again" });
    },
  },
  {
    status: 413,
    name: "POST /api/seat-metrics with a body over 1 MiB",
    send: (key) => send("POST", "/api/seat-metrics", auth(key), { seatType: "admin", label: "A", description: "x".repeat(1024 * 1024) }),
  },
  {
    status: 415,
    name: "POST /api/seat-metrics with a form body",
    send: (key) => send("POST", "/api/seat-metrics", { ...auth(key), "content-type": "application/x-www-form-urlencoded" }, "seatType=admin"),
  },

  {
    status: 200,
    name: "GET /api/seat-metrics",
    send: async (key) => {
      await seatMetric(key, "admin");
      await seatMetric(key, "viewer", 3);
      return send("GET", "/api/seat-metrics?limit=1", auth(key));
    },
  },
  { status: 400, name: "GET /api/seat-metrics with limit=0", send: (key) => send("GET", "/api/seat-metrics?limit=0", auth(key)) },
  {
    status: 400,
    name: "GET /api/seat-metrics with an unknown Sequence-Version",
    send: (key) => send("GET", "/api/seat-metrics", { ...auth(key), "sequence-version": "1999-01-01" }),
  },

  { status: 200, name: "GET /api/seat-metrics/{id}", send: async (key) => send("GET", `/api/seat-metrics/${await seatMetric(key)}`, auth(key)) },
  { status: 404, name: "GET /api/seat-metrics/{id} of an unknown id", send: (key) => send("GET", `/api/seat-metrics/${unknownId}`, auth(key)) },

  {
    status: 200,
    name: "PUT /api/seat-metrics/{id}",
    send: async (key) => send("PUT", `/api/seat-metrics/${await seatMetric(key)}`, auth(key), { label: "Renamed", description: null, maxSeats: 2 }),
  },
  {
    status: 400,
    name: "PUT /api/seat-metrics/{id} changing seatType",
    send: async (key) => send("PUT", `/api/seat-metrics/${await seatMetric(key)}`, auth(key), { seatType: "viewer" }),
  },
  { status: 404, name: "PUT /api/seat-metrics/{id} of an unknown id", send: (key) => send("PUT", `/api/seat-metrics/${unknownId}`, auth(key), { label: "X" }) },
  {
    status: 409,
    name: "PUT /api/seat-metrics/{id} with maxSeats below the holders",
    send: async (key) => send("PUT", `/api/seat-metrics/${await heldSeatMetric(key)}`, auth(key), { maxSeats: 0 }),
  },

  { status: 200, name: "DELETE /api/seat-metrics/{id}", send: async (key) => send("DELETE", `/api/seat-metrics/${await seatMetric(key)}`, auth(key)) },
  { status: 404, name: "DELETE /api/seat-metrics/{id} of an unknown id", send: (key) => send("DELETE", `/api/seat-metrics/${unknownId}`, auth(key)) },
  {
    status: 409,
    name: "DELETE /api/seat-metrics/{id} while users hold its seats",
    send: async (key) => send("DELETE", `/api/seat-metrics/${await heldSeatMetric(key)}`, auth(key)),
  },
];
