// The answers' schemas: only the route table's docs name them, so the Worker's build leaves them
// out (docs/bundle-and-startup.md). The wire mappers use their types only.
import * as z from "../../shared/zod";

export const SeatResponse = z
  .object({
    seat_id: z.uuid(),
    account: z.string(),
    email: z.optional(z.string()),
    first_name: z.nullable(z.string()),
    last_name: z.nullable(z.string()),
    forwarding_number: z.nullable(z.string()),
    created_at: z.iso.datetime(),
  })
  .check(z.meta({ id: "Seat" }));

export const SeatListResponse = z.array(SeatResponse);
export const SeatCountResponse = z.object({ count: z.number().check(z.int(), z.nonnegative()) });
export const SeatRetrieveResponse = z.object({ status: z.literal("OK"), seat: SeatResponse });

export type SeatWire = z.infer<typeof SeatResponse>;
