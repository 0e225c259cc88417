/** Rows for issue 5: Datadog seat assignments, serialized per product code by a Durable Object. */
import type { Fixture } from "../fixture.ts";
import { TABLES, assign, clonePool, createSeatMetric, seatAssignment, templateUser } from "../makers.ts";
import { pick, type Scenario, type Step } from "./types.ts";

const ISSUE = 5;
const PATH = "/api/v2/seats/users";

/** A fresh product code and `count` fresh users of the fixture's workspace. */
async function codeAndUsers(fx: Fixture, count: number): Promise<{ code: string; users: string[] }> {
  const { seatType } = await createSeatMetric(fx);
  return { code: seatType, users: await clonePool(fx, TABLES.users, await templateUser(fx), count) };
}

/**
 * 64 clients, each assigning a user a seat of a product code and then
 * unassigning it; the product code of each cycle is one of `codes(fx)`.
 */
function contention(codes: (fx: Fixture) => string[]): (fx: Fixture) => Step[] {
  return (fx) => {
    const assignStep: Step = (n, cycle) => {
      cycle.user = pick(fx.users, n * 7919).id;
      cycle.code = pick(codes(fx), n);
      return { method: "POST", path: PATH, body: seatAssignment(String(cycle.code), [String(cycle.user)]) };
    };
    const unassignStep: Step = (_n, cycle) => ({ method: "DELETE", path: PATH, body: seatAssignment(String(cycle.code), [String(cycle.user)]) });
    return [assignStep, unassignStep];
  };
}

export const seats: Scenario[] = [
  {
    route: "POST /api/v2/seats/users",
    variant: "1 user",
    surface: "datadog",
    shape: "objectWrite",
    issue: ISSUE,
    workspace: "own",
    prepare: async (fx, count) => {
      const { code, users } = await codeAndUsers(fx, count);
      return (n) => ({ method: "POST", path: PATH, body: seatAssignment(code, [pick(users, n)]) });
    },
  },
  {
    route: "GET /api/v2/seats/users",
    variant: "page[limit]=100",
    surface: "datadog",
    shape: "list",
    issue: ISSUE,
    prepare: (fx) => () => ({ method: "GET", path: `${PATH}?product_code=${fx.listCode}&page%5Blimit%5D=100` }),
  },
  {
    route: "DELETE /api/v2/seats/users",
    variant: "1 user",
    surface: "datadog",
    shape: "objectWrite",
    issue: ISSUE,
    workspace: "own",
    amount: 2000,
    prepare: async (fx, count) => {
      const { code, users } = await codeAndUsers(fx, count);
      await assign(fx, code, users);
      return (n) => ({ method: "DELETE", path: PATH, body: seatAssignment(code, [pick(users, n)]) });
    },
  },
  {
    route: "POST /api/v2/seats/users",
    variant: "contention: 64 clients assign+unassign, 1 product code",
    surface: "datadog",
    issue: ISSUE,
    connections: 64,
    shape: "contention",
    minDuration: 3,
    cost: false,
    prepare: contention((fx) => fx.contentionCodes.slice(0, 1)),
  },
  {
    route: "POST /api/v2/seats/users",
    variant: "contention: 64 clients assign+unassign, 16 product codes",
    surface: "datadog",
    issue: ISSUE,
    connections: 64,
    shape: "spread",
    minDuration: 3,
    cost: false,
    prepare: contention((fx) => fx.contentionCodes),
  },
];
