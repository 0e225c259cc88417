// The answers' schemas: only the route table's docs name them, so the Worker's build leaves them
// out (docs/bundle-and-startup.md). The wire mappers use their types only.
import * as z from "../../shared/zod";
import type { LedgerEntry } from "../../db/seatLedger";

const CAUSES = ["request", "admin", "user_deleted", "migration", "unattributed"] as const satisfies readonly LedgerEntry["cause"][];

export const AssignSeatsResponse = z.object({
  data: z.object({
    id: z.string(),
    type: z.literal("seat-assignments"),
    attributes: z.object({
      assigned_ids: z.array(z.string()),
      product_code: z.string(),
    }),
  }),
});

export const SeatUser = z
  .object({
    id: z.string(),
    type: z.literal("seat-users"),
    attributes: z.object({
      assigned_at: z.iso.datetime(),
      email: z.optional(z.string()),
      name: z.optional(z.string()),
    }),
  })
  .check(z.meta({ id: "SeatUser" }));

/** Datadog's cursor page `meta` (its SeatUserMeta): both cursors are strings, absent (never null) when there is none. */
export const DatadogPageMeta = z.object({
  cursor: z.optional(z.string()).check(z.meta({ description: "The page[cursor] this page was asked with; absent on the first page." })),
  limit: z.number().check(z.int()),
  next_cursor: z.optional(z.string()).check(z.meta({ description: "The cursor of the next page; absent on the last page." })),
});

export const SeatUsersResponse = z.object({
  data: z.array(SeatUser),
  meta: DatadogPageMeta,
});

// The seat ledger
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

export type AssignSeatsWire = z.infer<typeof AssignSeatsResponse>;
export type SeatUserWire = z.infer<typeof SeatUser>;
export type DatadogPageMetaWire = z.infer<typeof DatadogPageMeta>;
export type SeatLedgerEntryWire = z.infer<typeof SeatLedgerEntry>;
export type SeatLedgerPageWire = z.infer<typeof SeatLedgerPage>;
