/**
 * D1 cost per request: every row's requests are sent one at a time with the
 * meter header, and the bench's Seatkeeper (bench/worker/index.ts) answers
 * with the rows its statements read and wrote, its Durable Object's included
 * (exact because no other request is in flight).
 * Measured in one workspace at two sizes; a cost that grows with the size is flagged.
 */
import { send } from "./api.ts";
import { grow, newFixture, type Fixture } from "./fixture.ts";
import type { Options, Sizes } from "./options.ts";
import { expected, reason, startRow, type Row } from "./rows.ts";
import type { SqlDb } from "./seed.ts";
import type { Target } from "./api.ts";

export interface Cost {
  rowsRead: number;
  rowsWritten: number;
  queries: number;
  /** D1 round trips (a batch is one). */
  calls: number;
}

export interface CostRow {
  label: string;
  small?: Cost | undefined;
  large?: Cost | undefined;
  /** Rows read or written grow with the table size. */
  grows: boolean;
  error?: string;
}

/** What seeding a table to the large size added to the database: bytes per row, its indexes and triggers' rows included. */
export interface Storage {
  what: string;
  rows: number;
  bytes: number;
}

export interface CostPhase {
  sizes: { small: Sizes; large: Sizes };
  rows: CostRow[];
  /** D1 bytes per row of each table, measured while the large size was seeded. */
  storage: Storage[];
  notes: string[];
}

/** Measures every row with a cost at both sizes of the cost workspace. */
export async function costPhase(target: Target, db: SqlDb, rows: Row[], options: Options, log: (line: string) => void): Promise<CostPhase> {
  const fx = await newFixture(target, db, "bench_cost");
  const measured = rows.filter((row) => row.scenario.cost !== false);
  const results = new Map<string, CostRow>(measured.map((row) => [row.label, { label: row.label, grows: false }]));
  const notes: string[] = [];
  const storage: Storage[] = [];
  for (const size of ["small", "large"] as const) {
    const sizes = size === "small" ? options.costSmall : options.costLarge;
    log(`cost: seeding ${describe(sizes)}`);
    const grown = size === "large" ? (what: string, rows: number, bytes: number) => void storage.push({ what, rows, bytes }) : undefined;
    notes.push(...(await grow(fx, sizes, grown)).map((note) => `cost ${size}: ${note}`));
    for (const row of measured) {
      const result = results.get(row.label)!;
      try {
        result[size] = await measure(fx, row, options.costSamples);
      } catch (error) {
        result.error = reason(error);
      }
    }
  }
  for (const result of results.values()) result.grows = grows(result.small, result.large);
  return { sizes: { small: options.costSmall, large: options.costLarge }, rows: [...results.values()], storage, notes };
}

/** The costliest of `samples` requests of the row. */
async function measure(fx: Fixture, row: Row, samples: number): Promise<Cost> {
  const { steps, headers } = await startRow(row, fx, samples * 2);
  const metered = { ...headers, "x-bench-d1-meter": "1" };
  const worst: Cost = { rowsRead: 0, rowsWritten: 0, queries: 0, calls: 0 };
  let n = 0;
  for (let i = 0; i < samples; i++) {
    const cycle = {};
    for (const step of steps) {
      const spec = step(n++, cycle);
      const answer = await send(fx.target.base, spec, metered);
      if (!expected(row.scenario, answer.status)) throw new Error(`${spec.method} ${spec.path} answered ${answer.status}: ${answer.text.slice(0, 200)}`);
      const read = answer.headers.get("x-d1-rows-read");
      if (read === null) throw new Error("no x-d1-rows-read header: is Seatkeeper served from bench/worker/wrangler.toml?");
      worst.rowsRead = Math.max(worst.rowsRead, Number(read));
      worst.rowsWritten = Math.max(worst.rowsWritten, Number(answer.headers.get("x-d1-rows-written")));
      worst.queries = Math.max(worst.queries, Number(answer.headers.get("x-d1-queries")));
      worst.calls = Math.max(worst.calls, Number(answer.headers.get("x-d1-calls")));
    }
  }
  return worst;
}

// Growth beyond noise: a 100x bigger table that costs 1.5x + 10 rows more is scanning.
function grows(small: Cost | undefined, large: Cost | undefined): boolean {
  if (!small || !large) return false;
  const more = (a: number, b: number) => b > a * 1.5 + 10;
  return more(small.rowsRead, large.rowsRead) || more(small.rowsWritten, large.rowsWritten);
}

export function describe(sizes: Sizes): string {
  return `${sizes.users} users, ${sizes.customers} customers, ${sizes.seatMetrics} seat metrics, ${sizes.orgs} organizations, ${sizes.holders} seat holders`;
}
