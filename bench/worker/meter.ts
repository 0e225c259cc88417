import { firstOf } from "../../src/db/d1Result";

/**
 * The bench's D1 meter. D1 bills rows scanned and written, which the data
 * layer sees only in each result's `meta`; a metered binding sums them per
 * request (the bench Worker, ./index.ts, reports the sums in `x-d1-*` headers).
 */
/** The request header that asks the bench Worker for the meter. */
export const METER_REQUEST_HEADER = "x-bench-d1-meter";

export interface D1Meter {
  /** Round trips to D1: a batch is one, however many statements it carries. */
  calls: number;
  /** Statements run. */
  queries: number;
  rowsRead: number;
  rowsWritten: number;
  /** Calls whose result has no meta (raw, exec, dump): counted, not measured. */
  unmetered: number;
}

/** What some D1 work cost: the meter without its unmetered count. */
export type D1Cost = Pick<D1Meter, "calls" | "queries" | "rowsRead" | "rowsWritten">;

/** A meter at zero. */
export function newMeter(): D1Meter {
  return { calls: 0, queries: 0, rowsRead: 0, rowsWritten: 0, unmetered: 0 };
}

/** Adds D1 work measured elsewhere (a Durable Object's own binding) to `meter`. */
export function addCost(meter: D1Meter, cost: D1Cost): void {
  meter.calls += cost.calls;
  meter.queries += cost.queries;
  meter.rowsRead += cost.rowsRead;
  meter.rowsWritten += cost.rowsWritten;
}

/** What `meter` counted since it read `before`. */
export function costSince(before: D1Cost, meter: D1Meter): D1Cost {
  return {
    calls: meter.calls - before.calls,
    queries: meter.queries - before.queries,
    rowsRead: meter.rowsRead - before.rowsRead,
    rowsWritten: meter.rowsWritten - before.rowsWritten,
  };
}

/** A D1Database (or session) whose statements add their result meta to `meter`. */
export function meteredDb<T extends D1Database | D1DatabaseSession>(db: T, meter: D1Meter): T {
  return new Proxy(db, {
    get(target, property) {
      if (property === "prepare") return (sql: string) => meteredStatement(target.prepare(sql), meter);
      if (property === "batch") {
        return async (statements: D1PreparedStatement[]) => {
          meter.calls++;
          const results = await target.batch(statements.map(unwrap));
          for (const result of results) record(meter, result.meta);
          return results;
        };
      }
      if (property === "withSession" && "withSession" in target) {
        return (...args: Parameters<D1Database["withSession"]>) => meteredDb(target.withSession(...args), meter);
      }
      if (property === "exec" || property === "dump") {
        meter.calls++;
        meter.unmetered++;
      }
      const value: unknown = Reflect.get(target, property);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

const INNER = Symbol("inner statement");
type Metered = D1PreparedStatement & { [INNER]: D1PreparedStatement };

function unwrap(statement: D1PreparedStatement): D1PreparedStatement {
  return (statement as Partial<Metered>)[INNER] ?? statement;
}

// first() carries no meta, so it runs as run() and picks the first row.
function meteredStatement(inner: D1PreparedStatement, meter: D1Meter): D1PreparedStatement {
  const statement = {
    [INNER]: inner,
    bind: (...values: unknown[]) => meteredStatement(inner.bind(...values), meter),
    async first(column?: string) {
      meter.calls++;
      const result = await inner.run<Record<string, unknown>>();
      record(meter, result.meta);
      return firstOf(result, column);
    },
    async run() {
      meter.calls++;
      const result = await inner.run();
      record(meter, result.meta);
      return result;
    },
    async all() {
      meter.calls++;
      const result = await inner.all();
      record(meter, result.meta);
      return result;
    },
    raw(options?: { columnNames?: boolean }) {
      meter.calls++;
      meter.unmetered++;
      return inner.raw(options as { columnNames: true });
    },
  };
  return statement as unknown as Metered;
}

function record(meter: D1Meter, meta: D1Meta): void {
  meter.queries++;
  meter.rowsRead += meta.rows_read ?? 0;
  meter.rowsWritten += meta.rows_written ?? 0;
}
