import type { z } from "zod";
import { parseBody } from "../../http/body";
import { conflict } from "../../http/errors";
import type { Handler } from "../../http/context";
import { isUniqueViolation } from "../../db/constraints";
import { insertWorkspace } from "../../db/workspaces";
import { CreateWorkspaceBody, type WorkspaceResponse } from "./schemas";

/** POST /admin/workspaces: a new tenant; its name is Sendblue's `account`. */
export const createWorkspace: Handler = async (request) => {
  const { name } = await parseBody(request, CreateWorkspaceBody);
  try {
    const workspace = await insertWorkspace(request.db, name);
    const body: z.infer<typeof WorkspaceResponse> = { id: workspace.id, name: workspace.name, created_at: workspace.createdAt };
    return Response.json(body, { status: 201 });
  } catch (error) {
    if (isUniqueViolation(error, "workspaces.name")) throw conflict("workspace_name_taken", `A workspace named '${name}' already exists`);
    throw error;
  }
};
