import * as z from "zod";
import { Permission } from "../../shared/permissions";
import { nameText } from "../../shared/text";

export const CreateWorkspaceBody = z.strictObject({
  name: nameText(200),
});
export type CreateWorkspaceBody = z.output<typeof CreateWorkspaceBody>;

export const WorkspaceResponse = z
  .object({ id: z.uuid(), name: z.string(), created_at: z.iso.datetime() })
  .meta({ id: "Workspace" });

export const CreateApiKeyBody = z.strictObject({
  label: nameText(200),
  permissions: z.array(Permission).optional().meta({ description: "Defaults to every permission." }),
});
export type CreateApiKeyBody = z.output<typeof CreateApiKeyBody>;

/** The only answer that ever shows the secret and token. */
export const ApiKeyResponse = z
  .object({
    id: z.string().meta({ description: "Public key id: Basic user name, `sb-api-key-id`, `DD-API-KEY`." }),
    workspace_id: z.uuid(),
    label: z.string(),
    secret: z.string().meta({ description: "Shown once; stored only as a hash." }),
    token: z.string().meta({ description: "`seam_<id>_<secret>`, for Seam's Bearer scheme." }),
    permissions: z.array(Permission),
    created_at: z.iso.datetime(),
  })
  .meta({ id: "ApiKey" });
