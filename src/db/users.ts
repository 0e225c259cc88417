import { constraintFailureOf } from "./constraints";
import { mintId } from "../shared/ids";
import { countRows } from "./rowCounts";

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
const UNIQUE_USER_COLUMNS = ["user_identity_key", "email_address", "phone_number"] as const;
export type UniqueUserColumn = (typeof UNIQUE_USER_COLUMNS)[number];

export interface UserRow {
  id: string;
  workspace_id: string;
  user_identity_key: string | null;
  email_address: string | null;
  phone_number: string | null;
  full_name: string | null;
  created_at: string;
  account?: string;
}

export const COLUMNS = "id, workspace_id, user_identity_key, email_address, phone_number, full_name, created_at";
// The same columns qualified for the join with workspaces (Sendblue's `account`).
const SEAT_COLUMNS = `${COLUMNS.replace(/(\w+)/g, "u.$1")}, w.name AS account`;
const SEAT_FROM = "users u JOIN workspaces w ON w.id = u.workspace_id";

export const toUser = (row: UserRow): User => ({
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
  const failure = constraintFailureOf(error);
  return failure?.kind === "unique" ? UNIQUE_USER_COLUMNS.find((column) => failure.constraint.includes(`users.${column}`)) : undefined;
}

/** Inserts a user; a taken key, email or phone surfaces as a UNIQUE violation (see violatedUniqueColumn). */
export async function insertUser(db: D1Database, workspaceId: string, fields: Partial<UserFields>): Promise<User> {
  const { id, now } = mintId();
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

/**
 * The user with this id and/or key (both must match when both are given);
 * null when none. One statement per case, each a lookup on a unique index:
 * an `(?n IS NULL OR col = ?n)` filter would leave SQLite walking the workspace.
 */
export async function findUser(
  db: D1Database,
  workspaceId: string,
  by: { id?: string | undefined; key?: string | undefined },
): Promise<User | null> {
  const { id, key } = by;
  if (id === undefined && key === undefined) return null;
  const [where, params] =
    id === undefined ? ["user_identity_key = ?2", [key]]
    : key === undefined ? ["id = ?2", [id]]
    : ["id = ?2 AND user_identity_key = ?3", [id, key]];
  const row = await db
    .prepare(`SELECT ${COLUMNS} FROM users WHERE workspace_id = ?1 AND ${where}`)
    .bind(workspaceId, ...params)
    .first<UserRow>();
  return row && toUser(row);
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

/**
 * One offset page of users with their account, in creation order (Sendblue's
 * list). With `email`, the unique (workspace_id, email_address) index finds
 * the one match; without, the walk reads offset + limit rows of the primary
 * key (the offset is the wire format's, not the table's size).
 */
export async function listUsersByOffset(
  db: D1Database,
  workspaceId: string,
  query: { email?: string | undefined; limit: number; offset: number },
): Promise<UserWithAccount[]> {
  const byEmail = query.email !== undefined;
  const { results } = await db
    .prepare(
      `SELECT ${SEAT_COLUMNS} FROM ${SEAT_FROM}
        WHERE u.workspace_id = ?1 ${byEmail ? "AND u.email_address = ?4" : ""}
        ORDER BY u.id LIMIT ?2 OFFSET ?3`,
    )
    .bind(workspaceId, query.limit, query.offset, ...(byEmail ? [query.email] : []))
    .all<UserRow>();
  return results.map(toUserWithAccount);
}

/**
 * How many users the workspace has: the trigger-kept row count, or with
 * `email` a lookup on its unique index (0 or 1).
 */
export async function countUsers(db: D1Database, workspaceId: string, email?: string): Promise<number> {
  const statement =
    email === undefined
      ? countRows(db, workspaceId, "users")
      : db.prepare("SELECT COUNT(*) AS total FROM users WHERE workspace_id = ?1 AND email_address = ?2").bind(workspaceId, email);
  return (await statement.first<{ total: number }>())?.total ?? 0;
}

/**
 * The user whose id, else whose key, equals `idOrKey`, with its account
 * (Sendblue's retrieve). The id side ignores case (ids are stored in lower
 * case, and only a UUID in some case lowers to one); a key is exact.
 */
export async function findUserByIdOrKey(db: D1Database, workspaceId: string, idOrKey: string): Promise<UserWithAccount | null> {
  const row = await db
    .prepare(
      `SELECT ${SEAT_COLUMNS} FROM ${SEAT_FROM}
        WHERE u.workspace_id = ?1 AND (u.id = lower(?2) OR u.user_identity_key = ?2)
        ORDER BY u.id = lower(?2) DESC LIMIT 1`,
    )
    .bind(workspaceId, idOrKey)
    .first<UserRow>();
  return row && toUserWithAccount(row);
}
