/** True when a D1 error is a UNIQUE violation, optionally on a given `table.column`. */
export function isUniqueViolation(error: unknown, column?: string): boolean {
  const message = error instanceof Error ? error.message : String(error);
  if (!message.includes("UNIQUE constraint failed")) return false;
  return column === undefined || message.includes(column);
}

/** True when a D1 error is a FOREIGN KEY violation. */
export function isForeignKeyViolation(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return message.includes("FOREIGN KEY constraint failed");
}

/**
 * True when SQLite refused a statement for a constraint (UNIQUE, FOREIGN KEY,
 * CHECK) or a trigger's RAISE(ABORT) carrying one of `triggerMessages`.
 */
export function isConstraintFailure(error: unknown, triggerMessages: string[] = []): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return message.includes("constraint failed") || triggerMessages.some((text) => message.includes(text));
}
