/**
 * What scenarios use to make what their requests need: run-unique values,
 * records made through the real API, and pools of rows cloned through D1.
 */
import { authHeaders, routeExists, sendJson, type RequestSpec, type SurfaceName } from "./api.ts";
import type { Fixture } from "./fixture.ts";
import { cloneRows } from "./seed.ts";

/** Table names in D1 (users is on main; customers comes with issue 4). */
export const TABLES = { users: "users", customers: "customers", seatMetrics: "seat_metrics", apiKeys: "api_keys" } as const;

const runTag = Math.random().toString(36).slice(2, 8).replace(/[^a-z]/g, "x");
let uniqueCounter = 0;

/** A run-unique lower_snake_case name (valid as a seatType, key or workspace name). */
export function unique(prefix: string): string {
  return `${prefix}_${runTag}_${++uniqueCounter}`;
}

/** A run-unique E.164 phone number. */
export function uniquePhone(): string {
  return `+1${5_550_000_000 + (++uniqueCounter % 1_000_000_000)}`;
}

/** Calls Seatkeeper as the fixture's tenant; throws unless the status is one of `ok`. */
export function call<T = any>(fx: Fixture, surface: SurfaceName, spec: RequestSpec, ok?: number[]): Promise<T> {
  return sendJson<T>(fx.target.base, spec, authHeaders(surface, fx.tenant, fx.target.adminToken), ok);
}

/** Copies of a template row in the fixture's workspace (see seed.ts); returns their ids. */
export function clonePool(fx: Fixture, table: string, templateId: string, count: number): Promise<string[]> {
  return cloneRows(fx.db, table, fx.tenant.workspaceId, templateId, count);
}

export async function createSeatMetric(fx: Fixture, seatType = unique("bench_tpl")): Promise<{ id: string; seatType: string }> {
  return call(fx, "sequence", { method: "POST", path: "/api/seat-metrics", body: { seatType, label: `Bench ${seatType}` } }, [201]);
}

/** A user through Seam's create (issue 3), or a plain INSERT into main's users table until that route exists. */
export async function createUser(fx: Fixture): Promise<string> {
  const key = unique("bench_user");
  const fields = { user_identity_key: key, email_address: `${key}@bench.test`, phone_number: uniquePhone(), full_name: "Bench User" };
  if (await routeExists(fx.target.base, "POST /user_identities/create")) {
    const answer = await call(fx, "seam", { method: "POST", path: "/user_identities/create", body: fields });
    return answer.user_identity.user_identity_id;
  }
  const id = crypto.randomUUID();
  await fx.db
    .prepare(
      `INSERT INTO users (workspace_id, id, user_identity_key, email_address, phone_number, full_name, created_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)`,
    )
    .bind(fx.tenant.workspaceId, id, fields.user_identity_key, fields.email_address, fields.phone_number, fields.full_name, new Date().toISOString())
    .run();
  return id;
}

/** A Sequence customer body (API version 2024-07-30's required fields), with a custom property. */
export function customerBody(name: string) {
  return {
    legalName: name,
    address: { line1: "1 Bench Street", town: "London", postcode: "EC1A 1AA", country: "GB" },
    contacts: [{ name: "Bench", email: `${name}@bench.test`, billingPreference: "PRIMARY" }],
    taxStatus: "TAXED",
    customProperties: { tier: name.slice(-4) },
  };
}

export async function createCustomer(fx: Fixture): Promise<string> {
  return (await call(fx, "sequence", { method: "POST", path: "/api/customers", body: customerBody(unique("bench_customer")) }, [201])).id;
}

export async function createOrg(fx: Fixture, ownerId: string, memberIds: string[]): Promise<string> {
  return (await call(fx, "sequence", { method: "POST", path: "/api/customer-organizations", body: { ownerId, memberIds } }, [201])).id;
}

/** Datadog's assign, 1,000 users per request (its documented maximum). */
export async function assign(fx: Fixture, productCode: string, userIds: string[]): Promise<void> {
  for (let i = 0; i < userIds.length; i += 1000) {
    await call(fx, "datadog", { method: "POST", path: "/api/v2/seats/users", body: seatAssignment(productCode, userIds.slice(i, i + 1000)) }, [201]);
  }
}

/** Datadog's JSON:API body for assign and unassign. */
export function seatAssignment(productCode: string, userIds: string[]) {
  return { data: { type: "seat-assignments", attributes: { product_code: productCode, user_uuids: userIds } } };
}

export async function templateUser(fx: Fixture): Promise<string> {
  return fx.users[0]?.id ?? (await firstRow(fx, TABLES.users)) ?? (await createUser(fx));
}

export async function templateCustomer(fx: Fixture): Promise<string> {
  return fx.customers[0]?.id ?? (await firstRow(fx, TABLES.customers)) ?? (await createCustomer(fx));
}

async function firstRow(fx: Fixture, table: string): Promise<string | undefined> {
  const row = await fx.db.prepare(`SELECT id FROM "${table}" WHERE workspace_id = ?1 LIMIT 1`).bind(fx.tenant.workspaceId).first<{ id: string }>();
  return row?.id;
}

/** Runs `count` tasks, `width` at a time, and returns their results in order. */
export async function inParallel<T>(count: number, width: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      results[i] = await task(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, count) }, worker));
  return results;
}
