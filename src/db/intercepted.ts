import { firstOf } from "./d1Result";

/**
 * Whether a statement may write. Conservative: the word anywhere counts (in
 * a string literal too), so a write never passes for a read.
 */
const MAY_WRITE = /\b(?:INSERT|UPDATE|DELETE|REPLACE)\b/i;

/** Whether `sql` may write (see MAY_WRITE). */
export function mayWrite(sql: string): boolean {
  return MAY_WRITE.test(sql);
}

/** Whether any of a batch's statements may write (one that did not come through an intercepted database counts as a write: it cannot be read). */
export function writesAny(statements: readonly (Pending | D1PreparedStatement)[]): boolean {
  return statements.some((statement) => !(statement instanceof Pending) || mayWrite(statement.sql));
}

/** A statement as a handler built it, made into a D1 statement only when it runs. */
export class Pending {
  constructor(
    readonly sql: string,
    readonly values: readonly unknown[],
  ) {}
}

/** What an intercepted database does with the statements handlers send through it. */
export interface Interceptor {
  /** Runs statements as one batch; those built through the intercepted database arrive as Pending. */
  batch<T>(statements: (Pending | D1PreparedStatement)[]): Promise<D1Result<T>[]>;
  /** The D1 statement a pending one may run as on its own, or undefined when it must go through batch. */
  alone(pending: Pending): D1PreparedStatement | undefined;
}

/**
 * A D1Database whose statements all reach D1 through `interceptor`: a batch
 * through its batch, and a statement run alone (`first`, `run`, `all`,
 * `raw`) as a batch of one unless the interceptor lets it run as it is.
 * The data layer uses only prepare and batch, which this has.
 */
export function interceptedDatabase(interceptor: Interceptor): D1Database {
  const refuse = (what: string) => () => {
    throw new Error(`${what} is not available on an intercepted database`);
  };
  const database: Pick<D1Database, "prepare" | "batch" | "exec" | "withSession" | "dump"> = {
    prepare: (sql) => interceptedStatement(interceptor, new Pending(sql, [])),
    batch: (statements) => interceptor.batch(statements.map(pendingOf)),
    exec: refuse("exec"),
    withSession: refuse("withSession"),
    dump: refuse("dump"),
  };
  return database as D1Database;
}

const PENDING = Symbol("pending statement");
type Intercepted = D1PreparedStatement & { [PENDING]: Pending };

function pendingOf(statement: D1PreparedStatement): Pending | D1PreparedStatement {
  return (statement as Partial<Intercepted>)[PENDING] ?? statement;
}

function interceptedStatement(interceptor: Interceptor, pending: Pending): D1PreparedStatement {
  const once = async () => (await interceptor.batch<Record<string, unknown>>([pending]))[0]!;
  const statement = {
    [PENDING]: pending,
    bind: (...values: unknown[]) => interceptedStatement(interceptor, new Pending(pending.sql, values)),
    first: async (column?: string) => {
      const alone = interceptor.alone(pending);
      if (!alone) return firstOf(await once(), column);
      return column === undefined ? alone.first() : alone.first(column);
    },
    run: async () => interceptor.alone(pending)?.run() ?? once(),
    all: async () => interceptor.alone(pending)?.all() ?? once(),
    raw: async (options?: { columnNames?: boolean }) => {
      const alone = interceptor.alone(pending);
      if (alone) return alone.raw(options as { columnNames: true });
      const rows = (await once()).results;
      const values = rows.map((row) => Object.values(row));
      return options?.columnNames ? [Object.keys(rows[0] ?? {}), ...values] : values;
    },
  };
  return statement as unknown as Intercepted;
}
