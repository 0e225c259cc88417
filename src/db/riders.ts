import type { BatchCarrier, BatchRider } from "../shared/context";
import { Pending } from "./intercepted";

/** A batch's statements with the riders' before them, and how to hand the results and failures back. */
export interface Boarded<S> {
  statements: (S | Pending)[];
  /** The batch committed with `results` (one per statement): the riders read theirs; the rest are the request's. */
  settle<T>(results: D1Result<T>[]): D1Result<T>[];
  /** The batch failed: the error to throw (`answer`, unless a rider's statement refused the batch). */
  failed(error: unknown, answer: unknown): unknown;
}

/**
 * The riders of a request's D1 batches (BatchRider: the Idempotency-Key's
 * lookup and claim, src/db/idempotency.ts). Each batch that goes through
 * the key gate or the admin API's write context carries their statements
 * first, in the same transaction as the request's own.
 */
export class BatchRiders implements BatchCarrier {
  readonly #riders: BatchRider[] = [];

  carry(rider: BatchRider): void {
    this.#riders.push(rider);
  }

  /** Whether a rider still needs to ride: while one does, every statement runs as a batch. */
  get active(): boolean {
    return this.#riders.some((rider) => rider.active);
  }

  /** Boards the riders on a batch of `statements` (none on an empty one: the key check alone). */
  board<S>(statements: S[], writes: boolean): Boarded<S> {
    const riding = this.#riders.map((rider) =>
      statements.length === 0 ? [] : rider.statementsFor(writes).map(({ sql, values }) => new Pending(sql, values)),
    );
    const riders = this.#riders;
    return {
      statements: [...riding.flat(), ...statements],
      settle<T>(results: D1Result<T>[]) {
        let next = 0;
        riders.forEach((rider, index) => rider.settled(results.slice(next, (next += riding[index]!.length))));
        return results.slice(next);
      },
      failed(error, answer) {
        for (const rider of riders) {
          const mapped = rider.failed(error);
          if (mapped !== error && answer === error) answer = mapped;
        }
        return answer;
      },
    };
  }
}
