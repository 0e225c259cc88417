// The feed's answer schemas: only the route table's docs name them, so the Worker's build leaves
// them out (docs/bundle-and-startup.md).
import * as z from "../shared/zod";
import { EventType } from "./schemas";

export const EventResponse = z
  .object({
    id: z.string().check(z.meta({ description: "Also the `webhook-id` of its deliveries: de-duplicate by it." })),
    type: EventType,
    timestamp: z.iso.datetime(),
    workspace_id: z.string(),
    request_id: z.nullable(z.string()).check(z.meta({ description: "The request that caused it; null for a cascade." })),
    data: z.unknown().check(z.meta({ description: "The resource as its own surface answers it (docs/events-and-webhooks.md)." })),
  })
  .check(z.meta({ id: "Event" }));

export const EventPage = z.object({
  items: z.array(EventResponse),
  pagination: z.object({
    after: z.nullable(z.string()).check(z.meta({ description: "Cursor of the next page; null on the last page." })),
    resumeAfter: z.nullable(z.string()).check(
      z.meta({ description: "The `after` to poll with later for only newer events: this page's last event, or the `after` sent when the page is empty (null when neither)." }),
    ),
  }),
});
