/**
 * A queue that runs its items in groups, one group at a time, in arrival
 * order (group commit). The first item runs as soon as nothing else runs;
 * items that arrive while a group runs gather into the next group, which
 * runs, whole, when that one has settled.
 *
 * Each group runs in the continuation registered by the call that opened
 * it, like a plain promise-chain queue, so no call's work runs in a loop
 * driven by another call.
 */
export class GroupQueue<I, O> {
  /** Settles when the last group so far has run. */
  #tail: Promise<unknown> = Promise.resolve();
  /** The group that runs next, still taking items; undefined once it started. */
  #open: Pending<I, O>[] | undefined;

  /**
   * @param run applies a group and settles each item (same order), or
   *   throws: then every item of the group fails with that error.
   * @param fits whether `item` may join `group` (size limits, same target).
   */
  constructor(
    private readonly run: (items: I[]) => Promise<PromiseSettledResult<O>[]>,
    private readonly fits: (group: readonly I[], item: I) => boolean,
  ) {}

  push(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      const pending = { item, resolve, reject };
      const open = this.#open;
      if (open && this.fits(open.map((p) => p.item), item)) {
        open.push(pending);
        return;
      }
      const group = [pending];
      this.#open = group;
      const ran = this.#tail.then(() => {
        if (this.#open === group) this.#open = undefined;
        return this.#runGroup(group);
      });
      this.#tail = ran;
    });
  }

  /** Never rejects: a failing group fails its own items, and the queue goes on. */
  async #runGroup(group: Pending<I, O>[]): Promise<void> {
    try {
      const settled = await this.run(group.map((pending) => pending.item));
      group.forEach((pending, index) => {
        const outcome = settled[index]!;
        if (outcome.status === "fulfilled") pending.resolve(outcome.value);
        else pending.reject(outcome.reason);
      });
    } catch (error) {
      for (const pending of group) pending.reject(error);
    }
  }
}

interface Pending<I, O> {
  item: I;
  resolve: (value: O) => void;
  reject: (reason: unknown) => void;
}
