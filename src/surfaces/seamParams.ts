import { readJson } from "../http/body";
import type { AppRequest } from "../http/context";

/** How to read typed values out of a query string, where everything is text. */
export interface QueryKinds {
  /** Parameters that are arrays: repeated keys, and `key=` for the empty array. */
  arrays?: readonly string[];
  /** Parameters that are integers: `limit=10` becomes 10. */
  integers?: readonly string[];
}

/**
 * A Seam action's parameters. Every action accepts POST with a JSON body;
 * get/list also come as GET and delete as DELETE with a query string (that is
 * what the Seam SDK sends), update as PATCH with a JSON body. A DELETE may
 * carry a JSON body too, whose fields win over the query's.
 */
export async function readSeamParams(request: AppRequest, kinds: QueryKinds = {}): Promise<unknown> {
  if (request.method === "GET") return queryParams(request.query, kinds);
  if (request.method === "DELETE") {
    const body = await readJson(request);
    return isPlainObject(body) ? { ...queryParams(request.query, kinds), ...body } : body;
  }
  return readJson(request);
}

/**
 * Turns itty's parsed query into the JSON the body would have carried,
 * following the Seam SDK's encoding: `_strict=true` on every query (ignored),
 * arrays as repeated keys, the empty array as `key=`, null as `key=`.
 */
export function queryParams(query: Record<string, string | string[] | undefined>, kinds: QueryKinds): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(query)) {
    if (key === "_strict" || value === undefined) continue;
    if (kinds.arrays?.includes(key)) params[key] = toArray(value);
    else if (value === "") params[key] = null;
    else if (kinds.integers?.includes(key) && typeof value === "string" && /^-?\d+$/.test(value)) params[key] = Number(value);
    else params[key] = value;
  }
  return params;
}

function toArray(value: string | string[]): string[] {
  if (Array.isArray(value)) return value;
  return value === "" ? [] : [value];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
