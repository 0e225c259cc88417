import { env } from "cloudflare:workers";
import { expect } from "vitest";
import { call, expectJson, type Tenant } from "../helpers";

export const CUSTOMERS = "/api/customers";
export const ORGANIZATIONS = "/api/customer-organizations";

export const CONTACTS = (workspaceCustomer: string) => `${CUSTOMERS}/${workspaceCustomer}/contacts`;
export const ALIASES = "/api/customer-aliases";

/** The one contact of customerBody(). */
export const BILLING_CONTACT = { name: "Billing", email: "billing@example.com", billingPreference: "PRIMARY" } as const;

/** The smallest valid customer body (Sequence 2024-07-30: legalName, address, contacts, taxStatus). */
export function customerBody(legalName = `Customer ${crypto.randomUUID().slice(0, 8)}`, overrides: object = {}) {
  return {
    legalName,
    address: { line1: "1 Main Street", town: "London", postcode: "EC1A 1BB", country: "GB" },
    contacts: [BILLING_CONTACT],
    taxStatus: "TAXED",
    ...overrides,
  };
}

/** Creates a customer through the API and returns its wire form. */
export async function createCustomer(tenant: Tenant, legalName?: string, overrides: object = {}) {
  return expectJson(await call("POST", CUSTOMERS, tenant.headers.sequence, customerBody(legalName, overrides)), 201);
}

/** Creates customers named by the given labels; returns their ids by label. */
export async function createCustomers<L extends string>(tenant: Tenant, ...labels: L[]): Promise<Record<L, string>> {
  const ids = {} as Record<L, string>;
  for (const label of labels) ids[label] = (await createCustomer(tenant, label)).id;
  return ids;
}

export function createOrganization(tenant: Tenant, ownerId: string, memberIds: string[]) {
  return call("POST", ORGANIZATIONS, tenant.headers.sequence, { ownerId, memberIds });
}

/** Creates an organization that must succeed; returns its wire form. */
export async function organization(tenant: Tenant, ownerId: string, memberIds: string[] = []) {
  return expectJson(await createOrganization(tenant, ownerId, memberIds), 201);
}

export function addMembers(tenant: Tenant, organizationId: string, customerIds: string[]) {
  return call("POST", `${ORGANIZATIONS}/${organizationId}/members`, tenant.headers.sequence, { customerIds });
}

export function replaceMembers(tenant: Tenant, organizationId: string, customerIds: string[]) {
  return call("PUT", `${ORGANIZATIONS}/${organizationId}/members`, tenant.headers.sequence, { customerIds });
}

/** Every membership edge of the workspace as "owner>member", sorted: the hierarchy as the database holds it. */
export async function edges(tenant: Tenant): Promise<string[]> {
  const { results } = await env.DB.prepare(
    "SELECT owner_id, customer_id FROM customer_organization_members WHERE workspace_id = ?1",
  )
    .bind(tenant.workspaceId)
    .all<{ owner_id: string; customer_id: string }>();
  return results.map((row) => `${row.owner_id}>${row.customer_id}`).sort();
}

export async function countRows(table: string, tenant: Tenant): Promise<number> {
  const row = await env.DB.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE workspace_id = ?1`)
    .bind(tenant.workspaceId)
    .first<{ n: number }>();
  return row!.n;
}

/** A customer's parent following the membership edges up, until the root; throws on a loop. */
export async function ancestors(tenant: Tenant, customerId: string): Promise<string[]> {
  const chain: string[] = [];
  let current: string | null = customerId;
  while (current) {
    const row: { owner_id: string } | null = await env.DB.prepare(
      "SELECT owner_id FROM customer_organization_members WHERE workspace_id = ?1 AND customer_id = ?2",
    )
      .bind(tenant.workspaceId, current)
      .first<{ owner_id: string }>();
    current = row?.owner_id ?? null;
    if (current === customerId || (current && chain.includes(current))) throw new Error(`cycle through ${customerId}`);
    if (current) chain.push(current);
  }
  return chain;
}

/** Asserts how many organizations and memberships the workspace holds (default: none). */
export async function nothingWritten(tenant: Tenant, organizations = 0, members = 0) {
  expect(await countRows("customer_organizations", tenant)).toBe(organizations);
  expect(await countRows("customer_organization_members", tenant)).toBe(members);
}
