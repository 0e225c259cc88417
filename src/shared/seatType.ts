import * as z from "./zod";
import { text } from "./text";

/**
 * A seat type, which is also a product code: lower snake case, as Sequence
 * asks (`admin`, `admin_user`).
 */
export const SeatType = text({ max: 100 }).check(z.regex(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/, "seatType must be lower snake case, e.g. admin_user"));
