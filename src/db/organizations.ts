import { keysetPage, keysetTail, type KeysetPage } from "./keyset";
import { Params } from "./params";
import { countRows } from "./rowCounts";

/** A customer as an organization names it: its id and legal name. */
export interface OrganizationParty {
  id: string;
  name: string;
}

/** A customer organization: one owner (the parent) and its members (the children), never including the owner. */
export interface CustomerOrganization {
  id: string;
  owner: OrganizationParty;
  /** In the order they joined. */
  members: OrganizationParty[];
}

interface OrganizationRow {
  organization_id: string;
  is_member: number;
  customer_id: string;
  name: string;
}

/**
 * Reads the organizations whose ids the CTE `picked(id)` yields (defined in
 * `ctes`, with ?1 the workspace): one row for each owner, then one per member
 * in joining order (rowids only grow, so rowid order is insertion order).
 * CROSS JOIN fixes the loop order: the few picked ids drive index lookups,
 * instead of the planner scanning the workspace's organizations.
 */
export function organizationRowsSql(ctes: string): string {
  return `WITH ${ctes}
    SELECT o.id AS organization_id, 0 AS is_member, o.owner_id AS customer_id, c.legal_name AS name, 0 AS position
      FROM picked AS p
      CROSS JOIN customer_organizations AS o ON o.workspace_id = ?1 AND o.id = p.id
      CROSS JOIN customers AS c ON c.workspace_id = ?1 AND c.id = o.owner_id
    UNION ALL
    SELECT m.organization_id, 1, m.customer_id, c.legal_name, m.rowid
      FROM picked AS p
      CROSS JOIN customer_organization_members AS m ON m.workspace_id = ?1 AND m.organization_id = p.id
      CROSS JOIN customers AS c ON c.workspace_id = ?1 AND c.id = m.customer_id
    ORDER BY organization_id, is_member, position`;
}

/** Folds rows of organizationRowsSql into organizations, in id (creation) order. */
export function groupOrganizations(rows: unknown[]): CustomerOrganization[] {
  const byId = new Map<string, CustomerOrganization>();
  for (const row of rows as OrganizationRow[]) {
    const party = { id: row.customer_id, name: row.name };
    if (!row.is_member) byId.set(row.organization_id, { id: row.organization_id, owner: party, members: [] });
    else byId.get(row.organization_id)?.members.push(party);
  }
  return [...byId.values()];
}

/** The organizations a customer owns or is a member of. */
export function organizationsOf(customerId: string, organizations: CustomerOrganization[]): CustomerOrganization[] {
  return organizations.filter(
    (organization) =>
      organization.owner.id === customerId || organization.members.some((member) => member.id === customerId),
  );
}

export async function findOrganization(db: D1Database, workspaceId: string, id: string): Promise<CustomerOrganization | null> {
  const { results } = await db.prepare(organizationRowsSql("picked(id) AS (SELECT ?2)")).bind(workspaceId, id).all();
  return groupOrganizations(results)[0] ?? null;
}

/** One page in creation order, and the workspace's total (a maintained count), in one round trip. */
export async function listOrganizations(
  db: D1Database,
  workspaceId: string,
  page: KeysetPage,
): Promise<{ items: CustomerOrganization[]; hasMore: boolean; total: number }> {
  const params = new Params([workspaceId]);
  const pageSql = `SELECT id FROM customer_organizations WHERE workspace_id = ?1 ${keysetTail(page, params)}`;
  const [ids, count, rows] = await db.batch<unknown>([
    db.prepare(pageSql).bind(...params.values),
    countRows(db, workspaceId, "customer_organizations"),
    db.prepare(organizationRowsSql(`picked(id) AS (${pageSql})`)).bind(...params.values),
  ]);
  const { items, hasMore } = keysetPage((ids!.results as { id: string }[]).map((row) => row.id), page);
  const byId = new Map(groupOrganizations(rows!.results).map((organization) => [organization.id, organization]));
  return {
    items: items.flatMap((id) => byId.get(id) ?? []),
    hasMore,
    total: (count!.results[0] as { total: number }).total,
  };
}

/** Deletes an organization (its memberships go with it) and returns it as it was; null when absent. */
export async function deleteOrganization(db: D1Database, workspaceId: string, id: string): Promise<CustomerOrganization | null> {
  // One batch: the organization is read and deleted in the same transaction.
  const [rows] = await db.batch<unknown>([
    db.prepare(organizationRowsSql("picked(id) AS (SELECT ?2)")).bind(workspaceId, id),
    db.prepare("DELETE FROM customer_organizations WHERE workspace_id = ?1 AND id = ?2").bind(workspaceId, id),
  ]);
  return groupOrganizations(rows!.results)[0] ?? null;
}
