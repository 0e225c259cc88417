import type { RequestSpec, SurfaceName } from "../api.ts";
import type { Fixture } from "../fixture.ts";
import type { Shape } from "../targets.ts";

/**
 * Makes the n-th request of a run (n counts across all connections).
 * `cycle` belongs to one connection and lives for one pass over a
 * scenario's steps: a step can leave a value there for the next step.
 */
export type Step = (n: number, cycle: Record<string, unknown>) => RequestSpec;

/** One row of the benchmark: an endpoint (or a variant of it) under load. */
export interface Scenario {
  /** "METHOD /path/:param": the route (probed for pending rows) and the row label. */
  route: string;
  /** What tells this row apart from others on the same route ("limit=100", "by key"). */
  variant?: string;
  /** Whose credentials the requests carry. */
  surface: SurfaceName;
  /** The issue that adds the route: the row is skipped, with a note, while the route answers 404. */
  issue?: number;
  /**
   * "own": the load run gives the row a fresh workspace, so that its writes
   * do not change what other rows read (the cost phase runs every row in the
   * cost workspace, whose size is the point). Default "shared".
   */
  workspace?: "shared" | "own";
  /** Concurrent connections (default: --connections). */
  connections?: number;
  /** Seconds measured at least, whatever --duration says (slow rows need time to complete requests). */
  minDuration?: number;
  /** A fixed number of requests instead of the duration: for pools that are slow to make. */
  amount?: number;
  /** Statuses that count as success (default: any 2xx). */
  expect?: number[];
  /**
   * What the row does, which picks its baseline and target (bench/targets.ts):
   * default "read" for GET, "write" otherwise; "list" for a page of rows,
   * "objectWrite" / "contention" / "spread" for writes through a Durable Object.
   */
  shape?: Shape;
  /** false: no D1 cost row (for rows that repeat other rows' requests). */
  cost?: boolean;
  /**
   * Makes what the requests need in `fx` (at most `count` requests will be
   * sent) and returns the request step, or the steps each connection cycles through.
   */
  prepare(fx: Fixture, count: number): Step | Step[] | Promise<Step | Step[]>;
}

/** The row label: route plus variant. */
export function label(scenario: Pick<Scenario, "route" | "variant">): string {
  return scenario.variant ? `${scenario.route} (${scenario.variant})` : scenario.route;
}

/** The n-th item, cycling: rotates requests over a sample. */
export function pick<T>(items: readonly T[], n: number): T {
  if (items.length === 0) throw new Error("nothing seeded to pick from");
  return items[n % items.length]!;
}
