import { CUSTOMER_COLUMNS, toListedCustomer, type CustomerRow, type ListedCustomer } from "./customers";
import { keysetPage, sortedTail, travelDirection, type KeyValues, type SortDirection } from "./keyset";
import { groupOrganizations, organizationRowsSql } from "./organizations";
import { Params } from "./params";
import { countRows, countRowsLess } from "./rowCounts";

/** GET /api/customers filters; each matches exactly (email ignoring case, against active contacts). */
export interface CustomerFilters {
  legalName?: string | undefined;
  email?: string | undefined;
  alias?: string | undefined;
  label?: string | undefined;
  includeArchived: boolean;
  /** true: only customers with a current billing schedule, which no customer has here; false or absent: any customer. */
  hasBillingSchedule?: boolean | undefined;
}

export type CustomerSort = { by: "createdAt" } | { by: "legalName" } | { by: "customProperty"; key: string };

export interface CustomerListPage {
  sort: CustomerSort;
  direction: SortDirection;
  limit: number;
  after?: KeyValues | undefined;
  before?: KeyValues | undefined;
}

/**
 * A listed customer's place in the sort: the values its cursor carries.
 * By a custom property, customers without it sort after every value
 * (last ascending, first descending, as PostgreSQL puts NULLs).
 */
export function sortKeysOf(customer: ListedCustomer, sort: CustomerSort): KeyValues {
  if (sort.by === "createdAt") return [customer.id];
  if (sort.by === "legalName") return [customer.legalName, customer.id];
  const value = customer.customProperties[sort.key];
  return value === undefined ? [1, "", customer.id] : [0, value, customer.id];
}

/**
 * One page of customers with their organizations, and the total matching
 * the filters, in one round trip. What each read costs: with a filter, the
 * customers it matches (each filter has its index; the most selective one
 * drives); without, the page itself on an index in the sort's order (archived
 * customers left out by partial indexes). Sorting by a custom property walks
 * the customers having it on its value index, then those without it in
 * creation order, skipping those with it (docs/customers.md).
 */
export async function listCustomers(
  db: D1Database,
  workspaceId: string,
  filters: CustomerFilters,
  page: CustomerListPage,
): Promise<{ items: ListedCustomer[]; hasMore: boolean; total: number }> {
  const query = new Query(workspaceId, filters, page);
  const rows = query.pageSql(`${CUSTOMER_COLUMNS}`);
  const ids = query.pageSql("c.id");
  const [found, count, organizations] = await db.batch<unknown>([
    db.prepare(rows.sql).bind(...rows.params),
    query.countStatement(db),
    db.prepare(organizationRowsSql(`page AS (${ids.sql}),
      picked (id) AS (
        SELECT o.id FROM page CROSS JOIN customer_organizations AS o ON o.workspace_id = ?1 AND o.owner_id = page.id
        UNION
        SELECT m.organization_id FROM page
          CROSS JOIN customer_organization_members AS m ON m.workspace_id = ?1 AND m.customer_id = page.id)`)).bind(...ids.params),
  ]);
  const all = groupOrganizations(organizations!.results);
  const { items, hasMore } = keysetPage(found!.results as CustomerRow[], page);
  return { items: items.map((row) => toListedCustomer(row, all)), hasMore, total: (count!.results[0] as { total: number }).total };
}

/** The SQL of one list request; each build numbers its own parameters from ?2 (?1 is the workspace). */
class Query {
  constructor(
    readonly workspaceId: string,
    readonly filters: CustomerFilters,
    readonly page: CustomerListPage,
  ) {}

  /** Any filter beyond includeArchived: then the filter's matches are read and sorted. */
  get filtered(): boolean {
    const { legalName, email, alias, label, hasBillingSchedule } = this.filters;
    return [legalName, email, alias, label].some((value) => value !== undefined) || hasBillingSchedule === true;
  }

  /** The page's rows (limit + 1) in travel order, selecting `columns` of `customers AS c`. */
  pageSql(columns: string): { sql: string; params: Params["values"] } {
    const params = new Params([this.workspaceId]);
    const { sort } = this.page;
    let sql: string;
    if (this.filtered) sql = this.#filteredSql(columns, params);
    else if (sort.by === "customProperty") sql = this.#propertySegmentsSql(columns, sort.key, params);
    else sql = this.#walkSql(columns, sort.by, params);
    return { sql, params: params.values };
  }

  /** The total: the filter's matches counted, or the counts the triggers keep. */
  countStatement(db: D1Database): D1PreparedStatement {
    if (!this.filtered) {
      return this.filters.includeArchived
        ? countRows(db, this.workspaceId, "customers")
        : countRowsLess(db, this.workspaceId, "customers", "customers_archived");
    }
    const params = new Params([this.workspaceId]);
    const { from, where } = this.#matches(params);
    return db.prepare(`SELECT COUNT(*) AS total FROM ${from} WHERE ${where}`).bind(...params.values);
  }

  /** Without filters, by creation or legal name: one index in that order, from the cursor. */
  #walkSql(columns: string, by: "createdAt" | "legalName", params: Params): string {
    const active = !this.filters.includeArchived;
    const index = by === "createdAt" ? (active ? "customers_active" : null) : active ? "customers_active_by_legal_name" : "customers_by_legal_name";
    const keys = by === "createdAt" ? ["c.id"] : ["c.legal_name", "c.id"];
    return `SELECT ${columns} FROM customers AS c ${index ? `INDEXED BY ${index}` : ""}
      WHERE c.workspace_id = ?1 ${active ? "AND c.archived_at IS NULL" : ""} ${sortedTail(keys, this.page, params)}`;
  }

  /** With filters: the matches of the most selective one, the others checked on each, sorted by the full key. */
  #filteredSql(columns: string, params: Params): string {
    const { from, where } = this.#matches(params);
    const { sort } = this.page;
    if (sort.by !== "customProperty") {
      const keys = sort.by === "createdAt" ? ["c.id"] : ["c.legal_name", "c.id"];
      return `SELECT ${columns} FROM ${from} WHERE ${where} ${sortedTail(keys, this.page, params)}`;
    }
    const property = `LEFT JOIN customer_properties AS p ON p.workspace_id = ?1 AND p.customer_id = c.id AND p.key = ${params.add(sort.key)}`;
    const keys = ["(p.value IS NULL)", "coalesce(p.value, '')", "c.id"];
    return `SELECT ${columns} FROM ${from} ${property} WHERE ${where} ${sortedTail(keys, this.page, params)}`;
  }

  /**
   * Without filters, by a custom property: the customers having it (its
   * value index) and those without it (creation order), each read from the
   * cursor's segment on, then merged in travel order.
   */
  #propertySegmentsSql(columns: string, key: string, params: Params): string {
    const travel = travelDirection(this.page);
    const cursor = this.page.before ?? this.page.after;
    const keyParam = params.add(key);
    const active = !this.filters.includeArchived;
    const archived = active ? "AND c.archived_at IS NULL" : "";
    // Ascending, the customers with the property come first; descending, last.
    const order: (0 | 1)[] = travel === "ASC" ? [0, 1] : [1, 0];
    const visited = cursor === undefined ? order : order.slice(order.indexOf(cursor[0] as 0 | 1));
    const segment = (missing: 0 | 1) => {
      const bound = cursor !== undefined && cursor[0] === missing ? cursor.slice(missing ? 2 : 1) : undefined;
      const tail = (keys: string[]) => sortedTail(keys, { limit: this.page.limit, direction: travel, after: bound }, params);
      if (!missing) {
        return `SELECT ${columns}, 0 AS sort_missing, p.value AS sort_value
          FROM customer_properties AS p CROSS JOIN customers AS c ON c.workspace_id = ?1 AND c.id = p.customer_id
         WHERE p.workspace_id = ?1 AND p.key = ${keyParam} ${archived} ${tail(["p.value", "p.customer_id"])}`;
      }
      // Skipped outright when every customer has the property (two kept counts).
      return `SELECT ${columns}, 1 AS sort_missing, '' AS sort_value FROM customers AS c ${active ? "INDEXED BY customers_active" : ""}
         WHERE c.workspace_id = ?1 ${archived}
           AND (SELECT coalesce((SELECT customer_count FROM customer_property_keys WHERE workspace_id = ?1 AND key = ${keyParam}), 0))
             < (SELECT coalesce((SELECT row_count FROM row_counts WHERE workspace_id = ?1 AND table_name = 'customers'), 0))
           AND NOT EXISTS (SELECT 1 FROM customer_properties AS p WHERE p.workspace_id = ?1 AND p.customer_id = c.id AND p.key = ${keyParam})
           ${tail(["c.id"])}`;
    };
    const union = visited.map((missing) => `SELECT * FROM (${segment(missing)})`).join(" UNION ALL ");
    return `${union} ORDER BY sort_missing ${travel}, sort_value ${travel}, id ${travel} LIMIT ${params.add(this.page.limit + 1)}`;
  }

  /** FROM and WHERE of the filters' matches: an alias or an email drives (their index), else customers. */
  #matches(params: Params): { from: string; where: string } {
    const { legalName, email, alias, label, includeArchived, hasBillingSchedule } = this.filters;
    const where = ["c.workspace_id = ?1"];
    let from = "customers AS c";
    const withEmail = (value: string) =>
      `SELECT customer_id FROM customer_contacts WHERE workspace_id = ?1 AND email = ${params.add(value)} AND archived_at IS NULL`;
    if (alias !== undefined) {
      from = "customer_aliases AS a CROSS JOIN customers AS c ON c.workspace_id = ?1 AND c.id = a.customer_id";
      where.push("a.workspace_id = ?1", `a.value = ${params.add(alias)}`);
      if (email !== undefined) where.push(`c.id IN (${withEmail(email)})`);
    } else if (email !== undefined) {
      from = `(SELECT DISTINCT customer_id FROM (${withEmail(email)})) AS e
        CROSS JOIN customers AS c ON c.workspace_id = ?1 AND c.id = e.customer_id`;
    }
    if (legalName !== undefined) where.push(`c.legal_name = ${params.add(legalName)}`);
    if (label !== undefined) where.push(`c.label = ${params.add(label)}`);
    if (!includeArchived) where.push("c.archived_at IS NULL");
    // No customer has a billing schedule here.
    if (hasBillingSchedule === true) where.push("0");
    return { from, where: where.join(" AND ") };
  }
}
