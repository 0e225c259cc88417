import { newRecord } from "./ids";
import { keysetPage, keysetTail, type KeysetPage } from "./keyset";

/** One person: a Seam user identity and a Sendblue seat are two views of it. */
export interface User {
  id: string;
  workspaceId: string;
  userIdentityKey: string | null;
  emailAddress: string | null;
  phoneNumber: string | null;
  fullName: string | null;
  createdAt: string;
}

/** A user with its workspace's name, which Sendblue calls the seat's `account`. */
export interface UserWithAccount extends User {
  account: string;
}

export type UserFields = Pick<User, "userIdentityKey" | "emailAddress" | "phoneNumber" | "fullName">;

/** The columns that are unique per workspace, named as Seam names the fields. */
export const UNIQUE_USER_COLUMNS = ["user_identity_key", "email_address", "phone_number"] as const;
export type UniqueUserColumn = (typeof UNIQUE_USER_COLUMNS)[number];

interface UserRow {
  id: string;
  workspace_id: string;
  user_identity_key: string | null;
  email_address: string | null;
  phone_number: string | null;
  full_name: string | null;
  created_at: string;
  account?: string;
}

const COLUMNS = "id, workspace_id, user_identity_key, email_address, phone_number, full_name, created_at";
// The same columns qualified for the join with workspaces (Sendblue's `account`).
const SEAT_COLUMNS = `${COLUMNS.replace(/(\w+)/g, "u.$1")}, w.name AS account`;
const SEAT_FROM = "users u JOIN workspaces w ON w.id = u.workspace_id";

const toUser = (row: UserRow): User => ({
  id: row.id,
  workspaceId: row.workspace_id,
  userIdentityKey: row.user_identity_key,
  emailAddress: row.email_address,
  phoneNumber: row.phone_number,
  fullName: row.full_name,
  createdAt: row.created_at,
});

const toUserWithAccount = (row: UserRow): UserWithAccount => ({ ...toUser(row), account: row.account ?? "" });

/** Which unique column a D1 error violated; undefined for any other error. */
export function violatedUniqueColumn(error: unknown): UniqueUserColumn | undefined {
  const message = error instanceof Error ? error.message : String(error);
  if (!message.includes("UNIQUE constraint failed")) return undefined;
  return UNIQUE_USER_COLUMNS.find((column) => message.includes(`users.${column}`));
}

/** Inserts a user; a taken key, email or phone surfaces as a UNIQUE violation (see violatedUniqueColumn). */
export async function insertUser(db: D1Database, workspaceId: string, fields: Partial<UserFields>): Promise<User> {
  const { id, now } = newRecord();
  const row = await db
    .prepare(`INSERT INTO users (${COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING ${COLUMNS}`)
    .bind(
      id,
      workspaceId,
      fields.userIdentityKey ?? null,
      fields.emailAddress ?? null,
      fields.phoneNumber ?? null,
      fields.fullName ?? null,
      now,
    )
    .first<UserRow>();
  return toUser(row!);
}

/** The user with this id and/or key (both must match when both are given); null when none. */
export async function findUser(
  db: D1Database,
  workspaceId: string,
  by: { id?: string | undefined; key?: string | undefined },
): Promise<User | null> {
  const row = await db
    .prepare(
      `SELECT ${COLUMNS} FROM users
        WHERE workspace_id = ?1 AND (?2 IS NULL OR id = ?2) AND (?3 IS NULL OR user_identity_key = ?3)
        LIMIT 1`,
    )
    .bind(workspaceId, by.id ?? null, by.key ?? null)
    .first<UserRow>();
  return row && toUser(row);
}

export interface UserFilter {
  /** Case-insensitive substring of the full name, email, phone or key. */
  search?: string | null | undefined;
  /** ISO 8601 UTC timestamp; only users created strictly before it. */
  createdBefore?: string | undefined;
  /** Only these ids; an empty list matches no one. */
  ids?: string[] | undefined;
}

/** One keyset page of users in creation order (Seam's list). */
export async function listUsers(
  db: D1Database,
  workspaceId: string,
  filter: UserFilter,
  page: KeysetPage,
): Promise<{ items: User[]; hasMore: boolean }> {
  const tail = keysetTail(page, 5);
  // instr() rather than LIKE: the search text needs no escaping of % and _.
  const { results } = await db
    .prepare(
      `SELECT ${COLUMNS} FROM users
        WHERE workspace_id = ?1
          AND (?2 IS NULL OR instr(lower(full_name), ?2) OR instr(lower(email_address), ?2)
               OR instr(lower(phone_number), ?2) OR instr(lower(user_identity_key), ?2))
          AND (?3 IS NULL OR created_at < ?3)
          AND (?4 IS NULL OR id IN (SELECT value FROM json_each(?4)))
          ${tail.sql}`,
    )
    .bind(
      workspaceId,
      filter.search ? filter.search.toLowerCase() : null,
      filter.createdBefore ?? null,
      filter.ids ? JSON.stringify(filter.ids) : null,
      ...tail.params,
    )
    .all<UserRow>();
  return keysetPage(results.map(toUser), page);
}

/**
 * Applies the given changes (undefined = keep, null = clear); false when no
 * such user in the workspace. Uniqueness as in insertUser.
 */
export async function updateUser(
  db: D1Database,
  workspaceId: string,
  id: string,
  changes: Partial<UserFields>,
): Promise<boolean> {
  const set = (value: string | null | undefined) => [value !== undefined ? 1 : 0, value ?? null];
  const result = await db
    .prepare(
      `UPDATE users
          SET user_identity_key = CASE WHEN ?3 THEN ?4 ELSE user_identity_key END,
              email_address = CASE WHEN ?5 THEN ?6 ELSE email_address END,
              phone_number = CASE WHEN ?7 THEN ?8 ELSE phone_number END,
              full_name = CASE WHEN ?9 THEN ?10 ELSE full_name END
        WHERE workspace_id = ?1 AND id = ?2`,
    )
    .bind(
      workspaceId,
      id,
      ...set(changes.userIdentityKey),
      ...set(changes.emailAddress),
      ...set(changes.phoneNumber),
      ...set(changes.fullName),
    )
    .run();
  return result.meta.changes > 0;
}

/**
 * Deletes a user; false when absent. Rows that reference users (seat
 * assignments) go with it through ON DELETE CASCADE.
 */
export async function deleteUser(db: D1Database, workspaceId: string, id: string): Promise<boolean> {
  const result = await db.prepare("DELETE FROM users WHERE workspace_id = ?1 AND id = ?2").bind(workspaceId, id).run();
  return result.meta.changes > 0;
}

/** One offset page of users with their account, in creation order (Sendblue's list). */
export async function listUsersByOffset(
  db: D1Database,
  workspaceId: string,
  query: { email?: string | undefined; limit: number; offset: number },
): Promise<UserWithAccount[]> {
  const { results } = await db
    .prepare(
      `SELECT ${SEAT_COLUMNS} FROM ${SEAT_FROM}
        WHERE u.workspace_id = ?1 AND (?2 IS NULL OR u.email_address = ?2)
        ORDER BY u.id LIMIT ?3 OFFSET ?4`,
    )
    .bind(workspaceId, query.email ?? null, query.limit, query.offset)
    .all<UserRow>();
  return results.map(toUserWithAccount);
}

/** How many users the workspace has, optionally only those with this email. */
export async function countUsers(db: D1Database, workspaceId: string, email?: string): Promise<number> {
  const row = await db
    .prepare("SELECT COUNT(*) AS count FROM users WHERE workspace_id = ?1 AND (?2 IS NULL OR email_address = ?2)")
    .bind(workspaceId, email ?? null)
    .first<{ count: number }>();
  return row?.count ?? 0;
}

/** The user whose id, else whose key, equals `idOrKey`, with its account (Sendblue's retrieve). */
export async function findUserByIdOrKey(db: D1Database, workspaceId: string, idOrKey: string): Promise<UserWithAccount | null> {
  const row = await db
    .prepare(
      `SELECT ${SEAT_COLUMNS} FROM ${SEAT_FROM}
        WHERE u.workspace_id = ?1 AND (u.id = ?2 OR u.user_identity_key = ?2)
        ORDER BY u.id = ?2 DESC LIMIT 1`,
    )
    .bind(workspaceId, idOrKey)
    .first<UserRow>();
  return row && toUserWithAccount(row);
}
