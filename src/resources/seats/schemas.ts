import * as z from "../../shared/zod";
import type { UserWithAccount } from "../../db/users";
import type { SeatWire } from "./responses";
import { queryInteger, text } from "../../shared/text";

/** The largest `limit` Sendblue's list accepts here; more is refused, never silently capped. */
const SEATS_MAX_LIMIT = 500;

/** `email` exact match (case-insensitive, as emails are unique case-insensitively). */
export const SeatCountQuery = z.object({ email: z.optional(text({ max: 320 })) });
export type SeatCountQuery = z.output<typeof SeatCountQuery>;

/**
 * `/api/v2/seats/{seat_id}`: a seat id or an auth subject (user identity
 * key), percent-decoded by the router. Not lower-cased here: a key is
 * compared exactly, only the id side ignores case (findUserByIdOrKey).
 */
export const SeatPathParams = z.object({ seat_id: text({ min: 1, max: 255 }) });

/** `limit` 1-500 (default 500) and `offset` from 0: offset pages in creation order. */
export const SeatListQuery = z.extend(SeatCountQuery, {
  limit: queryInteger("limit", 1, SEATS_MAX_LIMIT, SEATS_MAX_LIMIT),
  offset: queryInteger("offset", 0, Number.MAX_SAFE_INTEGER, 0),
});
export type SeatListQuery = z.output<typeof SeatListQuery>;

/**
 * The Sendblue wire shape of a user. `email` is omitted when the user has
 * none (Sendblue's SDK types it as an optional string, never null);
 * first_name is the full name's first word and last_name the rest.
 */
export function toSeatWire(user: UserWithAccount): SeatWire {
  const [firstName, lastName] = splitName(user.fullName);
  return {
    seat_id: user.id,
    account: user.account,
    ...(user.emailAddress !== null && { email: user.emailAddress }),
    first_name: firstName,
    last_name: lastName,
    forwarding_number: user.phoneNumber,
    created_at: user.createdAt,
  };
}

function splitName(fullName: string | null): [string | null, string | null] {
  const words = fullName?.trim().split(/\s+/) ?? [];
  const [first, ...rest] = words;
  return [first || null, rest.length > 0 ? rest.join(" ") : null];
}
