// Issue 14: whatever slips past validation, a constraint the database
// enforces answers a 4xx in the surface's shape (409 for a clash with other
// rows, 422 for a broken column rule), writes nothing, and is logged with
// its name. Proved with constraints no validation covers: triggers made
// here, which break a CHECK, UNIQUE or FOREIGN KEY elsewhere, or RAISE.
import { env } from "cloudflare:test";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { constraintFailureOf } from "../../../src/db/constraints";
import { call, createTenant, expectJson, type Tenant } from "../helpers";
import { snapshot } from "./fixtures";

const PROBE = `probe-${crypto.randomUUID()}`;

// [what the trigger does, its SQL, status, Sequence type, Seam type, the constraint the log names]
const PROBES: [string, string, number, string, string, string][] = [
  ["breaks a CHECK", "INSERT INTO row_counts (workspace_id, table_name, row_count) VALUES (NEW.workspace_id, 'probe', -1)",
    422, "ConstraintViolation", "constraint_violation", "row_count >= 0"],
  ["breaks a UNIQUE", "INSERT INTO workspaces (id, name, created_at) SELECT lower(hex(randomblob(16))), name, created_at FROM workspaces WHERE id = NEW.workspace_id",
    409, "Conflict", "conflict", "workspaces.name"],
  ["breaks a FOREIGN KEY", "INSERT INTO row_counts (workspace_id, table_name, row_count) VALUES ('no-such-workspace', 'probe', 1)",
    409, "Conflict", "conflict", ""],
  ["RAISEs", "SELECT RAISE(ABORT, 'probe_refused')", 409, "Conflict", "conflict", "probe_refused"],
];

const triggerName = (table: string, index: number) => `test_probe_${table}_${index}`;

beforeAll(async () => {
  // Each trigger fires only for its own marker value, so other tests never meet it.
  await env.DB.batch(
    PROBES.flatMap(([, sql], index) => [
      env.DB.prepare(`CREATE TRIGGER ${triggerName("metrics", index)} BEFORE INSERT ON seat_metrics
        WHEN NEW.label = '${PROBE}-${index}' BEGIN ${sql}; END`),
      env.DB.prepare(`CREATE TRIGGER ${triggerName("users", index)} BEFORE INSERT ON users
        WHEN NEW.full_name = '${PROBE}-${index}' BEGIN ${sql}; END`),
    ]),
  );
});

afterAll(async () => {
  await env.DB.batch(
    PROBES.flatMap((_, index) => [
      env.DB.prepare(`DROP TRIGGER ${triggerName("metrics", index)}`),
      env.DB.prepare(`DROP TRIGGER ${triggerName("users", index)}`),
    ]),
  );
});

/** The JSON lines the Worker logged with console.error while `run` ran. */
async function loggedDuring(run: () => Promise<void>): Promise<unknown[]> {
  const spy = vi.spyOn(console, "error").mockImplementation(() => {});
  try {
    await run();
    return spy.mock.calls.flatMap(([line]) => {
      try {
        return typeof line === "string" ? [JSON.parse(line)] : [];
      } catch {
        return [];
      }
    });
  } finally {
    spy.mockRestore();
  }
}

describe("the error funnel maps constraint failures", () => {
  let tenant: Tenant;
  beforeAll(async () => {
    tenant = await createTenant();
  });

  it.each(PROBES.map((probe, index) => [probe[0], index, probe] as const))(
    "Sequence: a write whose statement %s",
    async (_what, index, [, , status, type, , constraint]) => {
      const before = await snapshot(tenant.workspaceId);
      const logged = await loggedDuring(async () => {
        const response = await call("POST", "/api/seat-metrics", tenant.headers.sequence, { seatType: `probe_${index}`, label: `${PROBE}-${index}` });
        expect(await expectJson(response, status)).toEqual({ error: { type, message: expect.stringContaining("nothing was written") } });
      });
      expect(logged).toContainEqual(expect.objectContaining({ event: "constraint_failed", constraint, method: "POST", route: "/api/seat-metrics" }));
      expect(await snapshot(tenant.workspaceId)).toBe(before);
    },
  );

  it.each(PROBES.map((probe, index) => [probe[0], index, probe] as const))(
    "Seam: a write whose statement %s",
    async (_what, index, [, , status, , type, constraint]) => {
      const before = await snapshot(tenant.workspaceId);
      const logged = await loggedDuring(async () => {
        const response = await call("POST", "/user_identities/create", tenant.headers.seam, { full_name: `${PROBE}-${index}` });
        expect(await expectJson(response, status)).toEqual({ error: { type, message: expect.any(String) }, ok: false });
      });
      expect(logged).toContainEqual(expect.objectContaining({ event: "constraint_failed", constraint }));
      expect(await snapshot(tenant.workspaceId)).toBe(before);
    },
  );
});

describe("constraintFailureOf reads D1's errors", () => {
  it.each([
    ["INSERT INTO row_counts (workspace_id, table_name, row_count) VALUES ('w', 't', -1)", { kind: "check", constraint: "row_count >= 0" }],
    ["INSERT INTO row_counts (workspace_id, table_name, row_count) VALUES ('w', 't', 'text')", { kind: "datatype", constraint: "row_counts.row_count" }],
    ["INSERT INTO row_counts (workspace_id, table_name, row_count) VALUES ('w', NULL, 1)", { kind: "not_null", constraint: "row_counts.table_name" }],
    ["INSERT INTO row_counts (workspace_id, table_name, row_count) VALUES ('no-such-workspace', 't', 1)", { kind: "foreign_key", constraint: "" }],
    ["INSERT INTO active_key_gate (key_id) VALUES ('no-such-key')", { kind: "trigger", constraint: "api_key_inactive" }],
  ])("%s", async (sql, expected) => {
    const error = await env.DB.prepare(sql).run().then(() => undefined, (thrown: unknown) => thrown);
    expect(constraintFailureOf(error)).toEqual(expected);
  });

  it("reads a UNIQUE failure, and nothing else", async () => {
    const { workspaceId } = await createTenant();
    const taken = await env.DB.prepare("INSERT INTO workspaces (id, name, created_at) SELECT ?1, name, created_at FROM workspaces WHERE id = ?2")
      .bind(crypto.randomUUID(), workspaceId)
      .run()
      .then(() => undefined, (thrown: unknown) => thrown);
    expect(constraintFailureOf(taken)).toEqual({ kind: "unique", constraint: "workspaces.name" });
    const syntax = await env.DB.prepare("SELEC 1").run().then(() => undefined, (thrown: unknown) => thrown);
    expect(constraintFailureOf(syntax)).toBeUndefined();
    expect(constraintFailureOf(new Error("boom"))).toBeUndefined();
  });
});
