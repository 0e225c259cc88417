import { env } from "cloudflare:workers";
import { UserIdentityListEnvelope } from "../../../src/resources/userIdentities/responses";
import { expectJson, type Tenant } from "../helpers";
import { seamQuery } from "../users";

/** Walking a search's pages to the end, and what a plain substring scan finds instead. */

export interface Walk {
  ids: string[];
  pages: number;
  /** Pages that came back short (fewer than the limit) yet said there was more. */
  shortPages: number;
}

/** Follows next_page_cursor to the end. */
export async function walk(tenant: Tenant, query: string, limit: number): Promise<Walk> {
  const result: Walk = { ids: [], pages: 0, shortPages: 0 };
  let cursor: string | null = null;
  do {
    const path = `${query}&limit=${limit}${cursor ? `&page_cursor=${cursor}` : ""}`;
    const page = UserIdentityListEnvelope.parse(await expectJson(await seamQuery(tenant, "/user_identities/list", path), 200));
    result.ids.push(...page.user_identities.map((user) => user.user_identity_id));
    result.pages++;
    if (page.pagination.has_next_page && page.user_identities.length < limit) result.shortPages++;
    cursor = page.pagination.next_page_cursor;
  } while (cursor && result.pages < 100);
  return result;
}

/** What a substring scan over the workspace finds, with the ids that start with the term, in id order (the exact rule, in JavaScript). */
export async function bruteForce(workspaceId: string, search: string): Promise<string[]> {
  const { results } = await env.DB.prepare(
    "SELECT id, user_identity_key, email_address, phone_number, full_name FROM users WHERE workspace_id = ?1 ORDER BY id",
  )
    .bind(workspaceId)
    .all<Record<string, string | null>>();
  // Only ASCII letters fold, as in SQLite's lower().
  const fold = (text: string) => text.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
  const fields = ["user_identity_key", "email_address", "phone_number", "full_name"];
  const matches = (row: Record<string, string | null>) =>
    row.id!.startsWith(fold(search)) || fields.some((field) => row[field] != null && fold(row[field]).includes(fold(search)));
  return results.filter(matches).map((row) => row.id!);
}

export const query = (search: string) => `search=${encodeURIComponent(search)}`;
