import { KeyInactive } from "../shared/errors";
import type { KeyGate } from "../shared/context";
import { firstOf } from "./d1Result";

/*
 * A request's view of D1 while its API key is checked. The Worker knows a
 * key's workspace, secret hash and permissions from an earlier request (they
 * never change), but not whether it was revoked since: that must be asked of
 * D1 every time. Rather than a round trip of its own, the check (an insert
 * into the `active_key_gate` view, migration 0007) rides as the first
 * statement of the request's first batch, whose transaction it aborts when
 * the key is inactive: the reads come back to no one and the writes roll back.
 */

/** A gate for a key that was just read from D1 (or for no key): nothing left to check. */
export function alreadyChecked(db: D1Database): KeyGate {
  return { db, confirmed: true, confirm: async () => {}, confirmedElsewhere: () => {} };
}

/** A gate that checks `keyId` in the first batch that goes through it. */
export function checkedInFirstBatch(db: D1Database, keyId: string): KeyGate {
  const gate = new PendingCheck(db, keyId);
  return {
    db: gatedDatabase(gate),
    get confirmed() {
      return gate.confirmed;
    },
    confirm: () => gate.confirm(),
    confirmedElsewhere: () => {
      gate.confirmed = true;
    },
  };
}

/** SQL that is true when the key id in `param` is active: for checks inside other statements. */
export const ACTIVE_KEY = (param: string) => `EXISTS (SELECT 1 FROM api_keys WHERE id = ${param} AND revoked_at IS NULL)`;

const GATE_SQL = "INSERT INTO active_key_gate (key_id) VALUES (?1)";
/** The message of the gate trigger's RAISE (migration 0007). */
const REFUSAL = "api_key_inactive";

class PendingCheck {
  confirmed = false;

  constructor(
    readonly db: D1Database,
    private readonly keyId: string,
  ) {}

  /** Runs the statements as one batch, behind the check while the key is unconfirmed. */
  async batch<T>(statements: D1PreparedStatement[]): Promise<D1Result<T>[]> {
    if (this.confirmed) return this.db.batch<T>(statements);
    try {
      const [, ...results] = await this.db.batch<T>([this.db.prepare(GATE_SQL).bind(this.keyId), ...statements]);
      this.confirmed = true;
      return results;
    } catch (error) {
      // Any other failure leaves the key unconfirmed: it may have come before the check ran.
      throw String(error).includes(REFUSAL) ? new KeyInactive(this.keyId) : error;
    }
  }

  async confirm(): Promise<void> {
    if (!this.confirmed) await this.batch([]);
  }
}

function gatedDatabase(gate: PendingCheck): D1Database {
  const refuse = (what: string) => () => {
    throw new Error(`${what} is not available on a key-gated database`);
  };
  const database: Pick<D1Database, "prepare" | "batch" | "exec" | "withSession" | "dump"> = {
    prepare: (sql) => gatedStatement(gate, gate.db.prepare(sql)),
    batch: (statements) => gate.batch(statements.map(innerOf)),
    exec: async (sql) => {
      await gate.confirm();
      return gate.db.exec(sql);
    },
    withSession: refuse("withSession"),
    dump: refuse("dump"),
  };
  return database as D1Database;
}

const INNER = Symbol("inner statement");
type Gated = D1PreparedStatement & { [INNER]: D1PreparedStatement };

function innerOf(statement: D1PreparedStatement): D1PreparedStatement {
  return (statement as Partial<Gated>)[INNER] ?? statement;
}

function gatedStatement(gate: PendingCheck, inner: D1PreparedStatement): D1PreparedStatement {
  const once = async () => (await gate.batch<Record<string, unknown>>([inner]))[0]!;
  const statement = {
    [INNER]: inner,
    bind: (...values: unknown[]) => gatedStatement(gate, inner.bind(...values)),
    first: async (column?: string) => {
      if (!gate.confirmed) return firstOf(await once(), column);
      return column === undefined ? inner.first() : inner.first(column);
    },
    run: async () => (gate.confirmed ? inner.run() : once()),
    all: async () => (gate.confirmed ? inner.all() : once()),
    raw: async (options?: { columnNames?: boolean }) => {
      await gate.confirm();
      return inner.raw(options as { columnNames: true });
    },
  };
  return statement as unknown as Gated;
}
