import { beforeAll, describe, expect, it } from "vitest";
import type { UserIdentityWire } from "../../src/resources/userIdentities/responses";
import { createTenant, expectJson, type Tenant } from "./helpers";
import { createUser, expectSeamError, expectSendblueError, listedIds, seam, seamQuery, sendblue } from "./users";

// Workspace A owns a user; workspace B must never see or touch it, on either
// surface, and gets 404 (not 403): another tenant's ids do not exist for B.
describe("tenant isolation of users", () => {
  const fields = { user_identity_key: "shared-key", email_address: "shared@example.com", phone_number: "+15555550123", full_name: "Ann A" };
  let a: Tenant;
  let b: Tenant;
  let user: UserIdentityWire;

  beforeAll(async () => {
    a = await createTenant();
    b = await createTenant();
    user = await createUser(a, fields);
  });

  const stillIntact = async () => {
    const body = await expectJson(await seam(a, "/user_identities/get", { user_identity_id: user.user_identity_id }), 200);
    expect(body.user_identity).toEqual(user);
  };

  it("Seam get: B gets 404 for A's id and key", async () => {
    await expectSeamError(await seamQuery(b, "/user_identities/get", `user_identity_id=${user.user_identity_id}`), 404, "user_identity_not_found");
    await expectSeamError(await seam(b, "/user_identities/get", { user_identity_key: "shared-key" }), 404, "user_identity_not_found");
  });

  it("Seam list: B never lists A's user, whatever the filter", async () => {
    expect(await listedIds(b)).not.toContain(user.user_identity_id);
    const filtered = await expectJson(await seamQuery(b, "/user_identities/list", `search=ann&user_identity_ids=${user.user_identity_id}`), 200);
    expect(filtered.user_identities).toEqual([]);
  });

  it("Seam update and delete: B gets 404 and A's user is unchanged", async () => {
    const rename = { user_identity_id: user.user_identity_id, full_name: "Hijacked" };
    await expectSeamError(await seam(b, "/user_identities/update", rename, "PATCH"), 404, "user_identity_not_found");
    const query = `user_identity_id=${user.user_identity_id}`;
    await expectSeamError(await seamQuery(b, "/user_identities/delete", query, "DELETE"), 404, "user_identity_not_found");
    await stillIntact();
  });

  it("Sendblue list, count and retrieve: B sees none of A's seats", async () => {
    expect(await expectJson(await sendblue(b, "/api/v2/seats"), 200)).toEqual([]);
    expect(await expectJson(await sendblue(b, "/api/v2/seats?email=shared%40example.com"), 200)).toEqual([]);
    expect(await expectJson(await sendblue(b, "/api/v2/seats/count"), 200)).toEqual({ count: 0 });
    expect(await expectJson(await sendblue(b, "/api/v2/seats/count?email=shared%40example.com"), 200)).toEqual({ count: 0 });
    await expectSendblueError(await sendblue(b, `/api/v2/seats/${user.user_identity_id}`), 404);
    await expectSendblueError(await sendblue(b, "/api/v2/seats/shared-key"), 404);
  });

  it("uniqueness is per workspace: C may use A's key, email and phone; each sees only its own", async () => {
    const c = await createTenant();
    const mine = await createUser(c, fields);
    expect(mine.user_identity_id).not.toBe(user.user_identity_id);
    expect(mine.workspace_id).toBe(c.workspaceId);
    const seat = await expectJson(await sendblue(c, "/api/v2/seats/shared-key"), 200);
    expect(seat.seat.seat_id).toBe(mine.user_identity_id);
    expect(seat.seat.account).toBe(c.workspaceName);
    expect(await listedIds(c)).toEqual([mine.user_identity_id]);
    await stillIntact();
    const aSeat = await expectJson(await sendblue(a, "/api/v2/seats/shared-key"), 200);
    expect(aSeat.seat.seat_id).toBe(user.user_identity_id);
  });
});
