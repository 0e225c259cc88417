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

/** A key's row as the operator lists it (never with its secret hash). */
interface ListedKeyRow {
  id: string;
  workspace_id: string;
  label: string;
  permissions: string;
  created_at: string;
  revoked_at: string | null;
}

/**
 * Inserts a key into its workspace, in one statement that finds the
 * workspace too; null (nothing written) when the workspace does not exist.
 */
export async function insertApiKey(
  db: D1Database,
  key: Pick<ApiKey, "id" | "workspaceId" | "label" | "secretHash" | "permissions">,
): Promise<ApiKey | null> {
  const now = nowIso();
  const result = await db
    .prepare(
      `INSERT INTO api_keys (id, workspace_id, label, secret_hash, permissions, created_at)
       SELECT ?1, id, ?3, ?4, ?5, ?6 FROM workspaces WHERE id = ?2`,
    )
    .bind(key.id, key.workspaceId, key.label, key.secretHash, JSON.stringify(key.permissions), now)
    .run();
  return result.meta.changes > 0 ? { ...key, createdAt: now } : null;
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

/** The messages of the key gates' RAISEs (migrations 0010, 0025). */
export const KEY_GATE_REFUSALS = { inactive: "api_key_inactive", lacksPermission: "api_key_lacks_permission" } as const;

/**
 * The first statement of a batch that writes (migrations 0010, 0025):
 * aborts the whole batch unless the key is active, has this secret hash and
 * holds one of `anyOf`, then makes request `requestId` of this key the
 * batch's writer (the write context, src/db/writeContext.ts). One statement
 * for both; it makes the batch a write transaction.
 */
export function keyGateStatement(
  db: Pick<D1Database, "prepare">,
  id: string,
  secretHash: string,
  anyOf: readonly Permission[],
  requestId: string,
): D1PreparedStatement {
  return db
    .prepare("INSERT INTO key_gate_with_context (key_id, secret_hash, any_of, request_id) VALUES (?1, ?2, ?3, ?4)")
    .bind(id, secretHash, JSON.stringify(anyOf), requestId);
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
 * api_keys_by_workspace), a page after the key `page.after`, in one batch
 * that also finds the workspace: "no_workspace", or "bad_cursor" when
 * `page.after` names no key of this workspace.
 */
export async function listApiKeys(
  db: D1Database,
  workspaceId: string,
  page: Pick<KeysetPage, "limit" | "after">,
): Promise<{ items: ListedApiKey[]; hasMore: boolean } | "no_workspace" | "bad_cursor"> {
  const params = new Params([workspaceId]);
  const after = page.after === undefined ? "" : `AND rowid > ${keyPosition(params.add(page.after))}`;
  const pageSql = `SELECT id, workspace_id, label, permissions, created_at, revoked_at FROM api_keys
    WHERE workspace_id = ?1 ${after} ORDER BY rowid LIMIT ${params.add(page.limit + 1)}`;
  const cursor = page.after === undefined ? "1" : `${keyPosition("?2")} IS NOT NULL`;
  const [found, rows] = await db.batch<unknown>([
    db
      .prepare(`SELECT EXISTS (SELECT 1 FROM workspaces WHERE id = ?1) AS workspace, ${cursor} AS cursor`)
      .bind(workspaceId, ...(page.after === undefined ? [] : [page.after])),
    db.prepare(pageSql).bind(...params.values),
  ]);
  const { workspace, cursor: known } = found!.results[0] as { workspace: number; cursor: number };
  if (!workspace) return "no_workspace";
  if (!known) return "bad_cursor";
  const { items, hasMore } = keysetPage(rows!.results as ListedKeyRow[], page);
  return { items: items.map(toListedKey), hasMore };
}

const toListedKey = (row: ListedKeyRow): ListedApiKey => ({
  id: row.id,
  workspaceId: row.workspace_id,
  label: row.label,
  permissions: JSON.parse(row.permissions) as Permission[],
  createdAt: row.created_at,
  revokedAt: row.revoked_at,
});
