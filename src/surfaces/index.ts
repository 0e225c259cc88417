import { datadog } from "./datadog";
import { seam } from "./seam";
import { sendblue } from "./sendblue";
import { sequence } from "./sequence";
import { service } from "./service";
import type { Surface } from "../shared/surface";

export type { Surface } from "../shared/surface";

/**
 * Which vendor's conventions a path speaks. Decided by path alone, so that
 * 404s and 405s are rendered in the vendor's shape too. Order matters:
 * Datadog's /api/v2/seats/users sits inside Sendblue's /api/v2/seats.
 */
export function surfaceFor(pathname: string): Surface {
  if (pathname === "/api/v2/seats/users" || pathname.startsWith("/api/v2/seats/users/")) return datadog;
  if (pathname === "/api/v2/seats" || pathname.startsWith("/api/v2/seats/")) return sendblue;
  if (pathname.startsWith("/api/")) return sequence;
  if (pathname.startsWith("/user_identities/")) return seam;
  return service;
}
