/** Every event type Seatkeeper records (migration 0020): the feed's filter and a webhook endpoint's subscription name them. */
export const EVENT_TYPES = [
  "seat.assigned",
  "seat.unassigned",
  "seat_balance.changed",
  "user_identity.created",
  "user_identity.updated",
  "user_identity.deleted",
  "seat_metric.created",
  "seat_metric.updated",
  "seat_metric.deleted",
  "customer.created",
  "customer.updated",
  "customer.archived",
  "customer_organization.created",
  "customer_organization.updated",
  "customer_organization.deleted",
] as const;
