import { SeatAssignments } from "../../src/index";
import type { SeatChange } from "../../src/db/seatAssignments";
import type { SeatOutcome } from "../../src/objects/seatAssignments";
import { addCost, costSince, meteredDb, newMeter, type D1Cost, type D1Meter } from "./meter";

type SeatCall = "assign" | "unassign";

/** An operation's answer and the D1 work the object did while it ran. */
export interface MeteredOutcome {
  outcome: SeatOutcome;
  cost: D1Cost;
}

/**
 * The real SeatAssignments on a metered D1 binding, with one more RPC
 * method that runs assign or unassign and returns what the object's D1 did
 * meanwhile. The object's one batch serves a whole group of operations, so
 * the cost is exact for a call that ran alone (the bench's cost phase sends
 * one request at a time); calls in flight together would each count every
 * batch that ran while they waited.
 */
export class MeteredSeatAssignments extends SeatAssignments {
  readonly #meter: D1Meter;

  constructor(ctx: DurableObjectState, env: Env) {
    const meter = newMeter();
    super(ctx, { ...env, DB: meteredDb(env.DB, meter) });
    this.#meter = meter;
  }

  /** Runs `call` (assign or unassign) and reports the D1 work it cost. */
  async metered(call: SeatCall, change: SeatChange): Promise<MeteredOutcome> {
    const before = { ...this.#meter };
    const outcome = await this[call](change);
    return { outcome, cost: costSince(before, this.#meter) };
  }
}

/**
 * The object namespace as the Worker's code sees it, except that assign and
 * unassign on its stubs go through `metered` and add the object's D1 work
 * to the request's meter: the request is charged for the work it caused.
 */
export function meteredSeatObjects(namespace: DurableObjectNamespace<MeteredSeatAssignments>, meter: D1Meter): Env["SEAT_ASSIGNMENTS"] {
  const objects = new Proxy(namespace, {
    get(target, property) {
      if (property === "getByName") return (name: string) => meteredStub(target.getByName(name), meter);
      const value: unknown = Reflect.get(target, property);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return objects as unknown as Env["SEAT_ASSIGNMENTS"];
}

function meteredStub(stub: DurableObjectStub<MeteredSeatAssignments>, meter: D1Meter): DurableObjectStub<MeteredSeatAssignments> {
  return new Proxy(stub, {
    get(target, property) {
      if (property !== "assign" && property !== "unassign") return Reflect.get(target, property);
      return async (change: SeatChange) => {
        const { outcome, cost } = await target.metered(property, change);
        addCost(meter, cost);
        return outcome;
      };
    },
  });
}
