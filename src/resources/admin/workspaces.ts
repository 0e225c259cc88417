import { conflict, notFound } from "../../shared/errors";
import type { Handler } from "../../shared/route";
import { isUniqueViolation } from "../../db/constraints";
import { findWorkspace, insertWorkspace, listWorkspaces as selectWorkspaces } from "../../db/workspaces";
import { adminPage, toWorkspaceWire, type CreateWorkspaceBody, type WorkspaceListQuery } from "./schemas";

/** POST /admin/workspaces: a new tenant; its name is Sendblue's `account`. */
export const createWorkspace: Handler<{ body: CreateWorkspaceBody }> = async ({ body: { name } }, request) => {
  try {
    const workspace = await insertWorkspace(request.db, name);
    return Response.json(toWorkspaceWire(workspace), { status: 201 });
  } catch (error) {
    if (isUniqueViolation(error, "workspaces.name")) throw conflict("workspace_name_taken", `A workspace named '${name}' already exists`);
    throw error;
  }
};

/** GET /admin/workspaces: every workspace in creation order, or the one named `name`. */
export const listWorkspaces: Handler<{ query: WorkspaceListQuery }> = async ({ query }, request) => {
  const page = await selectWorkspaces(request.db, { limit: query.limit, after: query.cursor }, query.name);
  return Response.json(adminPage(page, toWorkspaceWire));
};

/** GET /admin/workspaces/{id} */
export const getWorkspace: Handler<{ params: { id: string } }> = async ({ params }, request) => {
  const workspace = await findWorkspace(request.db, params.id);
  if (!workspace) throw notFound("workspace");
  return Response.json(toWorkspaceWire(workspace));
};
