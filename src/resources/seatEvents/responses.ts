// The answers' schemas: only the route table's docs name them, so the Worker's build leaves them
// out (docs/bundle-and-startup.md). The wire mappers use their types only.
import * as z from "../../shared/zod";
import { SequencePage } from "../../surfaces/pageResponses";

// Seat events
export const SeatEventResponse = z
  .object({
    id: z.uuid(),
    customerEventId: z.string(),
    customerAlias: z.string(),
    seatType: z.string(),
    sequenceAccountId: z.string().check(z.meta({ description: "The workspace id." })),
    eventTimestamp: z.iso.datetime(),
    total: z.number().check(z.int()),
  })
  .check(z.meta({ id: "SeatEvent" }));

/** Sequence's PaginationMeta: nullable cursors, and a total that is null when filters would make counting read every match. */
export const SeatEventPageResponse = z.object({
  items: z.array(SeatEventResponse),
  pagination: z.object({
    after: z.nullable(z.string()),
    before: z.nullable(z.string()),
    totalResultSize: z.nullable(z.number().check(z.int(), z.minimum(0))).check(
      z.meta({ description: "Current events of the workspace; null when a filter is given." }),
    ),
  }),
});

// Seat balances
const SeatBalance = z
  .object({
    seatType: z.string(),
    total: z.number().check(z.int()),
    changeTimestamp: z.iso.datetime(),
  })
  .check(z.meta({ id: "SeatBalance" }));

export const CustomerSeatBalancesResponse = z
  .object({
    id: z.uuid().check(z.meta({ description: "Customer ID" })),
    sequenceAccountId: z.string().check(z.meta({ description: "The workspace id." })),
    legalName: z.string(),
    customerAliases: z.array(z.string()),
    total: z.number().check(z.int(), z.meta({ description: "The sum of the balances." })),
    changeTimestamp: z.iso.datetime().check(
      z.meta({ description: "The latest of the balances' changes; the customer's creation time when it has none." }),
    ),
    balances: z.array(SeatBalance).check(z.meta({ description: "Per seat type that has had a seat event, in seatType order (0 included)." })),
  })
  .check(z.meta({ id: "CustomerSeatBalances" }));

export const SeatBalancePage = SequencePage(CustomerSeatBalancesResponse);

export type SeatEventWire = z.infer<typeof SeatEventResponse>;
export type CustomerSeatBalancesWire = z.infer<typeof CustomerSeatBalancesResponse>;
