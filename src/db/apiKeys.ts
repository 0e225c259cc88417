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
 * What a request learns about its key from D1: the facts that never change
 * for a key id (its workspace, secret hash and permissions), and whether it
 * is still active, which must be asked on every request (src/db/keyGate.ts).
 */
export interface KeyFacts extends Pick<ApiKey, "id" | "workspaceId" | "secretHash" | "permissions"> {
  active: boolean;
}

interface KeyFactsRow {
  id: string;
  workspace_id: string;
  secret_hash: string;
  permissions: string;
  active: number;
}

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

/** Reads a key's facts: one row of the primary key, read-only, to ride in any batch. */
export function keyFactsStatement(db: Pick<D1Database, "prepare">, id: string): D1PreparedStatement {
  return db
    .prepare("SELECT id, workspace_id, secret_hash, permissions, revoked_at IS NULL AS active FROM api_keys WHERE id = ?1")
    .bind(id);
}

/** The facts keyFactsStatement read; null when no key has the id. */
export function keyFactsOf(result: D1Result): KeyFacts | null {
  const row = result.results[0] as KeyFactsRow | undefined;
  if (!row) return null;
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    secretHash: row.secret_hash,
    permissions: JSON.parse(row.permissions) as Permission[],
    active: row.active === 1,
  };
}

/** The messages of key_gate_check's RAISEs (migration 0010). */
export const KEY_GATE_REFUSALS = { inactive: "api_key_inactive", lacksPermission: "api_key_lacks_permission" } as const;

/**
 * The first statement of a batch that writes (migration 0010): aborts the
 * whole batch unless the key is active, has this secret hash and holds one
 * of `anyOf`. Writes nothing itself, but makes the batch a write transaction.
 */
export function keyGateStatement(
  db: Pick<D1Database, "prepare">,
  id: string,
  secretHash: string,
  anyOf: readonly Permission[],
): D1PreparedStatement {
  return db
    .prepare("INSERT INTO key_gate (key_id, secret_hash, any_of) VALUES (?1, ?2, ?3)")
    .bind(id, secretHash, JSON.stringify(anyOf));
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
