/**
 * A seeded workspace the scenarios run against, and the helpers scenarios
 * use to make what their requests need (templates through the real API,
 * pools of rows cloned through D1).
 */
import { authHeaders, createTenant, routeExists, sendJson, type RequestSpec, type SurfaceName, type Target, type Tenant } from "./api.ts";
import type { Sizes } from "./options.ts";
import { cloneRows, countRows, growTo, tableExists, type SqlDb } from "./seed.ts";

export interface UserRef {
  id: string;
  key: string | null;
  email: string | null;
}

export interface CustomerRef {
  id: string;
  email: string | null;
}

export interface Fixture {
  target: Target;
  db: SqlDb;
  tenant: Tenant;
  /** Random samples of the seeded rows (up to a few hundred each). */
  users: UserRef[];
  customers: CustomerRef[];
  seatMetrics: { id: string; seatType: string }[];
  orgs: string[];
  /** The product code (seat type) whose holders the Datadog list rows page through. */
  listCode: string;
  /** 16 product codes for the contention rows. */
  contentionCodes: string[];
  holders: number;
}

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

/** A new workspace with its named product codes; `grow` fills it. */
export async function newFixture(target: Target, db: SqlDb, name: string): Promise<Fixture> {
  const tenant = await createTenant(target, unique(name));
  const fx: Fixture = { target, db, tenant, users: [], customers: [], seatMetrics: [], orgs: [], listCode: "", contentionCodes: [], holders: 0 };
  fx.listCode = (await createSeatMetric(fx, "bench_list")).seatType;
  for (let i = 0; i < 16; i++) fx.contentionCodes.push((await createSeatMetric(fx, `bench_pc_${String(i).padStart(2, "0")}`)).seatType);
  return fx;
}

/** Grows the fixture's workspace to `sizes` (never shrinks) and resamples; returns notes on what it skipped. */
export async function grow(fx: Fixture, sizes: Sizes): Promise<string[]> {
  const notes: string[] = [];
  const ws = fx.tenant.workspaceId;
  const tpl = (await createSeatMetric(fx)).id;
  await growTo(fx.db, TABLES.seatMetrics, ws, tpl, sizes.seatMetrics);
  if (await tableExists(fx.db, TABLES.users)) {
    await growTo(fx.db, TABLES.users, ws, await templateUser(fx), sizes.users);
  } else notes.push(`no '${TABLES.users}' table: users not seeded`);
  if (!(await tableExists(fx.db, TABLES.customers))) notes.push(`no '${TABLES.customers}' table yet (issue 4): customers not seeded`);
  else if (!(await routeExists(fx.target.base, "POST /api/customers"))) notes.push("POST /api/customers missing: customers not seeded");
  else await growTo(fx.db, TABLES.customers, ws, await templateCustomer(fx), sizes.customers);
  await resample(fx);
  notes.push(...(await growOrgs(fx, sizes.orgs)), ...(await growHolders(fx, sizes.holders)));
  return notes;
}

async function resample(fx: Fixture): Promise<void> {
  const sample = (table: string) =>
    fx.db.prepare(`SELECT * FROM "${table}" WHERE workspace_id = ?1 ORDER BY random() LIMIT 300`).bind(fx.tenant.workspaceId).all<any>();
  if (await tableExists(fx.db, TABLES.users)) {
    fx.users = (await sample(TABLES.users)).results.map((row) => ({ id: row.id, key: row.user_identity_key ?? null, email: row.email_address ?? null }));
  }
  if (await tableExists(fx.db, TABLES.customers)) fx.customers = (await sample(TABLES.customers)).results.map((row) => ({ id: row.id, email: row.email ?? null }));
  fx.seatMetrics = (await sample(TABLES.seatMetrics)).results.map((row) => ({ id: row.id, seatType: row.seat_type }));
}

async function growOrgs(fx: Fixture, target: number): Promise<string[]> {
  if (!(await routeExists(fx.target.base, "POST /api/customer-organizations"))) return ["POST /api/customer-organizations missing: no organizations seeded"];
  const missing = target - fx.orgs.length;
  if (missing <= 0) return [];
  // Fresh customers, so that no seeded organization collides with another.
  const members = await clonePool(fx, TABLES.customers, await templateCustomer(fx), missing * 3);
  const created = await inParallel(missing, 8, (i) => createOrg(fx, members[3 * i]!, [members[3 * i + 1]!, members[3 * i + 2]!]));
  fx.orgs.push(...created);
  return [];
}

async function growHolders(fx: Fixture, target: number): Promise<string[]> {
  if (!(await routeExists(fx.target.base, "POST /api/v2/seats/users"))) return ["POST /api/v2/seats/users missing: no seat assignments seeded"];
  const missing = Math.min(target, await countRows(fx.db, TABLES.users, fx.tenant.workspaceId)) - fx.holders;
  if (missing <= 0) return [];
  const users = await fx.db
    .prepare(`SELECT id FROM "${TABLES.users}" WHERE workspace_id = ?1 ORDER BY id LIMIT ?2 OFFSET ?3`)
    .bind(fx.tenant.workspaceId, missing, fx.holders)
    .all<{ id: string }>();
  await assign(fx, fx.listCode, users.results.map((row) => row.id));
  fx.holders += users.results.length;
  return [];
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

/** A Sequence customer body (issue 4's required fields). */
export function customerBody(name: string) {
  return {
    legalName: name,
    email: `${name}@bench.test`,
    address: { line1: "1 Bench Street", town: "London", postcode: "EC1A 1AA", country: "GB" },
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
