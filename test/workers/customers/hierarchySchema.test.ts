import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";

// The database keeps the hierarchy a forest by itself, whatever the code above
// it does: these statements bypass the API on purpose.

const db = () => env.DB;
let ws: string;

const customer = (id: string, workspace = ws) =>
  db()
    .prepare(
      `INSERT INTO customers (workspace_id, id, legal_name, address_line1, address_town, address_postcode,
         address_country, tax_status, integration_ids, created_at, updated_at)
       VALUES (?1, ?2, ?2, 'l', 't', 'p', 'GB', 'TAXED', '[]', 'now', 'now')`,
    )
    .bind(workspace, id);
const org = (id: string, owner: string) =>
  db().prepare("INSERT INTO customer_organizations (workspace_id, id, owner_id, created_at) VALUES (?1, ?2, ?3, 'now')").bind(ws, id, owner);
const member = (orgId: string, owner: string, customerId: string) =>
  db()
    .prepare(
      "INSERT INTO customer_organization_members (workspace_id, customer_id, organization_id, owner_id, created_at) VALUES (?1, ?2, ?3, ?4, 'now')",
    )
    .bind(ws, customerId, orgId, owner);
const workspace = (id: string) => db().prepare("INSERT INTO workspaces (id, name, created_at) VALUES (?1, ?1, 'now')").bind(id);

beforeEach(async () => {
  ws = crypto.randomUUID();
  await db().batch([workspace(ws), customer("A"), customer("B"), customer("C"), org("oA", "A"), org("oB", "B"), org("oC", "C")]);
  await db().batch([member("oA", "A", "B"), member("oB", "B", "C")]);
});

describe("customer_organization_members", () => {
  it("refuses an edge that closes a cycle, however long", async () => {
    await expect(member("oC", "C", "A").run()).rejects.toThrow(/customer_organization_cycle/);
    await expect(member("oB", "B", "A").run()).rejects.toThrow(/customer_organization_cycle/);
  });

  it("refuses a second organization for a member", async () => {
    await db().batch([customer("D"), org("oD", "D")]);
    await expect(member("oD", "D", "C").run()).rejects.toThrow(/UNIQUE constraint failed: customer_organization_members/);
  });

  it("refuses the owner as a member of its own organization", async () => {
    await expect(member("oC", "C", "C").run()).rejects.toThrow(/CHECK constraint failed|customer_organization_cycle/);
  });

  it("refuses a member whose owner is not the organization's owner, and unknown or foreign customers", async () => {
    const other = crypto.randomUUID();
    await db().batch([workspace(other), customer("Foreign", other), customer("E")]);
    await expect(member("oC", "A", "E").run()).rejects.toThrow(/FOREIGN KEY/);
    await expect(member("oC", "C", "Foreign").run()).rejects.toThrow(/FOREIGN KEY/);
    await expect(member("oC", "C", "Nobody").run()).rejects.toThrow(/FOREIGN KEY/);
  });

  it("refuses rewriting an edge, which would dodge the cycle check", async () => {
    await expect(
      db().prepare("UPDATE customer_organization_members SET customer_id = 'A' WHERE workspace_id = ?1 AND customer_id = 'C'").bind(ws).run(),
    ).rejects.toThrow(/immutable/);
    await expect(
      db().prepare("UPDATE customer_organizations SET owner_id = 'C' WHERE workspace_id = ?1 AND id = 'oA'").bind(ws).run(),
    ).rejects.toThrow(/immutable/);
  });

  it("rolls back the whole batch when one statement is refused", async () => {
    await db().batch([customer("D"), org("oD", "D")]);
    await expect(db().batch([member("oC", "C", "D"), member("oC", "C", "A")])).rejects.toThrow(/cycle/);
    const row = await db().prepare("SELECT COUNT(*) AS n FROM customer_organization_members WHERE workspace_id = ?1").bind(ws).first("n");
    expect(row).toBe(2);
  });

  it("drops an organization's memberships with it", async () => {
    await db().prepare("DELETE FROM customer_organizations WHERE workspace_id = ?1 AND id = 'oA'").bind(ws).run();
    const { results } = await db().prepare("SELECT customer_id FROM customer_organization_members WHERE workspace_id = ?1").bind(ws).all();
    expect(results).toEqual([{ customer_id: "C" }]);
  });
});
