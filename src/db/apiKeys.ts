import type { Permission } from "../shared/permissions";
import { nowIso } from "../shared/ids";
import { keysetPage, type KeysetPage } from "./keyset";
import { Params } from "./params";

export interface ApiKey {
  id: string;
  workspaceId: string;
  label: string;
  secretHash: string;
  permissions: Permission[];
  createdAt: string;
}

/**
 * An active key as the auth middleware reads it: with its workspace's
 * rowid, which numbers the workspace's partition of the search index
 * (src/db/search/trigramIndex.ts). Like the workspace itself, it never changes.
 */
export interface ActiveKey extends ApiKey {
  workspaceRowid: number;
}

interface ApiKeyRow {
  id: string;
  workspace_id: string;
  label: string;
  secret_hash: string;
  permissions: string;
  created_at: string;
}

/** The fields every reader may see: not the secret hash. */
const toKeyFields = (row: Omit<ApiKeyRow, "secret_hash">): Omit<ApiKey, "secretHash"> => ({
  id: row.id,
  workspaceId: row.workspace_id,
  label: row.label,
  permissions: JSON.parse(row.permissions) as Permission[],
  createdAt: row.created_at,
});

const toApiKey = (row: ApiKeyRow): ApiKey => ({ ...toKeyFields(row), secretHash: row.secret_hash });

export async function insertApiKey(
  db: D1Database,
  key: Pick<ApiKey, "id" | "workspaceId" | "label" | "secretHash" | "permissions">,
): Promise<ApiKey> {
  const now = nowIso();
  await db
    .prepare(
      "INSERT INTO api_keys (id, workspace_id, label, secret_hash, permissions, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )
    .bind(key.id, key.workspaceId, key.label, key.secretHash, JSON.stringify(key.permissions), now)
    .run();
  return { ...key, createdAt: now };
}

/** The key with this public id, unless it was revoked. */
export async function findActiveKey(db: D1Database, id: string): Promise<ActiveKey | null> {
  const row = await db
    .prepare(
      `SELECT k.id, k.workspace_id, w.rowid AS workspace_rowid, k.label, k.secret_hash, k.permissions, k.created_at
         FROM api_keys AS k JOIN workspaces AS w ON w.id = k.workspace_id
        WHERE k.id = ?1 AND k.revoked_at IS NULL`,
    )
    .bind(id)
    .first<ApiKeyRow & { workspace_rowid: number }>();
  return row && { ...toApiKey(row), workspaceRowid: row.workspace_rowid };
}

/** Marks a key revoked; false when there was no active key with this id. */
export async function revokeApiKey(db: D1Database, id: string): Promise<boolean> {
  const now = nowIso();
  const result = await db
    .prepare("UPDATE api_keys SET revoked_at = ?2 WHERE id = ?1 AND revoked_at IS NULL")
    .bind(id, now)
    .run();
  return result.meta.changes > 0;
}

/** A key as the operator lists it: never its secret or the secret's hash. */
export interface ListedApiKey extends Omit<ApiKey, "secretHash"> {
  revokedAt: string | null;
}

/** SQL for the rowid of key `param` in workspace ?1: a key's place in creation order. */
const keyPosition = (param: string) => `(SELECT rowid FROM api_keys WHERE id = ${param} AND workspace_id = ?1)`;

/**
 * A workspace's keys, revoked ones included, in creation order (rowid, on
 * api_keys_by_workspace), a page after the key `page.after`. Undefined when
 * `page.after` names no key of this workspace.
 */
export async function listApiKeys(
  db: D1Database,
  workspaceId: string,
  page: Pick<KeysetPage, "limit" | "after">,
): Promise<{ items: ListedApiKey[]; hasMore: boolean } | undefined> {
  const params = new Params([workspaceId]);
  const after = page.after === undefined ? "" : `AND rowid > ${keyPosition(params.add(page.after))}`;
  const pageSql = `SELECT id, workspace_id, label, permissions, created_at, revoked_at FROM api_keys
    WHERE workspace_id = ?1 ${after} ORDER BY rowid LIMIT ${params.add(page.limit + 1)}`;
  const statements = [db.prepare(pageSql).bind(...params.values)];
  if (page.after !== undefined) {
    statements.push(db.prepare(`SELECT ${keyPosition("?2")} IS NOT NULL AS found`).bind(workspaceId, page.after));
  }
  const [rows, cursor] = await db.batch<unknown>(statements);
  if (cursor && !(cursor.results[0] as { found: number }).found) return undefined;
  type ListedRow = Omit<ApiKeyRow, "secret_hash"> & { revoked_at: string | null };
  const { items, hasMore } = keysetPage(rows!.results as ListedRow[], page);
  return { items: items.map((row) => ({ ...toKeyFields(row), revokedAt: row.revoked_at })), hasMore };
}
