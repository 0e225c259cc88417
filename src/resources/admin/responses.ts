// The answers' schemas: only the route table's docs name them, so the Worker's build leaves them
// out (docs/bundle-and-startup.md). The wire mappers use their types only.
import * as z from "../../shared/zod";
import { Permission } from "../../shared/permissions";

export const WorkspaceResponse = z
  .object({ id: z.uuid(), name: z.string(), created_at: z.iso.datetime() })
  .check(z.meta({ id: "Workspace" }));

/** `{"items", "next_cursor"}`: next_cursor is null on the last page. */
function AdminPage<T extends z.core.$ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    next_cursor: z.nullable(z.string()).check(z.meta({ description: "Pass as `cursor` for the next page; null on the last page." })),
  });
}

export const WorkspacePage = AdminPage(WorkspaceResponse).check(z.meta({ id: "WorkspacePage" }));

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

export const ApiKeyPage = AdminPage(ApiKeySummary).check(z.meta({ id: "ApiKeyPage" }));

export type ApiKeyWire = z.infer<typeof ApiKeyResponse>;
export type WorkspaceWire = z.infer<typeof WorkspaceResponse>;
export type ApiKeySummaryWire = z.infer<typeof ApiKeySummary>;
