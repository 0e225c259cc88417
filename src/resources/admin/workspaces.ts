import type { z } from "zod";
import { conflict } from "../../shared/errors";
import type { Handler } from "../../shared/route";
import { isUniqueViolation } from "../../db/constraints";
import { insertWorkspace } from "../../db/workspaces";
import type { CreateWorkspaceBody, WorkspaceResponse } from "./schemas";

/** POST /admin/workspaces: a new tenant; its name is Sendblue's `account`. */
export const createWorkspace: Handler<{ body: CreateWorkspaceBody }> = async ({ body: { name } }, request) => {
  try {
    const workspace = await insertWorkspace(request.db, name);
    const body: z.infer<typeof WorkspaceResponse> = { id: workspace.id, name: workspace.name, created_at: workspace.createdAt };
    return Response.json(body, { status: 201 });
  } catch (error) {
    if (isUniqueViolation(error, "workspaces.name")) throw conflict("workspace_name_taken", `A workspace named '${name}' already exists`);
    throw error;
  }
};
