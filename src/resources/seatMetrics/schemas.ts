import * as z from "../../shared/zod";
import type { SeatMetric } from "../../db/seatMetrics";
import type { SeatMetricWire } from "./responses";
import { SeatType } from "../../shared/seatType";
import { nameText, text } from "../../shared/text";

/**
 * Seatkeeper extension: the most users that may hold a seat of this type at
 * once (Datadog product code), or null for no cap.
 */
const MaxSeats = z.nullable(z.number().check(z.int(), z.minimum(0), z.maximum(1_000_000_000)));

const Label = nameText(200);
/** Free text that may span lines; null (Sequence's CreateSeatMetricRequest makes it nullable) means none. */
const Description = z.nullable(text({ kind: "prose", max: 2000 }));

export type CreateSeatMetricBody = z.output<typeof CreateSeatMetricBody>;
export const CreateSeatMetricBody = z.object({
  seatType: SeatType,
  label: Label,
  description: z.optional(Description),
  maxSeats: z.optional(MaxSeats),
});

/**
 * PUT body: label, description and maxSeats change (each may be left out,
 * though Sequence requires label); seatType may be repeated but never
 * changed. A body naming none of them would change nothing: refused.
 */
export type UpdateSeatMetricBody = z.output<typeof UpdateSeatMetricBody>;
export const UpdateSeatMetricBody = z
  .object({
    seatType: z.optional(text({ max: 100 })),
    label: z.optional(Label),
    description: z.optional(Description),
    maxSeats: z.optional(MaxSeats),
  })
  .check(z.refine((body) => Object.keys(body).length > 0, "Name a field to change: label, description or maxSeats"));

/**
 * The Sequence wire shape of a seat metric. `description` and the extension
 * field `maxSeats` are omitted when unset, so a metric without a cap is
 * exactly what Sequence documents.
 */
export function toSeatMetricWire(metric: SeatMetric): SeatMetricWire {
  return {
    id: metric.id,
    seatType: metric.seatType,
    createdBy: metric.createdBy,
    label: metric.label,
    ...(metric.description !== null && { description: metric.description }),
    createdAt: metric.createdAt,
    updatedAt: metric.updatedAt,
    ...(metric.maxSeats !== null && { maxSeats: metric.maxSeats }),
  };
}
