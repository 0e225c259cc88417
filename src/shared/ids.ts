import { v7 as uuidv7 } from "uuid";

/**
 * A new record id and its creation time from one clock reading. UUIDv7 ids
 * sort by creation time, so keyset pagination on the primary key is
 * creation order.
 */
export function mintId(): { id: string; now: string } {
  const msecs = Date.now();
  return { id: uuidv7({ msecs }), now: new Date(msecs).toISOString() };
}

/** The current time as an ISO 8601 timestamp. */
export function nowIso(): string {
  return new Date().toISOString();
}
