/** A seeded workspace the scenarios run against: its tenant, and samples of its rows. */
import { createTenant, routeExists, type Target, type Tenant } from "./api.ts";
import { TABLES, assign, clonePool, createOrg, createSeatMetric, inParallel, templateCustomer, templateUser, unique } from "./makers.ts";
import type { Sizes } from "./options.ts";
import { countRows, databaseBytes, growTo, tableExists, type SqlDb } from "./seed.ts";

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

/** A new workspace with its named product codes; `grow` fills it. */
export async function newFixture(target: Target, db: SqlDb, name: string): Promise<Fixture> {
  const tenant = await createTenant(target, unique(name));
  const fx: Fixture = { target, db, tenant, users: [], customers: [], seatMetrics: [], orgs: [], listCode: "", contentionCodes: [], holders: 0 };
  fx.listCode = (await createSeatMetric(fx, "bench_list")).seatType;
  for (let i = 0; i < 16; i++) fx.contentionCodes.push((await createSeatMetric(fx, `bench_pc_${String(i).padStart(2, "0")}`)).seatType);
  return fx;
}

/** Reports that seeding `rows` rows of `what` grew the database by `bytes`. */
export type Grown = (what: string, rows: number, bytes: number) => void;

/**
 * Grows the fixture's workspace to `sizes` (never shrinks) and resamples;
 * returns notes on what it skipped. With `grown`, each table's growth is
 * reported with what it added to the database's size (indexes, triggers'
 * rows and the search index included).
 */
export async function grow(fx: Fixture, sizes: Sizes, grown?: Grown): Promise<string[]> {
  const notes: string[] = [];
  const ws = fx.tenant.workspaceId;
  const measured = async (what: string, seed: () => Promise<number>) => {
    const before = grown && (await databaseBytes(fx.db));
    const rows = await seed();
    const after = grown && (await databaseBytes(fx.db));
    if (grown && rows > 0 && before !== undefined && after !== undefined) grown(what, rows, after - before);
  };
  const tpl = (await createSeatMetric(fx)).id;
  await measured(TABLES.seatMetrics, () => growTo(fx.db, TABLES.seatMetrics, ws, tpl, sizes.seatMetrics));
  if (await tableExists(fx.db, TABLES.users)) {
    const template = await templateUser(fx);
    await measured(TABLES.users, () => growTo(fx.db, TABLES.users, ws, template, sizes.users));
  } else notes.push(`no '${TABLES.users}' table: users not seeded`);
  if (!(await tableExists(fx.db, TABLES.customers))) notes.push(`no '${TABLES.customers}' table yet (issue 4): customers not seeded`);
  else if (!(await routeExists(fx.target.base, "POST /api/customers"))) notes.push("POST /api/customers missing: customers not seeded");
  else {
    const template = await templateCustomer(fx);
    await measured(TABLES.customers, () => growTo(fx.db, TABLES.customers, ws, template, sizes.customers));
  }
  await resample(fx);
  await measured("customer organizations (owner and 2 members each, fresh customers)", async () => {
    const before = fx.orgs.length;
    notes.push(...(await growOrgs(fx, sizes.orgs)));
    return fx.orgs.length - before;
  });
  await measured("seat assignments", async () => {
    const before = fx.holders;
    notes.push(...(await growHolders(fx, sizes.holders)));
    return fx.holders - before;
  });
  return notes;
}

async function resample(fx: Fixture): Promise<void> {
  const sample = (table: string) =>
    fx.db.prepare(`SELECT * FROM "${table}" WHERE workspace_id = ?1 ORDER BY random() LIMIT 300`).bind(fx.tenant.workspaceId).all<any>();
  if (await tableExists(fx.db, TABLES.users)) {
    fx.users = (await sample(TABLES.users)).results.map((row) => ({ id: row.id, key: row.user_identity_key ?? null, email: row.email_address ?? null }));
  }
  if (await tableExists(fx.db, TABLES.customers)) fx.customers = (await sampleCustomers(fx)).map((row) => ({ id: row.id, email: row.email ?? null }));
  fx.seatMetrics = (await sample(TABLES.seatMetrics)).results.map((row) => ({ id: row.id, seatType: row.seat_type }));
}

/** Sampled customers with an email: a contact's since API version 2024-07-30 (cloned customers have none). */
async function sampleCustomers(fx: Fixture): Promise<{ id: string; email: string | null }[]> {
  const contacts = await tableExists(fx.db, "customer_contacts");
  const email = contacts ? "(SELECT email FROM customer_contacts AS k WHERE k.workspace_id = c.workspace_id AND k.customer_id = c.id LIMIT 1)" : "c.email";
  const sql = `SELECT c.id, ${email} AS email FROM customers AS c WHERE c.workspace_id = ?1 ORDER BY random() LIMIT 300`;
  return (await fx.db.prepare(sql).bind(fx.tenant.workspaceId).all<{ id: string; email: string | null }>()).results;
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

