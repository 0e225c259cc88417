/**
 * The benchmark's rows. To benchmark an endpoint, add one Scenario (see
 * types.ts) to a list here, or to the module of its resource.
 *
 * `scenarios`: endpoints on main; each must answer as expected.
 * `pending`: endpoints of issues being built (3, 4, 5), written from the
 * issue texts and seeds; a row is skipped, with a note, while its route
 * answers 404, and runs as soon as the route exists.
 */
import { customers } from "./customers.ts";
import { foundation } from "./foundation.ts";
import { people } from "./people.ts";
import { seats } from "./seats.ts";
import type { Scenario } from "./types.ts";

export const scenarios: Scenario[] = [...foundation];

export const pending: Scenario[] = [...people, ...customers, ...seats];
