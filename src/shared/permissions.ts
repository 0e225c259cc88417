import * as z from "./zod";

/**
 * The permission vocabulary. Datadog's seat permissions are used verbatim;
 * the other resources get a read and a write permission each.
 */
export const PERMISSIONS = [
  "billing_read",
  "billing_edit",
  "incident_read",
  "incident_write",
  "on_call_read",
  "on_call_write",
  "seat_metrics_read",
  "seat_metrics_write",
  "customers_read",
  "customers_write",
  "users_read",
  "users_write",
  "events_read",
] as const;

export const Permission = z.enum(PERMISSIONS);
export type Permission = z.infer<typeof Permission>;
