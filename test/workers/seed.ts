import { env } from "cloudflare:workers";

/**
 * Bulk rows straight through SQL, for tests that need tables of a given
 * size. Row n of a kind gets a UUIDv7-shaped id whose millisecond is
 * BASE_MS + n and a matching created_at, as mintId() makes them, so ids
 * sort in creation order; triggers (counts, search index) fire as for any insert.
 */
const BASE_MS = Date.UTC(2026, 0, 1);

/** The SQL of row n's id (`n` an integer SQL expression), for a kind number 0-15. */
const idSql = (n: string, kind: number) =>
  `printf('%08x-%04x-7%03x-8000-%012x', (${BASE_MS} + ${n}) / 65536, (${BASE_MS} + ${n}) % 65536, ${kind}, ${n})`;
const createdSql = (n: string) => `strftime('%Y-%m-%dT%H:%M:%fZ', (${BASE_MS} + ${n}) / 1000.0, 'unixepoch')`;
const SEQ = "WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < ?2)";

/** The id row n of a kind gets (same as idSql). */
export function seededId(n: number, kind: number): string {
  const ms = BASE_MS + n;
  const hex = (value: number, width: number) => value.toString(16).padStart(width, "0");
  return `${hex(Math.floor(ms / 65536), 8)}-${hex(ms % 65536, 4)}-7${hex(kind, 3)}-8000-${hex(n, 12)}`;
}

/** The created_at row n gets. */
export const seededCreatedAt = (n: number) => new Date(BASE_MS + n).toISOString();

export const USER_KIND = 1;
const CUSTOMER_KIND = 2;
const ORGANIZATION_KIND = 3;
const METRIC_KIND = 4;
const CONTACT_KIND = 5;
const ALIAS_KIND = 6;

/** What seeded user n looks like (`tag` keeps workspaces' values apart). */
export function seededUser(tag: string, n: number) {
  const padded = String(n).padStart(6, "0");
  return {
    id: seededId(n, USER_KIND),
    key: `${tag}_${padded}`,
    email: `${tag}.${padded}@Cost.Test`,
    phone: `+1${String(n).padStart(10, "0")}`,
    name: `Person ${padded} ${tag}`,
  };
}

/** Users 1..count, shaped as seededUser says. */
export async function seedUsers(workspaceId: string, tag: string, count: number): Promise<void> {
  await env.DB.prepare(
    `INSERT INTO users (workspace_id, id, user_identity_key, email_address, phone_number, full_name, created_at)
     ${SEQ}
     SELECT ?1, ${idSql("n", USER_KIND)}, ?3 || '_' || printf('%06d', n), ?3 || '.' || printf('%06d', n) || '@Cost.Test',
            printf('+1%010d', n), 'Person ' || printf('%06d', n) || ' ' || ?3, ${createdSql("n")}
       FROM seq`,
  )
    .bind(workspaceId, count, tag)
    .run();
}

/** Seat metrics 1..count (seat types `bulk_<n>`), plus `apm` and `logs`. */
export async function seedSeatMetrics(workspaceId: string, count: number): Promise<void> {
  const columns = "workspace_id, id, seat_type, label, created_by, created_at, updated_at";
  await env.DB.prepare(
    `INSERT INTO seat_metrics (${columns})
     ${SEQ}
     SELECT ?1, ${idSql("n", METRIC_KIND)}, CASE n WHEN 1 THEN 'apm' WHEN 2 THEN 'logs' ELSE 'bulk_' || n END,
            'Bulk', 'test', ${createdSql("n")}, ${createdSql("n")}
       FROM seq`,
  )
    .bind(workspaceId, Math.max(count, 2))
    .run();
}

/** Every user holds an `apm` seat; users 1..5 a `logs` seat too. */
export async function seedSeatHolders(workspaceId: string): Promise<void> {
  await env.DB.prepare(
    `INSERT INTO seat_assignments (workspace_id, product_code, user_id, assigned_at)
     SELECT workspace_id, 'apm', id, created_at FROM users WHERE workspace_id = ?1
     UNION ALL
     SELECT workspace_id, 'logs', id, created_at FROM users WHERE workspace_id = ?1 AND id <= ?2`,
  )
    .bind(workspaceId, seededId(5, USER_KIND))
    .run();
}

/**
 * User n belongs to customer n (for n up to both counts), so customer n
 * holds user n's seats: its seat events and balances follow by trigger.
 */
export async function seedCustomerUsers(workspaceId: string, count: number): Promise<void> {
  await env.DB.prepare(
    `INSERT INTO customer_users (workspace_id, user_id, customer_id, linked_at)
     ${SEQ} SELECT ?1, ${idSql("n", USER_KIND)}, ${idSql("n", CUSTOMER_KIND)}, ${createdSql("n")} FROM seq`,
  )
    .bind(workspaceId, count)
    .run();
}

/** Seat metric n's id (1 is `apm`, 2 is `logs`). */
export const seededMetricId = (n: number) => seededId(n, METRIC_KIND);
/** Customer n's id. */
export const seededCustomerId = (n: number) => seededId(n, CUSTOMER_KIND);
/** Organization n's id. */
export const seededOrganizationId = (n: number) => seededId(n, ORGANIZATION_KIND);

/**
 * Customers 1..count, and count / 5 organizations: organization i is owned
 * by customer 2i - 1 and has customer 2i as its one member. Customer n has
 * label `label-n`, alias `alias-n`, one PRIMARY contact `cn@cost.test`,
 * and, when n is a multiple of 5 beyond the organizations' customers, the
 * custom property `tier` = n in six digits (so a page sorted by it holds
 * customers of no organization at any size).
 */
export async function seedCustomers(workspaceId: string, count: number): Promise<void> {
  await env.DB.prepare(
    `INSERT INTO customers (workspace_id, id, legal_name, address_line1, address_town, address_postcode,
                            address_country, label, tax_status, integration_ids, created_at, updated_at)
     ${SEQ}
     SELECT ?1, ${idSql("n", CUSTOMER_KIND)}, 'Customer ' || printf('%06d', n), '1 Main Street',
            'London', 'EC1A 1BB', 'GB', 'label-' || n, 'TAXED', '[]', ${createdSql("n")}, ${createdSql("n")}
       FROM seq`,
  )
    .bind(workspaceId, count)
    .run();
  const organizations = Math.floor(count / 5);
  await env.DB.batch([
    env.DB.prepare(
      `INSERT INTO customer_contacts (workspace_id, id, customer_id, name, email, billing_preference, created_at, updated_at)
       ${SEQ} SELECT ?1, ${idSql("n", CONTACT_KIND)}, ${idSql("n", CUSTOMER_KIND)}, 'Contact ' || n, 'c' || n || '@cost.test', 'PRIMARY',
                     ${createdSql("n")}, ${createdSql("n")} FROM seq`,
    ).bind(workspaceId, count),
    env.DB.prepare(
      `INSERT INTO customer_aliases (workspace_id, id, customer_id, value, created_at)
       ${SEQ} SELECT ?1, ${idSql("n", ALIAS_KIND)}, ${idSql("n", CUSTOMER_KIND)}, 'alias-' || n, ${createdSql("n")} FROM seq`,
    ).bind(workspaceId, count),
    env.DB.prepare(
      `INSERT INTO customer_properties (workspace_id, customer_id, key, value)
       ${SEQ} SELECT ?1, ${idSql("n", CUSTOMER_KIND)}, 'tier', printf('%06d', n) FROM seq WHERE n % 5 = 0 AND n > ?3`,
    ).bind(workspaceId, count, 2 * Math.floor(count / 5)),
    env.DB.prepare(
      `INSERT INTO customer_organizations (workspace_id, id, owner_id, created_at)
       ${SEQ} SELECT ?1, ${idSql("n", ORGANIZATION_KIND)}, ${idSql("2 * n - 1", CUSTOMER_KIND)}, ${createdSql("n")} FROM seq`,
    ).bind(workspaceId, organizations),
    env.DB.prepare(
      `INSERT INTO customer_organization_members (workspace_id, customer_id, organization_id, owner_id, created_at)
       ${SEQ} SELECT ?1, ${idSql("2 * n", CUSTOMER_KIND)}, ${idSql("n", ORGANIZATION_KIND)}, ${idSql("2 * n - 1", CUSTOMER_KIND)},
                     ${createdSql("n")} FROM seq`,
    ).bind(workspaceId, organizations),
  ]);
}

/**
 * `count` archived customers, newer than every customer of seedCustomers():
 * a walk newest first that did not skip them by index would read them all.
 * Each has a PRIMARY contact `archived-n@cost.test` and the property `tier`.
 */
export async function seedArchivedCustomers(workspaceId: string, count: number): Promise<void> {
  const n = `(1000000 + n)`;
  await env.DB.batch([
    env.DB.prepare(
      `INSERT INTO customers (workspace_id, id, legal_name, address_line1, address_town, address_postcode,
                              address_country, tax_status, integration_ids, created_at, updated_at, archived_at)
       ${SEQ}
       SELECT ?1, ${idSql(n, CUSTOMER_KIND)}, 'Archived ' || printf('%06d', n), '1 Main Street', 'London', 'EC1A 1BB', 'GB',
              'TAXED', '[]', ${createdSql(n)}, ${createdSql(n)}, ${createdSql(n)}
         FROM seq`,
    ).bind(workspaceId, count),
    env.DB.prepare(
      `INSERT INTO customer_contacts (workspace_id, id, customer_id, name, email, billing_preference, created_at, updated_at)
       ${SEQ} SELECT ?1, ${idSql(n, CONTACT_KIND)}, ${idSql(n, CUSTOMER_KIND)}, 'Archived', 'archived-' || n || '@cost.test', 'PRIMARY',
                     ${createdSql(n)}, ${createdSql(n)} FROM seq`,
    ).bind(workspaceId, count),
    env.DB.prepare(
      `INSERT INTO customer_properties (workspace_id, customer_id, key, value, archived)
       ${SEQ} SELECT ?1, ${idSql(n, CUSTOMER_KIND)}, 'tier', 'a', 1 FROM seq`,
    ).bind(workspaceId, count),
  ]);
}
