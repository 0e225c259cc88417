import type { KeyGate } from "../shared/context";
import { KeyInactive, KeyLacksPermission } from "../shared/errors";
import type { Permission } from "../shared/permissions";
import { KEY_GATE_REFUSALS, keyFactsOf, keyFactsStatement, keyGateStatement, type KeyFacts } from "./apiKeys";
import { constraintFailureOf } from "./constraints";
import { interceptedDatabase, mayWrite, Pending, writesAny } from "./intercepted";
import { BatchRiders } from "./riders";
import { inWriteContext, outboxWaitingAfter, ownResults, type WriteContext } from "./writeContext";

/*
 * A request's view of D1 while its API key is checked (docs/key-check.md).
 * Whether a key is still active must be asked of D1 on every request; rather
 * than a round trip of its own, the check rides in the request's first batch:
 * - a batch that only reads starts with a read of the key's row, and the
 *   Worker decides on it (an inactive key's results go back to no one), so a
 *   read batch stays a read transaction that a replica may serve;
 * - a batch that writes starts with the key gate (migration 0010), which
 *   aborts the whole transaction unless the key is active, has the presented
 *   secret and holds the route's permission, so nothing is written otherwise.
 * A key the Worker has not seen yet is checked the same way, in the same one
 * round trip: the batch also reads the key's facts, and until then its
 * statements bind UNSEEN_WORKSPACE, which the gate replaces in SQL with the
 * workspace of the key (inKeysWorkspace).
 * Every batch that writes also carries the request's write context
 * (src/db/writeContext.ts), checked key or not, so triggers know who wrote.
 */

/**
 * Stands for the workspace of the request's key while the Worker does not
 * know it: statements bind it like any workspace id. It holds U+0000, which
 * no request input may (docs/input-rules.md), so no other value equals it.
 */
export const UNSEEN_WORKSPACE = "\u0000the workspace of the request's API key";

/** What a batch told about the key. */
export interface KeyReading {
  /**
   * The key's row as the batch read it (null: no such key). Undefined when a
   * write batch passed the key gate without reading it: the key is active,
   * has the presented secret and holds one of the permissions.
   */
  facts?: KeyFacts | null;
  /** Whether D1's primary answered (not a replica that may lag behind it). */
  servedByPrimary: boolean;
}

/** The key a request presents, and how to decide on what D1 says about it. */
export interface KeyClaim {
  keyId: string;
  /** SHA-256 hex of the presented secret (the gate compares it in SQL). */
  secretHash: string;
  /** The route's permissions: the key must hold one. */
  anyOf: readonly Permission[];
  /** The key's workspace when the Worker knows the key; undefined for a key it has not seen. */
  workspaceId: string | undefined;
  /** Decides on a reading: throws KeyInactive or KeyLacksPermission. Called for each batch that checked the key. */
  judge(reading: KeyReading): void;
}

/**
 * A gate that checks the claimed key in the first batch that goes through
 * it, puts `context` on every batch that writes, and carries `riders`
 * (the Idempotency-Key's statements) on every batch.
 */
export function checkedInFirstBatch(
  db: Pick<D1Database, "prepare" | "batch">,
  claim: KeyClaim,
  context: WriteContext,
  riders = new BatchRiders(),
): KeyGate {
  const gate = new PendingCheck(db, claim, context, riders);
  return {
    db: interceptedDatabase({
      batch: (statements) => gate.batch(statements),
      // Once the key is confirmed, a read runs as it is (unless a rider still rides); a write still needs its context.
      alone: (pending) => (gate.confirmed && !riders.active && !mayWrite(pending.sql) ? gate.resolve(pending) : undefined),
    }),
    get confirmed() {
      return gate.confirmed;
    },
    get outboxWaiting() {
      return gate.outboxWaiting;
    },
    presented: { keyId: claim.keyId, secretHash: claim.secretHash, anyOf: claim.anyOf },
    confirm: () => gate.confirm(),
    identify: () => gate.identify(),
    confirmedElsewhere: () => gate.confirmedElsewhere(),
    wroteElsewhere: (outboxWaiting) => {
      gate.outboxWaiting = outboxWaiting;
    },
  };
}

class PendingCheck {
  confirmed = false;
  /** Nothing written yet, so nothing to send; then what the last write's outbox probe found. */
  outboxWaiting = false;
  #workspaceId: string | undefined;

  constructor(
    readonly db: Pick<D1Database, "prepare" | "batch">,
    private readonly claim: KeyClaim,
    private readonly context: WriteContext,
    private readonly riders: BatchRiders,
  ) {
    this.#workspaceId = claim.workspaceId;
  }

  /**
   * Runs the statements as one batch, the riders' first, in the write
   * context if it writes, behind the check while the key is unconfirmed.
   */
  async batch<T>(statements: (Pending | D1PreparedStatement)[]): Promise<D1Result<T>[]> {
    const writes = writesAny(statements);
    const boarded = this.riders.board(statements, writes);
    const resolved = boarded.statements.map((statement) => (statement instanceof Pending ? this.resolve(statement) : statement));
    const check = this.confirmed ? { statements: [] } : this.#check(writes);
    // The gate (a write's check) sets the write context of a request signed with its key itself.
    const setByGate = writes && check.statements.length > 0 && this.context.cause === "request" && this.context.keyId === this.claim.keyId;
    // Its probe tells whether the request's write must send the outbox (src/index.ts).
    const contextual = inWriteContext(this.db, this.context, resolved, writes, { setByGate, probeOutbox: true });
    let results: D1Result<T>[];
    try {
      results = await this.db.batch<T>([...check.statements, ...contextual.statements]);
    } catch (error) {
      throw boarded.failed(error, check.statements.length === 0 ? error : this.#failure(error, writes));
    }
    if (check.statements.length > 0) {
      const facts = check.factsAt === undefined ? undefined : keyFactsOf(results[check.factsAt]!);
      this.#decide({ facts, servedByPrimary: results[0]!.meta.served_by_primary === true });
    }
    const own = results.slice(check.statements.length);
    this.outboxWaiting = outboxWaitingAfter(own, contextual) ?? this.outboxWaiting;
    return boarded.settle(ownResults(own, contextual, resolved.length));
  }

  async confirm(): Promise<void> {
    if (!this.confirmed) await this.batch([]);
  }

  async identify(): Promise<void> {
    if (this.#workspaceId !== undefined) return;
    // Confirmed by a write batch's gate that failed later on: the facts are still unread.
    this.confirmed = false;
    await this.batch([]);
  }

  confirmedElsewhere(): void {
    this.#decide({ servedByPrimary: true });
  }

  /** The D1 statement of a pending one, the key's workspace in place of UNSEEN_WORKSPACE. */
  resolve({ sql, values }: Pending): D1PreparedStatement {
    if (!values.includes(UNSEEN_WORKSPACE)) return this.db.prepare(sql).bind(...values);
    const workspaceId = this.#workspaceId;
    if (workspaceId !== undefined) return this.db.prepare(sql).bind(...values.map((v) => (v === UNSEEN_WORKSPACE ? workspaceId : v)));
    const numbers = new Set(values.flatMap((value, index) => (value === UNSEEN_WORKSPACE ? [index + 1] : [])));
    return this.db.prepare(inKeysWorkspace(sql, numbers)).bind(...values.map((v) => (v === UNSEEN_WORKSPACE ? this.claim.keyId : v)));
  }

  /** Reads: the key's row. Writes: the gate first, and the row too when the Worker does not know the key. */
  #check(writes: boolean): { statements: D1PreparedStatement[]; factsAt?: number } {
    const { keyId, secretHash, anyOf } = this.claim;
    const facts = keyFactsStatement(this.db, keyId);
    if (!writes) return { statements: [facts], factsAt: 0 };
    const gate = keyGateStatement(this.db, keyId, secretHash, anyOf, this.context.requestId);
    return this.#workspaceId === undefined ? { statements: [gate, facts], factsAt: 1 } : { statements: [gate] };
  }

  #decide(reading: KeyReading): void {
    try {
      this.claim.judge(reading);
    } catch (refusal) {
      // A key without the permission is still active and valid: its 403 needs no second check.
      if (refusal instanceof KeyLacksPermission) this.#confirmed(reading);
      throw refusal;
    }
    this.#confirmed(reading);
  }

  #confirmed(reading: KeyReading): void {
    this.confirmed = true;
    if (reading.facts) this.#workspaceId = reading.facts.workspaceId;
  }

  /**
   * The error a failed batch answers with: the gate's refusal, or the
   * statement's own failure. A constraint failure comes from a statement
   * after the gate, which therefore passed: the key is confirmed (an
   * unseen key's facts stay unread). Any other failure leaves the key
   * unconfirmed: it may have come before the check ran.
   */
  #failure(error: unknown, writes: boolean): unknown {
    const failure = constraintFailureOf(error);
    if (failure?.kind === "trigger" && failure.constraint === KEY_GATE_REFUSALS.inactive) return new KeyInactive(this.claim.keyId);
    if (failure?.kind === "trigger" && failure.constraint === KEY_GATE_REFUSALS.lacksPermission) {
      // The gate checks the key's state and secret first: this key is valid.
      this.confirmed = true;
      return new KeyLacksPermission(this.claim.anyOf);
    }
    if (failure && writes) {
      try {
        this.#decide({ servedByPrimary: true });
      } catch (refusal) {
        return refusal;
      }
    }
    return error;
  }
}

/**
 * The workspace of the key bound at ?N, for a statement that names its
 * workspace by parameter: each `?N` in `numbers` becomes the scalar subquery
 * `(SELECT workspace_id FROM api_keys WHERE id = ?N)`, which SQLite runs
 * once per statement and which, like a bound id, lets it search by index.
 * Quoted strings and identifiers and comments are copied as they are.
 * Statements number their parameters (src/db/params.ts); an unnumbered `?`
 * would shift with the rewrite, so it is refused.
 */
export function inKeysWorkspace(sql: string, numbers: ReadonlySet<number>): string {
  return sql.replace(/'[^']*'|"[^"]*"|`[^`]*`|\[[^\]]*\]|--[^\n]*|\/\*[\s\S]*?\*\/|\?(\d*)/g, (token, digits?: string) => {
    if (digits === undefined) return token;
    if (digits === "") throw new Error(`An unnumbered parameter cannot bind the unseen key's workspace: ${sql}`);
    return numbers.has(Number(digits)) ? `(SELECT workspace_id FROM api_keys WHERE id = ${token})` : token;
  });
}
