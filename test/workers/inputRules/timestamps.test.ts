// A timestamp is read as UTC and stored as text that sorts in time order. An
// offset can carry a valid ISO 8601 value past 9999-12-31 (or before year 0)
// in UTC, where toISOString writes a six-digit year ("+010000-...") that sorts
// before every other: a seat event there was stored and then ignored by the
// balance, and a filter there matched nothing. Every route that reads a
// timestamp refuses one with 400, naming it ("Invalid ISO datetime"); the
// last instant in range is kept.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { call, expectJson } from "../helpers";
import { createWorld, expectRefusal, raw, type SurfaceName, type World } from "./fixtures";

const OUT_OF_RANGE = ["9999-12-31T23:00:00-02:00", "0000-01-01T00:30:00+01:00"];

/** [surface, path and query before the parameter, the parameter] */
const QUERIES: [Exclude<SurfaceName, "service">, string, string][] = [
  ["sequence", "/api/seat-events?", "eventTimestampBefore"],
  ["sequence", "/api/seat-events?", "eventTimestampAfter"],
  ["sequence", "/api/seat-balances?", "at"],
  ["sequence", "/api/events?", "from"],
  ["sequence", "/api/events?", "to"],
  ["datadog", "/api/v2/seats/users/ledger?", "filter[from]"],
  ["datadog", "/api/v2/seats/users/ledger?", "filter[to]"],
  ["seam", "/user_identities/list?", "created_before"],
];

let world: World;
beforeAll(async () => {
  world = await createWorld();
});

describe.each(QUERIES)("%s GET %s%s=", (surface, path, parameter) => {
  const query = (value: string) => `${path}${parameter}=${encodeURIComponent(value)}`;

  it("reads the last instant of year 9999 in UTC", async () => {
    await expectJson(await raw("GET", query("9999-12-31T23:59:59.999Z"), world.tenant.headers[surface]), 200);
  });

  it.each(OUT_OF_RANGE)("refuses %s, which is outside the years 0000 to 9999 in UTC", async (value) => {
    await expectRefusal(await raw("GET", query(value), world.tenant.headers[surface]), surface, parameter);
  });

  it("refuses a time without seconds (RFC 3339 has them), naming the parameter", async () => {
    await expectRefusal(await raw("GET", query("2024-07-30T12:00Z"), world.tenant.headers[surface]), surface, parameter);
  });
});

describe("POST /api/seat-events", () => {
  const post = (eventTimestamp: string) =>
    call("POST", "/api/seat-events", world.tenant.headers.sequence, { customerAlias: world.customerId, seatType: "apm", eventTimestamp, total: 7 });
  const storedEvents = () => env.DB.prepare("SELECT count(*) AS n FROM seat_events WHERE workspace_id = ?1").bind(world.tenant.workspaceId).first<number>("n");

  it.each(OUT_OF_RANGE)("refuses an eventTimestamp of %s and stores nothing", async (value) => {
    const before = await storedEvents();
    await expectRefusal(await post(value), "sequence", "eventTimestamp");
    expect(await storedEvents()).toBe(before);
  });

  it("keeps an eventTimestamp at the end of year 9999 given with an offset, in UTC", async () => {
    const created = await expectJson<{ eventTimestamp: string }>(await post("9999-12-31T23:00:00+01:00"), 201);
    expect(created.eventTimestamp).toBe("9999-12-31T22:00:00.000Z");
  });
});
