/**
 * What each row is compared with and the throughput it must reach (issue 16):
 * every get and count at least 0.9× one indexed D1 read; every list 0.9× one
 * statement returning as many rows; every write 0.85× one insert; Datadog
 * assign and unassign 0.85× that insert made from a Durable Object; 64
 * clients on one product code 0.8× it; and no errors anywhere. A row that
 * misses is reported with what it costs, from the figures of the same run.
 */
import type { Cost } from "./cost.ts";
import type { Baseline } from "./paired.ts";

/** What a row does, which decides its baseline and target. */
export type Shape = "health" | "read" | "list" | "write" | "objectWrite" | "contention" | "spread";

export interface Rule {
  baseline: Baseline;
  /** The least × baseline that meets the goal; none: shown, not judged. */
  target?: number;
  goal: string;
}

export const RULES: Record<Shape, Rule> = {
  health: { baseline: "constant", goal: "no target: no D1, shown against the constant Worker" },
  read: { baseline: "d1Read", target: 0.9, goal: "every get and count ≥ 0.9× one indexed D1 read" },
  list: { baseline: "d1List", target: 0.9, goal: "every list ≥ 0.9× one statement returning as many rows" },
  write: { baseline: "d1Insert", target: 0.85, goal: "every write ≥ 0.85× one D1 insert" },
  objectWrite: { baseline: "d1Object", target: 0.85, goal: "Datadog assign and unassign ≥ 0.85× one insert made from a Durable Object" },
  contention: { baseline: "d1Object", target: 0.8, goal: "64 clients on one product code ≥ 0.8× one insert made from a Durable Object" },
  spread: { baseline: "d1Object", goal: "no target: 64 clients over 16 product codes, shown against one insert made from a Durable Object" },
};

/** Shapes whose requests go through the SeatAssignments object: also shown against the plain insert. */
export const THROUGH_OBJECT: ReadonlySet<Shape> = new Set(["objectWrite", "contention", "spread"]);

/** A row's shape: declared, or a read for GET and a write otherwise. */
export function shapeOf(scenario: { route: string; shape?: Shape | undefined }): Shape {
  return scenario.shape ?? (scenario.route.startsWith("GET ") ? "read" : "write");
}

/** Whether a row meets its target: its × baseline at least the target, and no error. Undefined for a row without a target. */
export function meets(shape: Shape, ratio: number, errors: number): boolean | undefined {
  const { target } = RULES[shape];
  return target === undefined ? undefined : ratio >= target && errors === 0;
}

/** What a row cost against its baseline, measured in the same run. */
export interface Evidence {
  /** × baseline (requests per second, paired slices). */
  ratio: number;
  /** workerd CPU time per request in ms: the row's Worker, and the baseline's. */
  cpu?: { row: number; baseline: number } | undefined;
  /** The row's D1 cost per request (the cost phase), when it ran. */
  cost?: Cost | undefined;
  /** Rows the baseline's one statement reads (1, or the page size of a list); none for an insert. */
  baselineRows?: number | undefined;
}

/**
 * Why a row is below its baseline, in the run's own figures: how much more
 * CPU a request costs the runtime, whether that gap accounts for the
 * throughput gap (a CPU-bound row) or leaves time spent waiting, and how its
 * D1 work differs from the baseline's one statement.
 */
export function explain(shape: Shape, evidence: Evidence): string {
  const parts: string[] = [];
  const { cpu, cost } = evidence;
  if (cpu && cpu.row > 0) {
    const allowed = cpu.baseline / cpu.row;
    parts.push(`${ms(cpu.row)} ms workerd CPU per request against the baseline's ${ms(cpu.baseline)} ms (+${ms(cpu.row - cpu.baseline)} ms)`);
    parts.push(
      evidence.ratio >= 0.85 * allowed
        ? `CPU-bound: that gap alone allows ${allowed.toFixed(2)}×`
        : `CPU alone would allow ${allowed.toFixed(2)}×: the rest is time spent waiting (D1, ${THROUGH_OBJECT.has(shape) ? "the object's queue" : "round trips"})`,
    );
  }
  if (cost) {
    const trips = cost.calls === 1 ? "1 D1 round trip" : `${cost.calls} sequential D1 round trips (the baseline: 1)`;
    const statements = cost.queries === 1 ? "1 statement" : `${cost.queries} statements (the baseline: 1)`;
    const against = evidence.baselineRows === undefined ? "" : ` (the baseline: ${evidence.baselineRows})`;
    parts.push(`${trips}, ${statements}, ${cost.rowsRead} rows read${against}, ${cost.rowsWritten} written`);
  }
  return parts.join("; ");
}

const ms = (value: number) => value.toFixed(2);

/** Rows in one page of a list's answer: the longest array at the top of its JSON (the answer itself, `items`, `data`, `user_identities`, …). */
export function pageRows(text: string): number {
  const body: unknown = JSON.parse(text);
  if (Array.isArray(body)) return body.length;
  if (typeof body !== "object" || body === null) return 0;
  return Math.max(0, ...Object.values(body).map((value) => (Array.isArray(value) ? value.length : 0)));
}
