import * as z from "../../shared/zod";
import type { ListedApiKey } from "../../db/apiKeys";
import type { Workspace } from "../../db/workspaces";
import { Permission } from "../../shared/permissions";
import { nameText, text, Uuid } from "../../shared/text";

export const CreateWorkspaceBody = z.strictObject({
  name: nameText(200),
});
export type CreateWorkspaceBody = z.output<typeof CreateWorkspaceBody>;

export const WorkspaceResponse = z
  .object({ id: z.uuid(), name: z.string(), created_at: z.iso.datetime() })
  .check(z.meta({ id: "Workspace" }));

/** The admin API's wire form of a workspace. */
export const toWorkspaceWire = (workspace: Workspace): z.infer<typeof WorkspaceResponse> => ({
  id: workspace.id,
  name: workspace.name,
  created_at: workspace.createdAt,
});

/**
 * The admin API's pages: `limit` 1-100 (default 20), `cursor` the previous
 * page's `next_cursor`; forward only, in creation order.
 */
const AdminPageQuery = z.strictObject({
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100)), 20),
});

/** `{"items", "next_cursor"}`: next_cursor is null on the last page. */
function AdminPage<T extends z.core.$ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    next_cursor: z.nullable(z.string()).check(z.meta({ description: "Pass as `cursor` for the next page; null on the last page." })),
  });
}

/** An admin page of `items`, its cursor the id of its last item when more follow. */
export function adminPage<T extends { id: string }, W>(page: { items: T[]; hasMore: boolean }, toWire: (item: T) => W) {
  return { items: page.items.map(toWire), next_cursor: page.hasMore ? (page.items.at(-1)?.id ?? null) : null };
}

export const WorkspaceListQuery = z.extend(AdminPageQuery, {
  cursor: z.optional(Uuid),
  name: z.optional(nameText(200)).check(z.meta({ description: "Only the workspace of exactly this name." })),
});
export type WorkspaceListQuery = z.output<typeof WorkspaceListQuery>;

export const WorkspacePage = AdminPage(WorkspaceResponse).check(z.meta({ id: "WorkspacePage" }));

export const CreateApiKeyBody = z.strictObject({
  label: nameText(200),
  permissions: z.optional(z.array(Permission)).check(z.meta({ description: "Defaults to every permission." })),
});
export type CreateApiKeyBody = z.output<typeof CreateApiKeyBody>;

/** The only answer that ever shows the secret and token. */
export const ApiKeyResponse = z
  .object({
    id: z.string().check(z.meta({ description: "Public key id: Basic user name, `sb-api-key-id`, `DD-API-KEY`." })),
    workspace_id: z.uuid(),
    label: z.string(),
    secret: z.string().check(z.meta({ description: "Shown once; stored only as a hash." })),
    token: z.string().check(z.meta({ description: "`seam_<id>_<secret>`, for Seam's Bearer scheme." })),
    permissions: z.array(Permission),
    created_at: z.iso.datetime(),
  })
  .check(z.meta({ id: "ApiKey" }));

/** A key as GET /admin/workspaces/{id}/api-keys lists it: never the secret, the token or the hash. */
export const ApiKeySummary = z
  .object({
    id: z.string(),
    workspace_id: z.uuid(),
    label: z.string(),
    permissions: z.array(Permission),
    created_at: z.iso.datetime(),
    revoked_at: z.nullable(z.iso.datetime()).check(z.meta({ description: "When the key was revoked; null while it works." })),
  })
  .check(z.meta({ id: "ApiKeySummary" }));

export const toApiKeySummaryWire = (key: ListedApiKey): z.infer<typeof ApiKeySummary> => ({
  id: key.id,
  workspace_id: key.workspaceId,
  label: key.label,
  permissions: key.permissions,
  created_at: key.createdAt,
  revoked_at: key.revokedAt,
});

export const ApiKeyListQuery = z.extend(AdminPageQuery, {
  cursor: z.optional(text({ max: 32 }).check(z.regex(/^[0-9a-f]{32}$/, "cursor must be a next_cursor of this list"))),
});
export type ApiKeyListQuery = z.output<typeof ApiKeyListQuery>;

export const ApiKeyPage = AdminPage(ApiKeySummary).check(z.meta({ id: "ApiKeyPage" }));
