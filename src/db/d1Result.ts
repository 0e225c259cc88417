/**
 * What `statement.first(column?)` returns, from a result that came back
 * another way (a batch, or `run()` for its meta). D1's own `first()` reads
 * the same rows: it adds no LIMIT.
 */
export function firstOf(result: D1Result<Record<string, unknown>>, column?: string): unknown {
  const row = result.results[0] ?? null;
  if (column === undefined || row === null) return row;
  if (!(column in row)) throw new Error(`D1_COLUMN_NOTFOUND: Column not found (${column})`);
  return row[column];
}
