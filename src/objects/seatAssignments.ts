import { DurableObject } from "cloudflare:workers";
import { assignSeats, MAX_USER_IDS, unassignSeats, type SeatChange, type SeatChangeResult } from "../db/seatAssignments";
import { meteredDb, newMeter, type D1Meter } from "../db/meter";
import { checkIdentity, migrate, pinIdentity, readJournal, record, type JournalEntry } from "./journal";

/**
 * What assign and unassign answer: the change (or refusal) and its place in
 * the object's journal (0 when the product code does not exist: not journaled).
 */
export type SeatOutcome = SeatChangeResult & {
  seq: number;
  /** The operation's own D1 cost, only when the caller asked for it (the bench's meter). */
  d1?: Pick<D1Meter, "queries" | "rowsRead" | "rowsWritten">;
};

/** How a caller wants an operation run. */
export interface SeatCallOptions {
  /** Report the operation's D1 rows read and written (the caller's binding is metered). */
  meterD1?: boolean;
}

/**
 * The single writer of one product code's seat assignments in one workspace,
 * addressed by the name `${workspaceId}:${productCode}` (see seatsOf).
 *
 * The truth lives in D1. Awaiting D1 opens the input gate, so without help
 * two calls could interleave inside the object; every operation therefore
 * runs in a promise-chain queue, one at a time, in arrival order. Each
 * operation is ONE D1 batch that checks and writes together, so D1 also
 * stays right against writers outside this object (user deletion cascades).
 */
export class SeatAssignments extends DurableObject<Env> {
  /** The end of the queue: resolves when the last queued operation settles. */
  #tail: Promise<unknown> = Promise.resolve();

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    // Local storage only, no I/O: the one place blockConcurrencyWhile belongs.
    void ctx.blockConcurrencyWhile(async () => migrate(ctx.storage));
  }

  /** Seats every listed user who has no seat yet; all or nothing. */
  assign(change: SeatChange, options: SeatCallOptions = {}): Promise<SeatOutcome> {
    return this.#serially(() => this.#apply("assign", change, options));
  }

  /** Takes the seat from every listed user who holds one; all or nothing. */
  unassign(change: SeatChange, options: SeatCallOptions = {}): Promise<SeatOutcome> {
    return this.#serially(() => this.#apply("unassign", change, options));
  }

  /** The applied operations after `afterSeq`, in the order they were applied. */
  journal(afterSeq = 0, limit = 1000): JournalEntry[] {
    return readJournal(this.ctx.storage.sql, afterSeq, limit);
  }

  #serially<T>(operation: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(operation);
    // A failed operation must not block the ones queued behind it.
    this.#tail = result.catch(() => undefined);
    return result;
  }

  async #apply(kind: "assign" | "unassign", change: SeatChange, options: SeatCallOptions): Promise<SeatOutcome> {
    if (change.userIds.length === 0 || change.userIds.length > MAX_USER_IDS) {
      throw new RangeError(`A seat change names 1 to ${MAX_USER_IDS} users, not ${change.userIds.length}`);
    }
    const { sql } = this.ctx.storage;
    checkIdentity(sql, change);
    const distinct = { ...change, userIds: [...new Set(change.userIds)] };
    const meter = options.meterD1 ? newMeter() : undefined;
    const db = meter ? meteredDb(this.env.DB, meter) : this.env.DB;
    const result = await (kind === "assign" ? assignSeats : unassignSeats)(db, distinct);
    const d1 = meter && { queries: meter.queries, rowsRead: meter.rowsRead, rowsWritten: meter.rowsWritten };
    // A call for a product code that does not exist touched nothing: keep no
    // trace of it, so calls for made-up codes leave no storage behind.
    if (!result.ok && result.reason.kind === "unknown_product_code") return { ...result, seq: 0, ...(d1 && { d1 }) };
    // Written in the same synchronous step as the answer: the output gate
    // holds the answer until this record is durable.
    pinIdentity(sql, change);
    const seq = record(sql, {
      kind,
      userIds: distinct.userIds,
      changed: result.ok ? result.changed : [],
      refusal: result.ok ? null : result.reason,
    });
    return { ...result, seq, ...(d1 && { d1 }) };
  }
}

/** The stub of the object that serializes this product code's seats in this workspace. */
export function seatsOf(env: Env, workspaceId: string, productCode: string): DurableObjectStub<SeatAssignments> {
  return env.SEAT_ASSIGNMENTS.getByName(`${workspaceId}:${productCode}`);
}
