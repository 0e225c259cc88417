import * as z from "zod";
import { BOOKMARK } from "../shared/bookmark";

// Headers the document lists on operations by what they are (signed in, a write), not by surface.

/** A write's retry key, on every signed-in and admin write (src/http/idempotency.ts, docs/retries-and-limits.md). */
export const IDEMPOTENCY_KEY = {
  "Idempotency-Key": z.string().min(1).max(255).regex(/^[\x20-\x7e]+$/).optional().meta({
    description: "Makes the request safe to retry: a retry with the same key gets the first answer (`Idempotent-Replayed: true`) " +
      "for 24 hours and never runs twice. The same key with another request is refused with 422 (`idempotency_key_reused`), " +
      "and while the first request with the key has not answered, with 409 (`idempotency_key_in_progress`, with `Retry-After`): " +
      "on every operation that takes the header, whether or not its responses list those statuses for its own refusals.",
  }),
};

const bookmark = (description: string) => z.string().regex(BOOKMARK).optional().meta({ description });

/** The bookmark a tenant key's request may send back (src/auth/session.ts, docs/key-check.md). */
export const BOOKMARK_SENT = {
  "x-d1-bookmark": bookmark(
    "The `x-d1-bookmark` of an earlier answer: this request then reads at least what that one saw or wrote, " +
      "even from a read replica. Anything but a bookmark this API returned is refused with 400.",
  ),
};

/** The bookmark on answers to signed-in and admin requests. */
export const BOOKMARK_ANSWERED = {
  "x-d1-bookmark": bookmark(
    "On answers to signed-in and admin requests: how far into D1's history this request read or wrote; send it back on the next request to read your own writes. " +
      "Absent when the credentials were refused, and on a write refused whole when none was sent.",
  ),
};
