import * as z from "../../shared/zod";
import type { LedgerEntry } from "../../db/seatLedger";
import { IsoTimestamp, queryInteger, recordId, text } from "../../shared/text";
import { datadogPageMeta } from "../../surfaces/datadog";
import type { SeatLedgerEntryWire, SeatLedgerPageWire } from "./responses";

/** GET /api/v2/seats/users/ledger: Datadog's filter[] and page[] parameters; any other is refused (400). */
export const LedgerQuery = z.strictObject({
  "filter[product_code]": z.optional(text({ min: 1, max: 100 })).check(...z.described(DOCUMENTED && "Only this product code's entries.")),
  "filter[user_uuid]": z.optional(recordId(100)).check(...z.described(DOCUMENTED && "Only this user's entries.")),
  "filter[from]": z.optional(IsoTimestamp).check(...z.described(DOCUMENTED && "Entries at or after this time (ISO 8601).")),
  "filter[to]": z.optional(IsoTimestamp).check(...z.described(DOCUMENTED && "Entries before this time (ISO 8601).")),
  "page[limit]": queryInteger("page[limit]", 1, 1000, 100, DOCUMENTED && "1 to 1,000 (default 100)."),
  "page[cursor]": z
    .optional(
      z.pipe(
        text({ max: 20 }).check(z.regex(/^[1-9][0-9]{0,15}$/, "is not a cursor of the ledger (pass back meta.next_cursor)")),
        z.transform(Number),
      ),
    )
    .check(...z.described(DOCUMENTED && "The previous page's `meta.next_cursor`.")),
});
export type LedgerQuery = z.output<typeof LedgerQuery>;

/** One ledger entry in the JSON:API shape of Datadog's seat resources. */
export function toLedgerEntryWire(entry: LedgerEntry): SeatLedgerEntryWire {
  return {
    id: String(entry.seq),
    type: "seat-ledger-entries",
    attributes: {
      product_code: entry.productCode,
      user_uuid: entry.userId,
      direction: entry.direction,
      occurred_at: entry.at,
      request_id: entry.requestId,
      api_key_id: entry.keyId,
      cause: entry.cause,
    },
  };
}

/** A page of the ledger: its entries and Datadog's cursor meta. */
export function toLedgerPageWire(query: LedgerQuery, page: { items: LedgerEntry[]; hasMore: boolean }): SeatLedgerPageWire {
  const cursor = query["page[cursor]"];
  const next = page.hasMore ? page.items.at(-1)?.seq : undefined;
  return {
    data: page.items.map(toLedgerEntryWire),
    meta: datadogPageMeta(cursor === undefined ? undefined : String(cursor), query["page[limit]"], next === undefined ? undefined : String(next)),
  };
}
