/**
 * The bound parameters of one statement, numbered as they are added, so SQL
 * built from parts never numbers a placeholder by hand.
 */
export class Params {
  readonly values: (string | number | null)[];

  constructor(values: readonly (string | number | null)[] = []) {
    this.values = [...values];
  }

  /** The placeholder (`?1`, `?2`, ...) of a new parameter holding `value`. */
  add(value: string | number | null): string {
    return `?${this.values.push(value)}`;
  }

  /** A copy that numbers on from here: for statements that share their first parameters. */
  fork(): Params {
    return new Params(this.values);
  }
}
