import * as z from "../../shared/zod";
import type { ListedApiKey } from "../../db/apiKeys";
import type { Workspace } from "../../db/workspaces";
import type { ApiKeySummaryWire, WorkspaceWire } from "./responses";
import { Permission } from "../../shared/permissions";
import { nameText, PageLimit, text, Uuid } from "../../shared/text";

export const CreateWorkspaceBody = z.strictObject({
  name: nameText(200),
});
export type CreateWorkspaceBody = z.output<typeof CreateWorkspaceBody>;

/** The admin API's wire form of a workspace. */
export const toWorkspaceWire = (workspace: Workspace): WorkspaceWire => ({
  id: workspace.id,
  name: workspace.name,
  created_at: workspace.createdAt,
});

/**
 * The admin API's pages: `limit` 1-100 (default 20), `cursor` the previous
 * page's `next_cursor`; forward only, in creation order.
 */
const AdminPageQuery = z.strictObject({
  limit: PageLimit,
});

/** An admin page of `items`, its cursor the id of its last item when more follow. */
export function adminPage<T extends { id: string }, W>(page: { items: T[]; hasMore: boolean }, toWire: (item: T) => W) {
  return { items: page.items.map(toWire), next_cursor: page.hasMore ? (page.items.at(-1)?.id ?? null) : null };
}

export const WorkspaceListQuery = z.extend(AdminPageQuery, {
  cursor: z.optional(Uuid),
  name: z.optional(nameText(200)).check(...z.described(DOCUMENTED && "Only the workspace of exactly this name.")),
});
export type WorkspaceListQuery = z.output<typeof WorkspaceListQuery>;

export const CreateApiKeyBody = z.strictObject({
  label: nameText(200),
  permissions: z.optional(z.array(Permission)).check(...z.described(DOCUMENTED && "Defaults to every permission.")),
});
export type CreateApiKeyBody = z.output<typeof CreateApiKeyBody>;

export const toApiKeySummaryWire = (key: ListedApiKey): ApiKeySummaryWire => ({
  id: key.id,
  workspace_id: key.workspaceId,
  label: key.label,
  permissions: key.permissions,
  created_at: key.createdAt,
  revoked_at: key.revokedAt,
});

export const ApiKeyListQuery = z.extend(AdminPageQuery, {
  cursor: z.optional(text({ max: 64 }).check(z.regex(/^(?:[0-9a-f]{32}|[0-9a-f]{64})$/, "cursor must be a next_cursor of this list"))),
});
export type ApiKeyListQuery = z.output<typeof ApiKeyListQuery>;

