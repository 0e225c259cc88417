// The answers' schemas: only the route table's docs name them, so the Worker's build drops them
// (docs/bundle-and-startup.md); the wire mappers in ./schemas.ts use their types.
import * as z from "../../shared/zod";
import { SequencePage } from "../../surfaces/pageResponses";

export const SeatMetricResponse = z
  .object({
    id: z.uuid(),
    seatType: z.string(),
    createdBy: z.string(),
    label: z.string(),
    description: z.optional(z.string()),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    maxSeats: z.optional(z.number().check(z.int(), z.minimum(0))),
  })
  .check(z.meta({ id: "SeatMetric" }));

export const SeatMetricPage = SequencePage(SeatMetricResponse);

export type SeatMetricWire = z.infer<typeof SeatMetricResponse>;
