/** True when a D1 error is a UNIQUE violation, optionally on a given `table.column`. */
export function isUniqueViolation(error: unknown, column = ""): boolean {
  const failure = constraintFailureOf(error);
  return failure?.kind === "unique" && failure.constraint.includes(column);
}

/**
 * True when SQLite refused a statement for a constraint (UNIQUE, FOREIGN KEY,
 * CHECK, NOT NULL) or a trigger's RAISE(ABORT) carrying one of `triggerMessages`.
 */
export function isConstraintFailure(error: unknown, triggerMessages: string[] = []): boolean {
  const failure = constraintFailureOf(error);
  if (failure?.kind !== "trigger") return failure !== undefined && failure.kind !== "datatype";
  return triggerMessages.some((text) => failure.constraint.includes(text));
}

/** The kinds of SQLite constraint failure (its extended result codes). */
export type ConstraintKind = "unique" | "foreign_key" | "check" | "not_null" | "datatype" | "trigger";

/** A statement SQLite refused for a constraint, and which one. */
export interface ConstraintFailure {
  kind: ConstraintKind;
  /** `table.column` (UNIQUE, NOT NULL, datatype), the CHECK's name or expression, the trigger's RAISE message; "" for a foreign key (SQLite does not say which). */
  constraint: string;
}

const FAILED = /^(UNIQUE|CHECK|NOT NULL|FOREIGN KEY) constraint failed(?:: (.*))?$/s;
const FAILED_KINDS: Record<string, ConstraintKind> = { UNIQUE: "unique", CHECK: "check", "NOT NULL": "not_null", "FOREIGN KEY": "foreign_key" };
const DATATYPE = /^cannot store \w+ value in \w+ column (.*)$/s;

/**
 * Reads a D1 error: `D1_ERROR: <SQLite's message>: SQLITE_CONSTRAINT
 * (extended: SQLITE_CONSTRAINT_<KIND>)`. SQLite's message names the
 * constraint (`UNIQUE constraint failed: users.email_address`, `CHECK
 * constraint failed: <name or expression>`); a trigger's RAISE(ABORT, m) is m
 * itself. Undefined for any other error.
 */
export function constraintFailureOf(error: unknown): ConstraintFailure | undefined {
  const message = error instanceof Error ? error.message : String(error);
  if (!message.includes("SQLITE_CONSTRAINT")) return undefined;
  const detail = message.replace(/^D1_ERROR: /, "").replace(/: SQLITE_CONSTRAINT\b.*$/s, "");
  const failed = FAILED.exec(detail);
  if (failed) return { kind: FAILED_KINDS[failed[1]!]!, constraint: failed[2] ?? "" };
  const datatype = DATATYPE.exec(detail);
  if (datatype) return { kind: "datatype", constraint: datatype[1]! };
  return { kind: "trigger", constraint: detail };
}
