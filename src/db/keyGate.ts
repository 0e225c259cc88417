import type { BatchCarrier, BatchRider, KeyGate } from "../shared/context";
import { KeyInactive, KeyLacksPermission } from "../shared/errors";
import type { Permission } from "../shared/permissions";
import { KEY_GATE_REFUSALS, keyFactsOf, keyFactsStatement, keyGateStatement, type KeyFacts } from "./apiKeys";
import { constraintFailureOf } from "./constraints";
import { firstOf } from "./d1Result";

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

/** SQL that is true when the key id in `param` is active: for checks inside other statements. */
export const ACTIVE_KEY = (param: string) => `EXISTS (SELECT 1 FROM api_keys WHERE id = ${param} AND revoked_at IS NULL)`;

/** A gate that checks the claimed key in the first batch that goes through it. */
export function checkedInFirstBatch(db: Pick<D1Database, "prepare" | "batch">, claim: KeyClaim): KeyGate {
  const gate = new PendingCheck(db, claim);
  return {
    db: gatedDatabase(gate),
    get confirmed() {
      return gate.confirmed;
    },
    confirm: () => gate.confirm(),
    identify: () => gate.identify(),
    confirmedElsewhere: () => gate.confirmedElsewhere(),
    carry: (rider) => gate.carry(rider),
  };
}

/**
 * D1 for a request without a key to check (the admin API's), whose batches
 * may carry riders all the same (BatchRider: the Idempotency-Key).
 */
export function carryingBatches(db: Pick<D1Database, "prepare" | "batch">): BatchCarrier & { db: D1Database } {
  const gate = new PendingCheck(db, undefined);
  return { db: gatedDatabase(gate), carry: (rider) => gate.carry(rider) };
}

/**
 * Whether a statement may write. Conservative: the word anywhere counts (in
 * a string literal too), so a write never passes for a read.
 */
const MAY_WRITE = /\b(?:INSERT|UPDATE|DELETE|REPLACE)\b/i;

/** A statement as a handler built it, made into a D1 statement only when it runs (see resolve). */
class Pending {
  constructor(
    readonly sql: string,
    readonly values: readonly unknown[],
  ) {}
}

class PendingCheck {
  confirmed: boolean;
  #workspaceId: string | undefined;
  readonly #riders: BatchRider[] = [];

  /** `claim` undefined: no key to check (the admin API), only riders to carry. */
  constructor(
    readonly db: Pick<D1Database, "prepare" | "batch">,
    private readonly claim: KeyClaim | undefined,
  ) {
    this.confirmed = claim === undefined;
    this.#workspaceId = claim?.workspaceId;
  }

  carry(rider: BatchRider): void {
    this.#riders.push(rider);
  }

  /** Whether a statement may run on its own: the key is confirmed and no rider needs its batch. */
  get direct(): boolean {
    return this.confirmed && !this.#riders.some((rider) => rider.active);
  }

  /**
   * Runs the statements as one batch: behind the check while the key is
   * unconfirmed, then the riders' statements, then the request's own. A
   * batch of the check alone (confirm, identify) carries no riders.
   */
  async batch<T>(statements: (Pending | D1PreparedStatement)[]): Promise<D1Result<T>[]> {
    // A statement that did not come through this gate cannot be read: it counts as a write.
    const writes = statements.some((statement) => !(statement instanceof Pending) || MAY_WRITE.test(statement.sql));
    const riding = this.#riders.map((rider) =>
      statements.length === 0 ? [] : rider.statementsFor(writes).map(({ sql, values }) => new Pending(sql, values)),
    );
    const resolved = [...riding.flat(), ...statements].map((statement) => (statement instanceof Pending ? this.resolve(statement) : statement));
    const check = this.confirmed ? { statements: [] } : this.#check(writes);
    let results: D1Result<T>[];
    try {
      results = await this.db.batch<T>([...check.statements, ...resolved]);
    } catch (error) {
      throw this.#ridersFailure(error, check.statements.length === 0 ? error : this.#failure(error, writes));
    }
    if (check.statements.length > 0) {
      const facts = check.factsAt === undefined ? undefined : keyFactsOf(results[check.factsAt]!);
      this.#decide({ facts, servedByPrimary: results[0]!.meta.served_by_primary === true });
    }
    let next = check.statements.length;
    this.#riders.forEach((rider, index) => {
      const own = riding[index]!.length;
      rider.settled(results.slice(next, next + own));
      next += own;
    });
    return results.slice(next);
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
    return this.db.prepare(inKeysWorkspace(sql, numbers)).bind(...values.map((v) => (v === UNSEEN_WORKSPACE ? this.claim!.keyId : v)));
  }

  /**
   * Tells every rider that the batch failed. The answer is the key check's
   * refusal, else a rider's own (its statement aborted the batch), else the error.
   */
  #ridersFailure(error: unknown, failure: unknown): unknown {
    let answer = failure;
    for (const rider of this.#riders) {
      const mapped = rider.failed(error);
      if (mapped !== error && answer === error) answer = mapped;
    }
    return answer;
  }

  /** Reads: the key's row. Writes: the gate first, and the row too when the Worker does not know the key. */
  #check(writes: boolean): { statements: D1PreparedStatement[]; factsAt?: number } {
    const { keyId, secretHash, anyOf } = this.claim!;
    const facts = keyFactsStatement(this.db, keyId);
    if (!writes) return { statements: [facts], factsAt: 0 };
    const gate = keyGateStatement(this.db, keyId, secretHash, anyOf);
    return this.#workspaceId === undefined ? { statements: [gate, facts], factsAt: 1 } : { statements: [gate] };
  }

  #decide(reading: KeyReading): void {
    try {
      this.claim?.judge(reading);
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
    if (failure?.kind === "trigger" && failure.constraint === KEY_GATE_REFUSALS.inactive) return new KeyInactive(this.claim!.keyId);
    if (failure?.kind === "trigger" && failure.constraint === KEY_GATE_REFUSALS.lacksPermission) {
      // The gate checks the key's state and secret first: this key is valid.
      this.confirmed = true;
      return new KeyLacksPermission(this.claim!.anyOf);
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

function gatedDatabase(gate: PendingCheck): D1Database {
  const refuse = (what: string) => () => {
    throw new Error(`${what} is not available on a key-gated database`);
  };
  const database: Pick<D1Database, "prepare" | "batch" | "exec" | "withSession" | "dump"> = {
    prepare: (sql) => gatedStatement(gate, new Pending(sql, [])),
    batch: (statements) => gate.batch(statements.map(pendingOf)),
    exec: refuse("exec"),
    withSession: refuse("withSession"),
    dump: refuse("dump"),
  };
  return database as D1Database;
}

const PENDING = Symbol("pending statement");
type Gated = D1PreparedStatement & { [PENDING]: Pending };

function pendingOf(statement: D1PreparedStatement): Pending | D1PreparedStatement {
  return (statement as Partial<Gated>)[PENDING] ?? statement;
}

function gatedStatement(gate: PendingCheck, pending: Pending): D1PreparedStatement {
  const once = async () => (await gate.batch<Record<string, unknown>>([pending]))[0]!;
  const statement = {
    [PENDING]: pending,
    bind: (...values: unknown[]) => gatedStatement(gate, new Pending(pending.sql, values)),
    first: async (column?: string) => {
      if (!gate.direct) return firstOf(await once(), column);
      const inner = gate.resolve(pending);
      return column === undefined ? inner.first() : inner.first(column);
    },
    run: async () => (gate.direct ? gate.resolve(pending).run() : once()),
    all: async () => (gate.direct ? gate.resolve(pending).all() : once()),
    raw: async (options?: { columnNames?: boolean }) => {
      await gate.confirm();
      return gate.resolve(pending).raw(options as { columnNames: true });
    },
  };
  return statement as unknown as Gated;
}
