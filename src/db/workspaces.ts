import { mintId } from "../shared/ids";
import { keysetPage, keysetTail, type KeysetPage } from "./keyset";
import { Params } from "./params";

export interface Workspace {
  id: string;
  name: string;
  createdAt: string;
}

interface WorkspaceRow {
  id: string;
  name: string;
  created_at: string;
}

const toWorkspace = (row: WorkspaceRow): Workspace => ({ id: row.id, name: row.name, createdAt: row.created_at });

/** Inserts a workspace; a taken name surfaces as a UNIQUE violation on workspaces.name. */
export async function insertWorkspace(db: D1Database, name: string): Promise<Workspace> {
  const { id, now } = mintId();
  await db.prepare("INSERT INTO workspaces (id, name, created_at) VALUES (?1, ?2, ?3)").bind(id, name, now).run();
  return { id, name, createdAt: now };
}

/** The workspace with this id, or null. */
export async function findWorkspace(db: D1Database, id: string): Promise<Workspace | null> {
  const row = await db.prepare("SELECT id, name, created_at FROM workspaces WHERE id = ?1").bind(id).first<WorkspaceRow>();
  return row && toWorkspace(row);
}

/** Workspaces in creation order, a page after `page.after`; `name` keeps only the one of that exact name. */
export async function listWorkspaces(
  db: D1Database,
  page: Pick<KeysetPage, "limit" | "after">,
  name?: string,
): Promise<{ items: Workspace[]; hasMore: boolean }> {
  const params = new Params();
  const where = name === undefined ? "TRUE" : `name = ${params.add(name)}`;
  const { results } = await db
    .prepare(`SELECT id, name, created_at FROM workspaces WHERE ${where} ${keysetTail(page, params)}`)
    .bind(...params.values)
    .all<WorkspaceRow>();
  const { items, hasMore } = keysetPage(results, page);
  return { items: items.map(toWorkspace), hasMore };
}
