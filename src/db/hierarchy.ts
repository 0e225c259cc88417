import { writeOrDiagnose as diagnosedWrite } from "./diagnosedWrite";
import { mintId, nowIso } from "../shared/ids";
import { groupOrganizations, organizationRowsSql, type CustomerOrganization } from "./organizations";

/**
 * Writes to the organization hierarchy. Each write is one D1 batch, which D1
 * runs as one transaction, serially with every other write to the database.
 * The schema decides what may be written: one organization per member
 * (primary key), customers of the workspace only (foreign keys), no cycles
 * (trigger). A refused statement aborts the batch and nothing is written;
 * only then does a read-only statement list what is wrong with the request
 * (the "problems"), for the answer. Two racing requests are decided in D1's
 * order: the later one meets the earlier one's rows and is refused. Because
 * the problems are listed after the refusal, a race can have removed them
 * again; the write is then simply tried once more.
 */

export type ProblemKind = "organization_not_found" | "customer_not_found" | "already_member" | "cycle";

/** Why a hierarchy write was refused; nothing was written. */
export interface HierarchyProblem {
  kind: ProblemKind;
  /** The customer at fault (null for organization_not_found). */
  customerId: string | null;
  /**
   * already_member: the organization the customer belongs to. cycle: the
   * organization the customer owns through which the target's owner already
   * descends from it. organization_not_found: the missing organization.
   */
  organizationId: string | null;
  /** The owner of the organization being written, when it exists. */
  ownerId: string | null;
}

export type HierarchyOutcome =
  | { ok: true; organization: CustomerOrganization }
  | { ok: false; problems: HierarchyProblem[] };

interface ProblemRow {
  kind: ProblemKind;
  customer_id: string | null;
  organization_id: string | null;
  owner_id: string | null;
}

// Parameters shared by every statement below: ?1 workspace, ?2 organization,
// ?3 the requested member ids as a JSON array, ?4 now, ?5 owner (new
// organizations, and the parent of parentLink()). A statement may leave some
// out; D1 binds by number.

/** The organization being created, from the parameters. */
const NEW_TARGET = "target (organization_id, owner_id) AS (SELECT ?2, ?5)";
/** An existing organization, from the table (empty when there is none). */
const EXISTING_TARGET = `target (organization_id, owner_id) AS (
  SELECT id, owner_id FROM customer_organizations WHERE workspace_id = ?1 AND id = ?2)`;

/**
 * The organization a child joins under the parent ?5 (parentLink): the
 * parent's organization it already belongs to, else the parent's oldest,
 * else a new one (?2), made in the same batch.
 */
const PARENT_TARGET = `target (organization_id, owner_id) AS (
  SELECT coalesce(
    (SELECT m.organization_id FROM customer_organization_members AS m
      WHERE m.workspace_id = ?1 AND m.owner_id = ?5 AND m.customer_id IN (SELECT value FROM json_each(?3))),
    (SELECT o.id FROM customer_organizations AS o WHERE o.workspace_id = ?1 AND o.owner_id = ?5 ORDER BY o.id LIMIT 1),
    ?2), ?5)`;

/** The requested customers in request order, duplicates collapsed, the target's owner left out. */
const WANTED = `wanted (customer_id, position) AS (
    SELECT value, min(key) FROM json_each(?3) WHERE value NOT IN (SELECT owner_id FROM target) GROUP BY value
  )`;

/**
 * The CTEs that define `problems` for putting the customers of ?3 under the
 * owner of `target`. The owner is dropped from the list and duplicates
 * collapse. `above` walks up from the owner through each customer's single
 * parent; a requested member found there would end up under itself.
 * CROSS JOIN keeps the requested ids driving the lookups (no workspace scan).
 */
function plan(target: string): string {
  return `WITH RECURSIVE ${target},
  ${WANTED},
  above (customer_id, via) AS (
    SELECT owner_id, NULL FROM target
    UNION
    SELECT m.owner_id, m.organization_id
      FROM customer_organization_members AS m
      JOIN above ON m.workspace_id = ?1 AND m.customer_id = above.customer_id
  ),
  problems (kind, customer_id, organization_id) AS (
    SELECT 'organization_not_found', NULL, ?2 WHERE NOT EXISTS (SELECT 1 FROM target)
    UNION ALL
    SELECT 'customer_not_found', asked.customer_id, NULL
      FROM (SELECT customer_id FROM wanted UNION SELECT owner_id FROM target) AS asked
     WHERE NOT EXISTS (SELECT 1 FROM customers AS c WHERE c.workspace_id = ?1 AND c.id = asked.customer_id)
    UNION ALL
    SELECT 'already_member', m.customer_id, m.organization_id
      FROM wanted AS w
      CROSS JOIN customer_organization_members AS m ON m.workspace_id = ?1 AND m.customer_id = w.customer_id
     WHERE m.organization_id <> (SELECT organization_id FROM target)
    UNION ALL
    SELECT 'cycle', above.customer_id, above.via FROM above JOIN wanted AS w ON w.customer_id = above.customer_id
  )`;
}

function diagnoseSql(target: string): string {
  return `${plan(target)}
    SELECT p.kind, p.customer_id, p.organization_id, (SELECT owner_id FROM target) AS owner_id
      FROM problems AS p ORDER BY p.kind, p.customer_id`;
}

const INSERT_ORGANIZATION = `INSERT INTO customer_organizations (workspace_id, id, owner_id, created_at) VALUES (?1, ?2, ?5, ?4)`;

/** The parent's first organization, when it owns none (its owner reference refuses an unknown parent). */
const INSERT_PARENT_ORGANIZATION = `INSERT INTO customer_organizations (workspace_id, id, owner_id, created_at)
  SELECT ?1, ?2, ?5, ?4 WHERE NOT EXISTS (SELECT 1 FROM customer_organizations WHERE workspace_id = ?1 AND owner_id = ?5)`;

/** Removes the members that are not in the requested list. */
const DELETE_UNWANTED = `DELETE FROM customer_organization_members
   WHERE workspace_id = ?1 AND organization_id = ?2 AND customer_id NOT IN (SELECT value FROM json_each(?3))`;

/**
 * Adds the requested customers that are not members of the target yet, in
 * request order; a customer of another organization makes the insert,
 * and so the batch, fail.
 */
function insertWanted(target: string): string {
  return `WITH ${target}, ${WANTED}
  INSERT INTO customer_organization_members (workspace_id, customer_id, organization_id, owner_id, created_at)
  SELECT ?1, w.customer_id, t.organization_id, t.owner_id, ?4
    FROM wanted AS w CROSS JOIN target AS t
   WHERE NOT EXISTS (
     SELECT 1 FROM customer_organization_members AS m
      WHERE m.workspace_id = ?1 AND m.customer_id = w.customer_id AND m.organization_id = t.organization_id)
   ORDER BY w.position`;
}

const READ_BACK = organizationRowsSql("picked (id) AS (SELECT ?2)");

// Built once: the statements of a new and of an existing organization.
const NEW = { insertWanted: insertWanted(NEW_TARGET), diagnose: diagnoseSql(NEW_TARGET) };
const EXISTING = { insertWanted: insertWanted(EXISTING_TARGET), diagnose: diagnoseSql(EXISTING_TARGET) };
const PARENT = { insertWanted: insertWanted(PARENT_TARGET), diagnose: diagnoseSql(PARENT_TARGET) };

/** Creates an organization with its members, or refuses it whole. */
export async function createOrganization(
  db: D1Database,
  workspaceId: string,
  ownerId: string,
  memberIds: string[],
): Promise<HierarchyOutcome> {
  const { id, now } = mintId();
  const params = [workspaceId, id, JSON.stringify(memberIds), now, ownerId] as const;
  return writeOrDiagnose(
    db,
    [
      db.prepare(INSERT_ORGANIZATION).bind(...params),
      db.prepare(NEW.insertWanted).bind(...params),
      db.prepare(READ_BACK).bind(workspaceId, id),
    ],
    db.prepare(NEW.diagnose).bind(...params),
  );
}

/**
 * Changes an organization's members, or refuses the request whole: "add"
 * keeps the members already in it, "replace" makes the members exactly
 * `customerIds`.
 */
export async function changeMembers(
  db: D1Database,
  mode: "add" | "replace",
  workspaceId: string,
  organizationId: string,
  customerIds: string[],
): Promise<HierarchyOutcome> {
  const members = JSON.stringify(customerIds);
  const removal = mode === "replace" ? [db.prepare(DELETE_UNWANTED).bind(workspaceId, organizationId, members)] : [];
  return writeOrDiagnose(
    db,
    [
      ...removal,
      db.prepare(EXISTING.insertWanted).bind(workspaceId, organizationId, members, nowIso()),
      db.prepare(READ_BACK).bind(workspaceId, organizationId),
    ],
    db.prepare(EXISTING.diagnose).bind(workspaceId, organizationId, members),
  );
}

/** The message of the no-cycles trigger's RAISE (schema.sql). */
export const CYCLE_REFUSAL = "customer_organization_cycle";

/**
 * Runs the writes (the last one reads the organization back) as one batch.
 * When the schema refuses them, or the organization is not there to read
 * back, lists the problems; if a race has already removed them, tries again.
 */
async function writeOrDiagnose(db: D1Database, writes: D1PreparedStatement[], diagnose: D1PreparedStatement): Promise<HierarchyOutcome> {
  const outcome = await diagnosedWrite(
    db,
    writes,
    (results) => groupOrganizations(results.at(-1)!.results)[0],
    () => listProblems(diagnose),
    [CYCLE_REFUSAL],
  );
  return outcome.ok ? { ok: true, organization: outcome.value } : outcome;
}

/** A child's link to its parent, written in the batch that writes the child, and how to list why it was refused. */
export interface ParentLink {
  writes: D1PreparedStatement[];
  /** The problems of the link alone; run only after the batch was refused. */
  problems: () => Promise<HierarchyProblem[]>;
}

/**
 * Puts `childId` under `parentId` (POST and PUT /api/customers `parentId`):
 * as a member of the parent's organization it already belongs to, else of
 * the oldest one the parent owns, else of a new one; nothing when it is
 * there already. The schema's hierarchy rules refuse the batch as for the
 * organization endpoints (unknown parent, one parent per customer, no
 * cycle). `childIsNew`: the batch creates the child, so after a refusal
 * there is no child to check, only the parent.
 */
export function parentLink(db: D1Database, workspaceId: string, parentId: string, childId: string, childIsNew: boolean): ParentLink {
  const { id, now } = mintId();
  const child = JSON.stringify([childId]);
  return {
    writes: [
      db.prepare(INSERT_PARENT_ORGANIZATION).bind(workspaceId, id, child, now, parentId),
      db.prepare(PARENT.insertWanted).bind(workspaceId, id, child, now, parentId),
    ],
    problems: () => listProblems(db.prepare(PARENT.diagnose).bind(workspaceId, id, childIsNew ? "[]" : child, now, parentId)),
  };
}

async function listProblems(diagnose: D1PreparedStatement): Promise<HierarchyProblem[]> {
  const { results } = await diagnose.all<ProblemRow>();
  return results.map((row) => ({
    kind: row.kind,
    customerId: row.customer_id,
    organizationId: row.organization_id,
    ownerId: row.owner_id,
  }));
}
