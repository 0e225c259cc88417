import { isConstraintFailure } from "./constraints";

/** A write that went through (with what it read back), or was refused whole with the reasons. */
export type WriteOutcome<T, P> = { ok: true; value: T } | { ok: false; problems: P[] };

/** Attempts at a write whose refusal a concurrent request undid before its reasons could be listed. */
const ATTEMPTS = 3;

/**
 * Runs `writes` as one batch (one transaction: all or nothing) and reads the
 * outcome from its results; `read` answers undefined when the write cannot
 * have gone through. The schema decides what may be written, so when it
 * refuses the batch (a constraint, or a trigger's RAISE with one of
 * `refusals`), `diagnose` then lists why, for the answer. A race can have
 * removed the reasons by then: the write is simply tried again.
 */
export async function writeOrDiagnose<T, P>(
  db: D1Database,
  writes: D1PreparedStatement[],
  read: (results: D1Result<unknown>[]) => T | undefined,
  diagnose: () => Promise<P[]>,
  refusals: string[] = [],
): Promise<WriteOutcome<T, P>> {
  for (let attempt = 1; ; attempt++) {
    let refusal: unknown = new Error("nothing to read back after an unrefused write");
    try {
      const value = read(await db.batch<unknown>(writes));
      if (value !== undefined) return { ok: true, value };
    } catch (error) {
      if (!isConstraintFailure(error, refusals)) throw error;
      refusal = error;
    }
    const problems = await diagnose();
    if (problems.length > 0) return { ok: false, problems };
    if (attempt === ATTEMPTS) throw refusal;
  }
}
