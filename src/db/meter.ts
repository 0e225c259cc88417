import { firstOf } from "./d1Result";

/**
 * Bench-only D1 meter (`npm run bench`). D1 bills rows scanned and written,
 * which the data layer sees only in each result's `meta`. When the Worker
 * runs with the var BENCH_D1_METER = "1" AND a request carries the
 * `x-bench-d1-meter` header, that request's handlers get a wrapped DB that
 * sums `meta.rows_read` / `meta.rows_written`, and the response reports the
 * sums in `x-d1-*` headers. Otherwise (always, in production) the request
 * runs untouched on the real binding.
 */
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

/** The var that makes the meter available; absent from wrangler.toml on purpose. */
export interface MeterEnv {
  DB: D1Database;
  BENCH_D1_METER?: string;
}

type Fetch<E> = (request: Request, env: E, ctx: ExecutionContext) => Promise<Response>;

/** Wraps a fetch handler so that opted-in requests report their D1 cost. */
export function withD1Meter<E extends MeterEnv>(fetch: Fetch<E>): Fetch<E> {
  return async (request, env, ctx) => {
    if (env.BENCH_D1_METER !== "1" || !request.headers.has(METER_REQUEST_HEADER)) return fetch(request, env, ctx);
    const meter = newMeter();
    const response = await fetch(request, { ...env, DB: meteredDb(env.DB, meter) }, ctx);
    const reported = new Response(response.body, response);
    reported.headers.set("x-d1-calls", String(meter.calls));
    reported.headers.set("x-d1-queries", String(meter.queries));
    reported.headers.set("x-d1-rows-read", String(meter.rowsRead));
    reported.headers.set("x-d1-rows-written", String(meter.rowsWritten));
    reported.headers.set("x-d1-unmetered", String(meter.unmetered));
    return reported;
  };
}

/** What some D1 work cost: the meter without its unmetered count. */
export type D1Cost = Pick<D1Meter, "calls" | "queries" | "rowsRead" | "rowsWritten">;

/** A meter at zero. */
export function newMeter(): D1Meter {
  return { calls: 0, queries: 0, rowsRead: 0, rowsWritten: 0, unmetered: 0 };
}

// The meter behind each metered binding, for addD1Cost.
const meters = new WeakMap<object, D1Meter>();

/**
 * Adds D1 work done outside this request's binding (inside a Durable Object,
 * which meters its own binding and returns the sums) to the request's
 * meter. A no-op unless `db` is a metered binding.
 */
export function addD1Cost(db: D1Database, cost: D1Cost): void {
  const meter = meters.get(db);
  if (!meter) return;
  meter.calls += cost.calls;
  meter.queries += cost.queries;
  meter.rowsRead += cost.rowsRead;
  meter.rowsWritten += cost.rowsWritten;
}

/** Whether `db` is a metered binding (so work done elsewhere for it should be metered too). */
export function isMetered(db: D1Database): boolean {
  return meters.has(db);
}

/** A D1Database (or session) whose statements add their result meta to `meter`. */
export function meteredDb<T extends D1Database | D1DatabaseSession>(db: T, meter: D1Meter): T {
  const metered = new Proxy(db, {
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
  meters.set(metered, meter);
  return metered;
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
