import { env } from "cloudflare:workers";
import { call, expectJson } from "../helpers";
import type { DatadogCaller } from "../assignments/fixtures";

export const LEDGER = "/api/v2/seats/users/ledger";

/** A ledger entry as the API answers it. */
export interface WireEntry {
  id: string;
  type: "seat-ledger-entries";
  attributes: {
    product_code: string;
    user_uuid: string;
    direction: "assigned" | "unassigned";
    occurred_at: string;
    request_id: string | null;
    api_key_id: string | null;
    cause: string;
  };
}

/** One page of GET /api/v2/seats/users/ledger with `query` (already encoded). */
export async function ledgerPage(caller: DatadogCaller, query = ""): Promise<{ data: WireEntry[]; meta: Record<string, unknown> }> {
  return expectJson(await call("GET", `${LEDGER}${query ? `?${query}` : ""}`, caller.headers.datadog), 200);
}

/** Every entry, walking the pages of `limit` with the filters in `query`. */
export async function wholeLedger(caller: DatadogCaller, query = "", limit = 1000): Promise<WireEntry[]> {
  const entries: WireEntry[] = [];
  let cursor: unknown;
  do {
    const parts = [query, `page[limit]=${limit}`, cursor === undefined ? "" : `page[cursor]=${cursor}`].filter(Boolean);
    const page = await ledgerPage(caller, parts.join("&"));
    entries.push(...page.data);
    cursor = page.meta.next_cursor;
  } while (cursor !== undefined);
  return entries;
}

/** The holders of `productCode` that replaying `entries` in order gives; throws on an entry that cannot follow the ones before. */
export function replay(entries: WireEntry[], productCode: string, held = new Set<string>()): Set<string> {
  for (const { attributes: entry } of entries) {
    if (entry.product_code !== productCode) continue;
    const holds = held.has(entry.user_uuid);
    if (entry.direction === "assigned" === holds) throw new Error(`entry ${JSON.stringify(entry)} repeats the user's state`);
    if (entry.direction === "assigned") held.add(entry.user_uuid);
    else held.delete(entry.user_uuid);
  }
  return held;
}

/** Runs SQL straight on D1 (outside the API: no write context). */
export const sql = (statement: string, ...values: unknown[]) => env.DB.prepare(statement).bind(...values);
