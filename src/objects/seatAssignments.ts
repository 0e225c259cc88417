import { DurableObject } from "cloudflare:workers";
import {
  applySeatOperations,
  MAX_USER_IDS,
  statementsPerOperation,
  STATEMENTS_PER_OPERATION,
  type SeatChange,
  type SeatChangeResult,
  type SeatOperation,
  type SeatRefusal,
} from "../db/seatAssignments";
import { GroupQueue } from "./groupQueue";
import {
  checkIdentity,
  isMigrated,
  migrate,
  pinIdentity,
  pruneJournal,
  readIdentity,
  appendToJournal,
  type Identity,
} from "./journal";

/**
 * What assign and unassign answer: the change (or refusal), its place in
 * the object's journal (0 when the product code does not exist: not
 * journaled), the D1 bookmark its batch reached (for the client's
 * read-your-writes, `x-d1-bookmark`), and whether webhook deliveries wait
 * in the outbox after it (whether the Worker must have them sent).
 */
export type SeatOutcome = SeatChangeResult & { seq: number; bookmark: string | null; outboxWaiting: boolean };

/** Operations one D1 batch applies at most, within D1's per-invocation query budget. */
export const MAX_GROUP_OPERATIONS = 16;
/** Statements one batch carries at most: 3 per operation, 4 with an Idempotency-Key. */
const MAX_GROUP_STATEMENTS = STATEMENTS_PER_OPERATION * MAX_GROUP_OPERATIONS;
/** User ids one batch names at most (a single operation may name MAX_USER_IDS). */
const MAX_GROUP_USER_IDS = 2 * MAX_USER_IDS;

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
  readonly #queue = new GroupQueue<SeatOperation, SeatOutcome>(
    (group) => this.#applyGroup(group),
    (group, next) =>
      group.length < MAX_GROUP_OPERATIONS &&
      group.reduce((statements, queued) => statements + statementsPerOperation(queued), statementsPerOperation(next)) <= MAX_GROUP_STATEMENTS &&
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
      // Made-up product codes leave no storage behind: the schema waits for the first journaled operation.
      if (!isMigrated(ctx.storage.sql)) return;
      migrate(ctx.storage);
      this.#identity = readIdentity(ctx.storage.sql);
    });
  }

  /** Seats every listed user who has no seat yet; all or nothing. */
  assign(change: SeatChange): Promise<SeatOutcome> {
    return this.#enqueue("assign", change);
  }

  /** Takes the seat from every listed user who holds one; all or nothing. */
  unassign(change: SeatChange): Promise<SeatOutcome> {
    return this.#enqueue("unassign", change);
  }

  async #enqueue(kind: SeatOperation["kind"], change: SeatChange): Promise<SeatOutcome> {
    if (change.userIds.length === 0 || change.userIds.length > MAX_USER_IDS) {
      throw new RangeError(`A seat change names 1 to ${MAX_USER_IDS} users, not ${change.userIds.length}`);
    }
    return this.#queue.push({ kind, change: { ...change, userIds: [...new Set(change.userIds)] } });
  }

  /** Applies a group in one D1 batch and journals each applied operation, in order. */
  async #applyGroup(group: SeatOperation[]): Promise<PromiseSettledResult<SeatOutcome>[]> {
    // An operation addressed to another (workspace, product code) fails alone, before any I/O.
    const refused = group.map((queued) => identityError(this.#identity, queued.change));
    const accepted = group.filter((_, index) => !refused[index]);
    // A session for the bookmark: the batch writes, so D1's primary runs it.
    const session = this.env.DB.withSession("first-primary");
    const { outcomes: applied, outboxWaiting } = accepted.length > 0 ? await applySeatOperations(session, accepted) : { outcomes: [], outboxWaiting: false };
    const bookmark = session.getBookmark();
    // Written in the same synchronous step as the answers: the output gate
    // holds the answers until these records are durable.
    let next = 0;
    const settled = group.map((queued, index): PromiseSettledResult<SeatOutcome> => {
      const error = refused[index];
      if (error) return { status: "rejected", reason: error };
      return { status: "fulfilled", value: { ...this.#journal(queued, applied[next++]!), bookmark, outboxWaiting } };
    });
    const lastSeq = Math.max(0, ...settled.map((outcome) => (outcome.status === "fulfilled" ? outcome.value.seq : 0)));
    if (lastSeq > 0) pruneJournal(this.ctx.storage.sql, lastSeq);
    return settled;
  }

  #journal(queued: SeatOperation, result: SeatChangeResult): SeatChangeResult & { seq: number } {
    // A call for a product code that does not exist, with a revoked key (or one without the permission), or a
    // retry its Idempotency-Key answers, touched nothing: keep no trace of it.
    if (!result.ok && UNJOURNALED.has(result.reason.kind)) return { ...result, seq: 0 };
    const { sql } = this.ctx.storage;
    if (!this.#identity) {
      migrate(this.ctx.storage);
      this.#identity = pinIdentity(sql, queued.change);
    }
    const seq = appendToJournal(sql, {
      kind: queued.kind,
      userIds: queued.change.userIds,
      changed: result.ok ? result.changed : [],
      refusal: result.ok ? null : result.reason,
    });
    return { ...result, seq };
  }
}

const UNJOURNALED = new Set<SeatRefusal["kind"]>(["unknown_product_code", "key_inactive", "key_lacks_permission", "idempotency_key_used"]);

function identityError(pinned: Identity | undefined, change: SeatChange): Error | undefined {
  try {
    checkIdentity(pinned, change);
    return undefined;
  } catch (error) {
    return error as Error;
  }
}
