import { DurableObject } from "cloudflare:workers";
import {
  applySeatOperations,
  MAX_USER_IDS,
  type AppliedSeatOperation,
  type SeatChange,
  type SeatChangeResult,
  type SeatOperation,
  type SeatRefusal,
} from "../db/seatAssignments";
import type { D1Cost } from "../db/meter";
import { GroupQueue } from "./groupQueue";
import {
  checkIdentity,
  migrate,
  pinIdentity,
  pruneJournal,
  readIdentity,
  readJournal,
  record,
  type Identity,
  type JournalEntry,
} from "./journal";

/**
 * What assign and unassign answer: the change (or refusal) and its place in
 * the object's journal (0 when the product code does not exist: not journaled).
 */
export type SeatOutcome = SeatChangeResult & {
  seq: number;
  /** The operation's own D1 cost, only when the caller asked for it (the bench's meter). */
  d1?: D1Cost;
};

/** How a caller wants an operation run. */
export interface SeatCallOptions {
  /** Report the operation's D1 rows read and written (the caller's binding is metered). */
  meterD1?: boolean;
}

/** Operations one D1 batch applies at most: 2 statements each, within D1's per-invocation query budget. */
export const MAX_GROUP_OPERATIONS = 16;
/** User ids one batch names at most (a single operation may name MAX_USER_IDS). */
const MAX_GROUP_USER_IDS = 2 * MAX_USER_IDS;

interface Queued extends SeatOperation {
  options: SeatCallOptions;
}

/**
 * The single writer of one product code's seat assignments in one workspace,
 * addressed by the name `${workspaceId}:${productCode}` (see seatAssignmentsObject).
 *
 * The truth lives in D1. Awaiting D1 opens the input gate, so without help
 * two calls could interleave inside the object; operations therefore go
 * through a queue that applies them in arrival order, one D1 batch at a
 * time (group commit): while a batch runs, the calls that arrive wait, and
 * then up to MAX_GROUP_OPERATIONS of them go into the next batch together,
 * each with its own verdict and guarded write, in order. The batch is one
 * transaction, so every operation sees exactly the state the operations
 * before it left, as if they ran one by one, and D1 also stays right
 * against writers outside this object (user deletion cascades).
 */
export class SeatAssignments extends DurableObject<Env> {
  readonly #queue = new GroupQueue<Queued, SeatOutcome>(
    (group) => this.#applyGroup(group),
    (group, next) =>
      group.length < MAX_GROUP_OPERATIONS &&
      group[0]!.change.workspaceId === next.change.workspaceId &&
      group[0]!.change.productCode === next.change.productCode &&
      group.reduce((ids, queued) => ids + queued.change.userIds.length, next.change.userIds.length) <= MAX_GROUP_USER_IDS,
  );

  /** What the identity table holds; this object is its only writer, so memory stays in step. */
  #identity: Identity | undefined;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    // Local storage only, no I/O: the one place blockConcurrencyWhile belongs.
    void ctx.blockConcurrencyWhile(async () => {
      migrate(ctx.storage);
      this.#identity = readIdentity(ctx.storage.sql);
    });
  }

  /** Seats every listed user who has no seat yet; all or nothing. */
  assign(change: SeatChange, options: SeatCallOptions = {}): Promise<SeatOutcome> {
    return this.#enqueue("assign", change, options);
  }

  /** Takes the seat from every listed user who holds one; all or nothing. */
  unassign(change: SeatChange, options: SeatCallOptions = {}): Promise<SeatOutcome> {
    return this.#enqueue("unassign", change, options);
  }

  /** The applied operations after `afterSeq`, in the order they were applied. */
  journal(afterSeq = 0, limit = 1000): JournalEntry[] {
    return readJournal(this.ctx.storage.sql, afterSeq, limit);
  }

  async #enqueue(kind: SeatOperation["kind"], change: SeatChange, options: SeatCallOptions): Promise<SeatOutcome> {
    if (change.userIds.length === 0 || change.userIds.length > MAX_USER_IDS) {
      throw new RangeError(`A seat change names 1 to ${MAX_USER_IDS} users, not ${change.userIds.length}`);
    }
    return this.#queue.push({ kind, change: { ...change, userIds: [...new Set(change.userIds)] }, options });
  }

  /** Applies a group in one D1 batch and journals each applied operation, in order. */
  async #applyGroup(group: Queued[]): Promise<PromiseSettledResult<SeatOutcome>[]> {
    // An operation addressed to another (workspace, product code) fails alone, before any I/O.
    const refused = group.map((queued) => identityError(this.#identity, queued.change));
    const accepted = group.filter((_, index) => !refused[index]);
    const applied = accepted.length > 0 ? await applySeatOperations(this.env.DB, accepted) : [];
    // Written in the same synchronous step as the answers: the output gate
    // holds the answers until these records are durable.
    let next = 0;
    const settled = group.map((queued, index): PromiseSettledResult<SeatOutcome> => {
      const error = refused[index];
      if (error) return { status: "rejected", reason: error };
      return { status: "fulfilled", value: this.#journal(queued, applied[next++]!) };
    });
    const lastSeq = Math.max(0, ...settled.map((outcome) => (outcome.status === "fulfilled" ? outcome.value.seq : 0)));
    if (lastSeq > 0) pruneJournal(this.ctx.storage.sql, lastSeq);
    return settled;
  }

  #journal(queued: Queued, { result, cost }: AppliedSeatOperation): SeatOutcome {
    const d1 = queued.options.meterD1 ? { d1: cost } : {};
    // A call for a product code that does not exist, or with a revoked key,
    // touched nothing: keep no trace of it (made-up codes leave no storage behind).
    if (!result.ok && UNJOURNALED.has(result.reason.kind)) return { ...result, seq: 0, ...d1 };
    const { sql } = this.ctx.storage;
    this.#identity ??= pinIdentity(sql, queued.change);
    const seq = record(sql, {
      kind: queued.kind,
      userIds: queued.change.userIds,
      changed: result.ok ? result.changed : [],
      refusal: result.ok ? null : result.reason,
    });
    return { ...result, seq, ...d1 };
  }
}

const UNJOURNALED = new Set<SeatRefusal["kind"]>(["unknown_product_code", "key_inactive"]);

function identityError(pinned: Identity | undefined, change: SeatChange): Error | undefined {
  try {
    checkIdentity(pinned, change);
    return undefined;
  } catch (error) {
    return error as Error;
  }
}
