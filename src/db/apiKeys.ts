import type { Permission } from "../shared/permissions";
import { nowIso } from "../shared/ids";

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
 * (src/db/userSearchIndex.ts). Like the workspace itself, it never changes.
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

const toApiKey = (row: ApiKeyRow): ApiKey => ({
  id: row.id,
  workspaceId: row.workspace_id,
  label: row.label,
  secretHash: row.secret_hash,
  permissions: JSON.parse(row.permissions) as Permission[],
  createdAt: row.created_at,
});

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
