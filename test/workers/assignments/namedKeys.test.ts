import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { generateCredentials, hashSecret, workspaceNamedBy } from "../../../src/auth/keys";
import { PERMISSIONS } from "../../../src/shared/permissions";
import { admin, createTenant, expectJson, withKey } from "../helpers";
import { assign, assigned, createSeatType, holdersInDb, insertUsers, journalOf, seatObject } from "./fixtures";

// Key ids name their workspace (src/auth/keys.ts), so a seat change by a key
// this isolate has not seen goes straight to the workspace's seat object,
// whose batch checks the key as presented (docs/key-check.md): one D1 round
// trip (test/bench/worker/d1Cost.test.ts counts them).

const TAG_SECRET = "test-admin-token"; // the Worker's ADMIN_TOKEN in tests (vitest.config.ts)

const datadog = (keyId: string, secret: string) => ({ headers: { datadog: { "dd-api-key": keyId, "dd-application-key": secret } } });

/** A key row written straight to D1, as no admin route would: to present ids the admin API does not mint. */
async function insertKey(workspaceId: string, keyId: string, secret: string): Promise<void> {
  await env.DB.prepare("INSERT INTO api_keys (id, workspace_id, label, secret_hash, permissions, created_at) VALUES (?1, ?2, 'raw', ?3, ?4, ?5)")
    .bind(keyId, workspaceId, await hashSecret(secret), JSON.stringify(PERMISSIONS), new Date().toISOString())
    .run();
}

async function seatedWorkspace() {
  const tenant = await createTenant();
  await createSeatType(tenant, "apm");
  return { tenant, users: await insertUsers(tenant.workspaceId, 3) };
}

describe("key ids that name their workspace", () => {
  it("are 64 hex digits: the workspace's, 16 random, 16 of a tag only this deployment makes", async () => {
    const tenant = await createTenant();
    expect(tenant.keyId).toMatch(/^[0-9a-f]{64}$/);
    expect(tenant.keyId.slice(0, 32)).toBe(tenant.workspaceId.replaceAll("-", ""));
    expect(await workspaceNamedBy(tenant.keyId, TAG_SECRET)).toBe(tenant.workspaceId);

    const flipped = tenant.keyId.slice(0, 63) + (tenant.keyId.endsWith("0") ? "1" : "0");
    expect(await workspaceNamedBy(flipped, TAG_SECRET)).toBeUndefined();
    expect(await workspaceNamedBy(tenant.keyId, "another deployment's token")).toBeUndefined();
    expect(await workspaceNamedBy(tenant.keyId.slice(32), TAG_SECRET)).toBeUndefined();
    const otherWorkspace = (await createTenant()).workspaceId.replaceAll("-", "");
    expect(await workspaceNamedBy(otherWorkspace + tenant.keyId.slice(32), TAG_SECRET)).toBeUndefined();
  });

  it("let a key this isolate has not seen assign and unassign", async () => {
    const { tenant, users } = await seatedWorkspace();
    const fresh = await withKey(tenant, ["billing_edit"]);
    expect(await assigned(fresh, "apm", [users[0]!])).toEqual([users[0]]);
    expect(await holdersInDb(tenant.workspaceId, "apm")).toEqual([users[0]]);
  });

  it("refuse, writing nothing, a wrong secret, a revoked key and a key without the permission, on its first request", async () => {
    const { tenant, users } = await seatedWorkspace();
    const wrongSecret = await withKey(tenant);
    expect(await expectJson(await assign(datadog(wrongSecret.keyId, "0".repeat(40)), "apm", users), 403)).toEqual({ errors: ["Invalid API credentials"] });

    const revoked = await withKey(tenant);
    expect((await admin(`/admin/api-keys/${revoked.keyId}`, { method: "DELETE" })).status).toBe(204);
    expect(await expectJson(await assign(revoked, "apm", users), 403)).toEqual({ errors: ["Invalid API credentials"] });

    const reader = await withKey(tenant, ["billing_read"]);
    expect(await expectJson(await assign(reader, "apm", users), 403)).toEqual({ errors: [expect.stringMatching(/billing_edit/)] });

    expect(await holdersInDb(tenant.workspaceId, "apm")).toEqual([]);
    // Refused before anything changed: the object keeps no trace of them.
    expect(await journalOf(seatObject(tenant.workspaceId, "apm"))).toEqual([]);
  });

  it("do not let a key act in the workspace its id names unless it is that workspace's (a leaked tag secret)", async () => {
    const { tenant: target, users } = await seatedWorkspace();
    const attacker = await createTenant();
    // An id naming the target's workspace, under the deployment's tag, for a key of the attacker's workspace.
    const forged = await generateCredentials(target.workspaceId, TAG_SECRET);
    await insertKey(attacker.workspaceId, forged.keyId, forged.secret);
    expect(await expectJson(await assign(datadog(forged.keyId, forged.secret), "apm", users), 403)).toEqual({ errors: ["Invalid API credentials"] });
    expect(await holdersInDb(target.workspaceId, "apm")).toEqual([]);
  });

  it("leave ids minted before (32 hex digits) working: their first request looks the key up first", async () => {
    const { tenant, users } = await seatedWorkspace();
    const keyId = crypto.randomUUID().replaceAll("-", "");
    const secret = "a".repeat(40);
    await insertKey(tenant.workspaceId, keyId, secret);
    expect(await workspaceNamedBy(keyId, TAG_SECRET)).toBeUndefined();
    expect(await assigned(datadog(keyId, secret), "apm", [users[1]!])).toEqual([users[1]]);
  });
});
