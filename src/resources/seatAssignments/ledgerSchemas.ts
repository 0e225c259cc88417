import * as z from "../../shared/zod";
import type { LedgerEntry } from "../../db/seatLedger";
import { IsoTimestamp, recordId, text } from "../../shared/text";
import { datadogPageMeta } from "../../surfaces/datadog";
import { DatadogPageMeta } from "./schemas";

/** GET /api/v2/seats/users/ledger: Datadog's filter[] and page[] parameters; any other is refused (400). */
export const LedgerQuery = z.strictObject({
  "filter[product_code]": z.optional(text({ min: 1, max: 100 })).check(z.meta({ description: "Only this product code's entries." })),
  "filter[user_uuid]": z.optional(recordId(100)).check(z.meta({ description: "Only this user's entries." })),
  "filter[from]": z.optional(IsoTimestamp).check(z.meta({ description: "Entries at or after this time (ISO 8601)." })),
  "filter[to]": z.optional(IsoTimestamp).check(z.meta({ description: "Entries before this time (ISO 8601)." })),
  "page[limit]": z
    ._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(1000)), 100)
    .check(z.meta({ description: "1 to 1,000 (default 100)." })),
  "page[cursor]": z
    .optional(
      z.pipe(
        text({ max: 20 }).check(z.regex(/^[1-9][0-9]{0,15}$/, "is not a cursor of the ledger (pass back meta.next_cursor)")),
        z.transform(Number),
      ),
    )
    .check(z.meta({ description: "The previous page's `meta.next_cursor`." })),
});
export type LedgerQuery = z.output<typeof LedgerQuery>;

const CAUSES = ["request", "admin", "user_deleted", "migration", "unattributed"] as const satisfies readonly LedgerEntry["cause"][];

export const SeatLedgerEntry = z
  .object({
    id: z.string().check(z.meta({ description: "The entry's place in the workspace's ledger (1, 2, ...)." })),
    type: z.literal("seat-ledger-entries"),
    attributes: z.object({
      product_code: z.string(),
      user_uuid: z.string(),
      direction: z.enum(["assigned", "unassigned"]),
      occurred_at: z.iso.datetime(),
      request_id: z
        .nullable(z.string())
        .check(z.meta({ description: "The request that made the change; for a cascade, the request whose write caused it." })),
      api_key_id: z.nullable(z.string()).check(z.meta({ description: "The API key that signed that request." })),
      cause: z.enum(CAUSES).check(
        z.meta({
          description: "`request`: that request changed the seat; `user_deleted`: the user's deletion took the seat along; " +
            "`migration`: held before the ledger existed; `admin`, `unattributed`: the operator, or SQL outside the API.",
        }),
      ),
    }),
  })
  .check(z.meta({ id: "SeatLedgerEntry" }));

export const SeatLedgerPage = z.object({ data: z.array(SeatLedgerEntry), meta: DatadogPageMeta });

/** One ledger entry in the JSON:API shape of Datadog's seat resources. */
export function toLedgerEntryWire(entry: LedgerEntry): z.infer<typeof SeatLedgerEntry> {
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
export function toLedgerPageWire(query: LedgerQuery, page: { items: LedgerEntry[]; hasMore: boolean }): z.infer<typeof SeatLedgerPage> {
  const cursor = query["page[cursor]"];
  const next = page.hasMore ? page.items.at(-1)?.seq : undefined;
  return {
    data: page.items.map(toLedgerEntryWire),
    meta: datadogPageMeta(cursor === undefined ? undefined : String(cursor), query["page[limit]"], next === undefined ? undefined : String(next)),
  };
}
