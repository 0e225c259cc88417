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
 * By a custom property: [0, value, id], or [1, "", id] for customers
 * without it, who come after every customer with it in either direction.
 */
export function sortKeysOf(customer: ListedCustomer, sort: CustomerSort): KeyValues {
  if (sort.by === "createdAt") return [customer.id];
  if (sort.by === "legalName") return [customer.legalName, customer.id];
  const properties = customer.customProperties;
  // Own properties only: a key named like an Object member (`constructor`) is a property like any other.
  return Object.hasOwn(properties, sort.key) ? [0, properties[sort.key]!, customer.id] : [1, "", customer.id];
}

/** A page of the list; `resume` is where the next one starts when a bounded read ended this one early. */
export interface CustomerListResult {
  items: ListedCustomer[];
  hasMore: boolean;
  total: number;
  resume?: KeyValues | undefined;
}

/**
 * One page of customers with their organizations, and the total matching
 * the filters, in one round trip. What each read costs: with a filter, the
 * customers it matches (each filter has its index; the most selective one
 * drives); without, the page itself on an index in the sort's order (archived
 * customers left out by partial indexes). Sorting by a custom property reads
 * a page's worth of the customers having it (its value index), then of all
 * customers in creation order for those without it: customers read and
 * skipped (archived, or having the property) can leave a page short, and
 * `resume` then continues after the last one read (docs/customers.md).
 */
export async function listCustomers(
  db: D1Database,
  workspaceId: string,
  filters: CustomerFilters,
  page: CustomerListPage,
): Promise<CustomerListResult> {
  const query = new Query(workspaceId, filters, page);
  const { sort } = page;
  if (!query.filtered && sort.by === "customProperty") return listByProperty(db, query, sort.key);
  const rows = query.pageSql(CUSTOMER_COLUMNS);
  const ids = query.pageSql("c.id");
  const [found, count, organizations] = await db.batch<unknown>([
    db.prepare(rows.sql).bind(...rows.params),
    query.countStatement(db),
    organizationsOfPage(db, ids),
  ]);
  const all = groupOrganizations(organizations!.results);
  const { items, hasMore } = keysetPage(found!.results as CustomerRow[], page);
  return { items: items.map((row) => toListedCustomer(row, all)), hasMore, total: totalOf(count!) };
}

/** A candidate of a bounded read: a customer row, where it sorts, and whether the page keeps it. */
type Candidate = CustomerRow & { sort_value: string; keep: number };

/**
 * Sorted by a custom property, no filter: each segment read (those with the
 * property, then those without) returns up to limit + 1 candidates, the
 * ones the page keeps marked. A segment whose read was full but kept too
 * few ends the page there, resuming after its last candidate.
 */
async function listByProperty(db: D1Database, query: Query, key: string): Promise<CustomerListResult> {
  const { limit } = query.page;
  const segments = query.propertySegments(CUSTOMER_COLUMNS, key);
  const statements = segments.map((segment) => {
    const params = new Params([query.workspaceId]);
    return db.prepare(segment.sql(params)).bind(...params.values);
  });
  const idParams = new Params([query.workspaceId]);
  const keptIds = query
    .propertySegments("c.id", key)
    .map((segment) => `SELECT id FROM (${segment.sql(idParams)}) WHERE keep`)
    .join(" UNION ALL ");
  const results = await db.batch<unknown>([
    ...statements,
    query.countStatement(db),
    organizationsOfPage(db, { sql: keptIds, params: idParams.values }),
  ]);
  const kept: Candidate[] = [];
  let resume: KeyValues | undefined;
  for (const [index, segment] of segments.entries()) {
    const candidates = results[index]!.results as Candidate[];
    kept.push(...candidates.filter((candidate) => candidate.keep));
    if (kept.length > limit) break;
    if (candidates.length > limit) {
      const last = candidates.at(-1)!;
      resume = [segment.missing, segment.missing ? "" : last.sort_value, last.id];
      break;
    }
  }
  const all = groupOrganizations(results.at(-1)!.results);
  const { items, hasMore } = keysetPage(kept.slice(0, limit + 1), query.page);
  return {
    items: items.map((row) => toListedCustomer(row, all)),
    hasMore: hasMore || resume !== undefined,
    total: totalOf(results.at(-2)!),
    resume,
  };
}

/** The organizations of the customers `ids` selects (their `id` column), as organizationRowsSql reads them. */
function organizationsOfPage(db: D1Database, ids: { sql: string; params: Params["values"] }): D1PreparedStatement {
  return db
    .prepare(organizationRowsSql(`page AS (${ids.sql}),
      picked (id) AS (
        SELECT o.id FROM page CROSS JOIN customer_organizations AS o ON o.workspace_id = ?1 AND o.owner_id = page.id
        UNION
        SELECT m.organization_id FROM page
          CROSS JOIN customer_organization_members AS m ON m.workspace_id = ?1 AND m.customer_id = page.id)`))
    .bind(...ids.params);
}

const totalOf = (count: D1Result<unknown>) => (count.results[0] as { total: number }).total;

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
    if (this.filtered || sort.by === "customProperty") sql = this.#filteredSql(columns, params);
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
    // Those without the property come last either way: the first key is "has it" descending, "lacks it" ascending.
    const ascending = this.page.direction === "ASC";
    const keys = [ascending ? "(p.value IS NULL)" : "(p.value IS NOT NULL)", "coalesce(p.value, '')", "c.id"];
    const flag = (cursor: KeyValues | undefined) => cursor && [ascending ? cursor[0]! : 1 - Number(cursor[0]), ...cursor.slice(1)];
    const page = { ...this.page, after: flag(this.page.after), before: flag(this.page.before) };
    return `SELECT ${columns} FROM ${from} ${property} WHERE ${where} ${sortedTail(keys, page, params)}`;
  }

  /**
   * Without filters, by a custom property, the segment reads from the
   * cursor's on, in travel order: the customers having it (its value index,
   * without the archived ones unless asked), then those without it
   * (creation order, skipping those having it). Each builds its SQL on the
   * given parameters and returns up to limit + 1 candidates, `keep` set on
   * those the page shows; the second is read only once the first ran out.
   */
  propertySegments(columns: string, key: string): { missing: 0 | 1; sql: (params: Params) => string }[] {
    const travel = travelDirection(this.page);
    const cursor = this.page.before ?? this.page.after;
    const active = !this.filters.includeArchived;
    // The list is [with it, without it] in either direction; walking back visits it from the end.
    const order: (0 | 1)[] = this.page.before === undefined ? [0, 1] : [1, 0];
    const visited = cursor === undefined ? order : order.slice(order.indexOf(cursor[0] as 0 | 1));
    const boundOf = (missing: 0 | 1) => (cursor !== undefined && cursor[0] === missing ? cursor.slice(missing ? 2 : 1) : undefined);
    const pageOf = (missing: 0 | 1) => ({ limit: this.page.limit, direction: travel, after: boundOf(missing) });
    /** The customers with the property, from `p`, in travel order: `tail` bounds and orders them. */
    const having = (params: Params, keyParam: string, what: string) =>
      `SELECT ${what} FROM customer_properties AS p ${active ? "INDEXED BY customer_properties_active_by_value" : ""}
        WHERE p.workspace_id = ?1 AND p.key = ${keyParam} ${active ? "AND p.archived = 0" : ""}
        ${sortedTail(["p.value", "p.customer_id"], pageOf(0), params)}`;
    const segment = (missing: 0 | 1) => (params: Params) => {
      const keyParam = params.add(key);
      if (!missing) {
        return `SELECT ${columns}, h.value AS sort_value, 1 AS keep
          FROM (${having(params, keyParam, "p.customer_id, p.value")}) AS h
          CROSS JOIN customers AS c ON c.workspace_id = ?1 AND c.id = h.customer_id
         ORDER BY h.value ${travel}, h.customer_id ${travel}`;
      }
      // Read only once the first segment ran out, and not at all when every customer has the property: the
      // LIMIT is evaluated before the walk (a constant WHERE term would be tested on every row instead).
      const firstRanOut = visited[0] === 0 ? `(SELECT count(*) FROM (${having(params, keyParam, "1")})) <= ${this.page.limit} AND` : "";
      const someoneLacks = `(SELECT coalesce((SELECT customer_count FROM customer_property_keys WHERE workspace_id = ?1 AND key = ${keyParam}), 0))
        < (SELECT coalesce((SELECT row_count FROM row_counts WHERE workspace_id = ?1 AND table_name = 'customers'), 0))`;
      const limit = `(SELECT CASE WHEN ${firstRanOut} ${someoneLacks} THEN ${params.add(this.page.limit + 1)} ELSE 0 END)`;
      return `SELECT ${columns}, '' AS sort_value,
             NOT EXISTS (SELECT 1 FROM customer_properties AS p WHERE p.workspace_id = ?1 AND p.customer_id = c.id AND p.key = ${keyParam}) AS keep
          FROM customers AS c ${active ? "INDEXED BY customers_active" : ""}
         WHERE c.workspace_id = ?1 ${active ? "AND c.archived_at IS NULL" : ""}
           ${sortedTail(["c.id"], pageOf(1), params, limit)}`;
    };
    return visited.map((missing) => ({ missing, sql: segment(missing) }));
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
