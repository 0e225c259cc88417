import { interceptedDatabase, mayWrite, Pending, writesAny } from "./intercepted";
import { BatchRiders } from "./riders";

/*
 * What rides along with every write (migration 0012, docs/seat-ledger.md).
 * A D1 batch is one transaction and D1 has a single writer, so the one-row
 * table write_context tells the triggers who is writing now: a write batch
 * starts by setting it and ends by emptying it, and a trigger reads it with
 * `(SELECT request_id FROM write_context)`. The seat ledger's triggers
 * record it on every entry, cascades included. Whatever writes through
 * src/db/ carries a context: the key gate puts the request's on every write
 * batch of a signed-in request, withWriteContext on the admin routes', and
 * the seat object sets each operation's before that operation's statements.
 */

/**
 * Why a write happens. A cascade's own cause (a seat a user deletion took
 * along) is told by the trigger that records it, from what it sees.
 */
export type WriteCause = "request" | "admin";

/** Who is writing: the request, the API key it was signed with (none for the operator), and why. */
export interface WriteContext {
  requestId: string;
  keyId: string | null;
  cause: WriteCause;
}

/** The context a signed-in request's writes carry. */
export function requestContext(requestId: string, keyId: string | null): WriteContext {
  return { requestId, keyId, cause: "request" };
}

const SET = "INSERT OR REPLACE INTO write_context (singleton, request_id, key_id, cause) VALUES (1, ?1, ?2, ?3)";
/*
 * Clearing the context takes the snapshots, and so creates the webhook deliveries (migration 0026:
 * a BEFORE DELETE trigger); its RETURNING, computed after that, is the outbox probe: whether
 * deliveries wait to be sent (the outbox's partial index, migration 0021), so that a write whose
 * events reach no endpoint sends no queue message. One statement both.
 */
const CLEAR = "DELETE FROM write_context RETURNING EXISTS (SELECT 1 FROM webhook_deliveries WHERE enqueued_at IS NULL) AS waiting";

/** The statement that makes `context` the writer of what follows in its batch. */
export function setWriteContext(db: Pick<D1Database, "prepare">, context: WriteContext): D1PreparedStatement {
  return db.prepare(SET).bind(context.requestId, context.keyId, context.cause);
}

/** The statement that ends a batch's context, so that a later batch without one sees none; its one row is the outbox probe. */
export function clearWriteContext(db: Pick<D1Database, "prepare">): D1PreparedStatement {
  return db.prepare(CLEAR);
}

/** What the outbox probe's result says. */
export function outboxWaitingIn(probed: D1Result<unknown>): boolean {
  return (probed.results[0] as { waiting: number } | undefined)?.waiting === 1;
}

/** A batch's statements in a write context: where their own results start, and whether its caller reads the outbox probe. */
export interface InWriteContext<S> {
  statements: (S | D1PreparedStatement)[];
  offset: number;
  probed: boolean;
}

/** How a batch joins its write context: the key gate's statement may have set it (migration 0025); whoever reads the outbox probe asks for it. */
export interface ContextOptions {
  setByGate?: boolean;
  probeOutbox?: boolean;
}

/**
 * `statements` between the context's set and clear (whose result is the
 * outbox probe, read if asked for), when any of them may write (a batch that only reads stays
 * read-only: a replica may serve it). `offset` is where the statements' own
 * results start.
 */
export function inWriteContext<S extends Pending | D1PreparedStatement>(
  db: Pick<D1Database, "prepare">,
  context: WriteContext,
  statements: S[],
  writes = writesAny(statements),
  { setByGate = false, probeOutbox = false }: ContextOptions = {},
): InWriteContext<S> {
  if (!writes) return { statements, offset: 0, probed: false };
  const set = setByGate ? [] : [setWriteContext(db, context)];
  return { statements: [...set, ...statements, clearWriteContext(db)], offset: set.length, probed: probeOutbox };
}

/** What the outbox probe of a committed batch found; undefined when the batch carried none. */
export function outboxWaitingAfter(results: D1Result<unknown>[], wrapped: InWriteContext<unknown>): boolean | undefined {
  if (!wrapped.probed) return undefined;
  return outboxWaitingIn(results.at(-1)!);
}

/** The results of inWriteContext()'s statements, without the context's own. */
export function ownResults<T>(results: T[], wrapped: { statements: unknown[]; offset: number }, count: number): T[] {
  return results.slice(wrapped.offset, wrapped.offset + count);
}

/**
 * `db` with every write batch (and every single write statement) in
 * `context`, carrying `riders` (the Idempotency-Key): for requests without
 * a key gate (the admin routes).
 */
export function withWriteContext(db: Pick<D1Database, "prepare" | "batch">, context: WriteContext, riders = new BatchRiders()): D1Database {
  const resolve = ({ sql, values }: Pending) => db.prepare(sql).bind(...values);
  return interceptedDatabase({
    async batch<T>(statements: (Pending | D1PreparedStatement)[]) {
      const writes = writesAny(statements);
      const boarded = riders.board(statements, writes);
      const wrapped = inWriteContext(db, context, boarded.statements, writes);
      let results: D1Result<T>[];
      try {
        results = await db.batch<T>(wrapped.statements.map((s) => (s instanceof Pending ? resolve(s) : s)));
      } catch (error) {
        throw boarded.failed(error, error);
      }
      return boarded.settle(ownResults(results, wrapped, boarded.statements.length));
    },
    alone: (pending) => (mayWrite(pending.sql) || riders.active ? undefined : resolve(pending)),
  });
}
