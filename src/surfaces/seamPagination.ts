import * as z from "../shared/zod";
import { text } from "../shared/text";
import type { SeamPaginationWire } from "./pageResponses";

/** Seam's page size: 500 unless asked otherwise; larger requests are capped (the cursor carries on). */
const SEAM_MAX_LIMIT = 500;

/**
 * `page_cursor`: opaque to the client; here the base64url of the last id of
 * the previous page (a keyset position). Decodes to that id, or fails the
 * field. null (the SDK's `page_cursor=`) means the first page.
 */
export const PageCursor = z.pipe(
  z.optional(z.nullable(text({ max: 200 }))),
  z.transform((cursor, ctx) => {
    if (cursor === null || cursor === undefined) return undefined;
    const after = decodeCursor(cursor);
    if (after === undefined) {
      ctx.issues.push({ code: "custom", message: "page_cursor is not a cursor returned by this API", input: cursor });
      return z.NEVER;
    }
    return after;
  }),
);

export const SeamLimit = z.pipe(
  z._default(z.number().check(z.int(), z.positive()), SEAM_MAX_LIMIT),
  z.transform((limit: number) => Math.min(limit, SEAM_MAX_LIMIT)),
);

/**
 * Seam's `pagination` for a page whose last id is `lastId`. The next page's
 * URL repeats the request with `page_cursor` replaced; for a POST, whose
 * parameters were in the body, they are written into the query of a GET URL.
 * Its origin is the configured `publicUrl` (the PUBLIC_URL var), never the
 * request's Host header, which the client chooses.
 */
export function seamPagination(
  request: { method: string; parsedUrl: URL },
  publicUrl: string,
  params: Record<string, unknown>,
  page: { hasMore: boolean; lastId: string | undefined },
): SeamPaginationWire {
  if (!page.hasMore || page.lastId === undefined) {
    return { has_next_page: false, next_page_cursor: null, next_page_url: null };
  }
  const cursor = encodeCursor(page.lastId);
  const asked = request.parsedUrl;
  const url = new URL(`${asked.pathname}${asked.search}`, publicUrl);
  if (request.method !== "GET") url.search = queryFor(params).toString();
  url.searchParams.set("page_cursor", cursor);
  return { has_next_page: true, next_page_cursor: cursor, next_page_url: url.toString() };
}

function queryFor(params: Record<string, unknown>): URLSearchParams {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (Array.isArray(value)) {
      if (value.length === 0) query.set(key, "");
      for (const item of value) query.append(key, String(item));
    } else if (value !== undefined && value !== null) {
      query.set(key, String(value));
    }
  }
  return query;
}

function encodeCursor(id: string): string {
  return btoa(id).replaceAll("+", "-").replaceAll("/", "_").replaceAll("=", "");
}

function decodeCursor(cursor: string): string | undefined {
  try {
    const id = atob(cursor.replaceAll("-", "+").replaceAll("_", "/"));
    return z.uuid().safeParse(id).success ? id : undefined;
  } catch {
    return undefined;
  }
}
