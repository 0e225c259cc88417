// Seam's official HTTP client (`@seamapi/http`, which the `seam` package
// re-exports) against the served Worker: every user identity action, its
// pagination, and the SDK's error classes.
import { SeamHttp, SeamHttpApiError, SeamHttpInvalidInputError, SeamHttpUnauthorizedError } from "@seamapi/http";
import { beforeAll, describe, expect, it } from "vitest";
import { seamSchemaErrors } from "../openapi/seam.ts";
import { createWorkspaceWithKey, revokeKey, type TestKey } from "./workspace.ts";

function seamFor(key: TestKey): SeamHttp {
  return new SeamHttp({ apiKey: key.token, endpoint: key.baseUrl });
}

describe("Seam SDK: user identities", () => {
  let key: TestKey;
  let seam: SeamHttp;

  beforeAll(async () => {
    key = await createWorkspaceWithKey();
    seam = seamFor(key);
  });

  it("create() without arguments, and with every field; answers conform to Seam's user_identity schema", async () => {
    const empty = await seam.userIdentities.create();
    expect(seamSchemaErrors("user_identity", empty)).toEqual([]);
    expect(empty).toMatchObject({ user_identity_key: null, email_address: null, workspace_id: key.workspaceId });
    const jean = await seam.userIdentities.create({
      user_identity_key: "jean_doe",
      email_address: "jean@example.com",
      phone_number: "+15555550110",
      full_name: "Jean Doe",
    });
    expect(seamSchemaErrors("user_identity", jean)).toEqual([]);
    expect(jean).toMatchObject({ user_identity_key: "jean_doe", display_name: "Jean Doe", errors: [], warnings: [], acs_user_ids: [] });
  });

  it("get() by id and by key", async () => {
    const created = await seam.userIdentities.create({ user_identity_key: "get-me", full_name: "Get Me" });
    expect(await seam.userIdentities.get({ user_identity_id: created.user_identity_id })).toEqual(created);
    const byKey = await seam.userIdentities.get({ user_identity_key: "get-me" });
    expect(byKey).toEqual(created);
    expect(seamSchemaErrors("user_identity", byKey)).toEqual([]);
  });

  it("update() (PATCH) then get() shows the change; null clears", async () => {
    const created = await seam.userIdentities.create({ full_name: "Old Name", email_address: "old@example.com" });
    await seam.userIdentities.update({ user_identity_id: created.user_identity_id, full_name: "New Name", email_address: null });
    const updated = await seam.userIdentities.get({ user_identity_id: created.user_identity_id });
    expect(updated).toMatchObject({ full_name: "New Name", display_name: "New Name", email_address: null });
  });

  it("delete() (DELETE with a query string) removes it; get() then throws user_identity_not_found", async () => {
    const created = await seam.userIdentities.create();
    await seam.userIdentities.delete({ user_identity_id: created.user_identity_id });
    const error = await seam.userIdentities.get({ user_identity_id: created.user_identity_id }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SeamHttpApiError);
    expect(error).toMatchObject({ code: "user_identity_not_found", statusCode: 404 });
    expect((error as SeamHttpApiError).requestId).toMatch(/.+/);
  });

  it("throws SeamHttpApiError 409 <field>_taken for a taken key, email or phone", async () => {
    await seam.userIdentities.create({ user_identity_key: "dup", email_address: "dup@example.com", phone_number: "+15555550199" });
    for (const [field, value] of [["user_identity_key", "dup"], ["email_address", "DUP@example.com"], ["phone_number", "+15555550199"]]) {
      const error = await seam.userIdentities.create({ [field!]: value }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SeamHttpApiError);
      expect(error).toMatchObject({ code: `${field}_taken`, statusCode: 409 });
    }
  });

  it("throws SeamHttpInvalidInputError naming the field for invalid input", async () => {
    const error = await seam.userIdentities
      .create({ email_address: "not-an-email", phone_number: "555" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SeamHttpInvalidInputError);
    const invalid = error as SeamHttpInvalidInputError;
    expect(invalid.statusCode).toBe(400);
    expect(invalid.validationErrors.map((e) => e.parameterName).sort()).toEqual(["email_address", "phone_number"]);
    expect(invalid.getValidationErrorMessages("phone_number")[0]).toMatch(/E\.164/);
    const badList = await seam.userIdentities.list({ limit: -1 }).catch((e: unknown) => e);
    expect(badList).toBeInstanceOf(SeamHttpInvalidInputError);
    expect((badList as SeamHttpInvalidInputError).getValidationErrorMessages("limit")).not.toEqual([]);
  });

  it("throws SeamHttpUnauthorizedError for an unknown or revoked token", async () => {
    const stranger = new SeamHttp({ apiKey: `seam_${"0".repeat(32)}_${"0".repeat(40)}`, endpoint: key.baseUrl });
    await expect(stranger.userIdentities.list()).rejects.toBeInstanceOf(SeamHttpUnauthorizedError);
    const other = await createWorkspaceWithKey();
    await revokeKey(other);
    await expect(seamFor(other).userIdentities.create()).rejects.toBeInstanceOf(SeamHttpUnauthorizedError);
  });

  it("another workspace cannot get, list, update or delete these user identities (404)", async () => {
    const mine = await seam.userIdentities.create({ user_identity_key: "private" });
    const other = seamFor(await createWorkspaceWithKey());
    const notFound = { code: "user_identity_not_found", statusCode: 404 };
    await expect(other.userIdentities.get({ user_identity_id: mine.user_identity_id })).rejects.toMatchObject(notFound);
    await expect(other.userIdentities.get({ user_identity_key: "private" })).rejects.toMatchObject(notFound);
    expect(await other.userIdentities.list()).toEqual([]);
    await expect(other.userIdentities.update({ user_identity_id: mine.user_identity_id, full_name: "x" })).rejects.toMatchObject(notFound);
    await expect(other.userIdentities.delete({ user_identity_id: mine.user_identity_id })).rejects.toMatchObject(notFound);
    expect(await seam.userIdentities.get({ user_identity_id: mine.user_identity_id })).toEqual(mine);
  });

  it("throws SeamHttpApiError 403 forbidden when the key lacks users_write", async () => {
    const reader = seamFor(await createWorkspaceWithKey(["users_read"]));
    expect(await reader.userIdentities.list()).toEqual([]);
    await expect(reader.userIdentities.create()).rejects.toMatchObject({ code: "forbidden", statusCode: 403 });
  });
});

describe("Seam SDK: list and pagination", () => {
  it("list() with filters, and the paginator walks every page exactly once", async () => {
    const key = await createWorkspaceWithKey();
    const seam = seamFor(key);
    const created = [];
    for (let i = 0; i < 5; i++) created.push(await seam.userIdentities.create({ full_name: `Pager ${i}`, user_identity_key: `p${i}` }));
    await seam.userIdentities.create({ full_name: "Not Paged" });
    const ids = created.map((user) => user.user_identity_id);

    const all = await seam.userIdentities.list();
    expect(all).toHaveLength(6);
    for (const user of all) expect(seamSchemaErrors("user_identity", user)).toEqual([]);
    expect((await seam.userIdentities.list({ search: "PAGER" })).map((u) => u.user_identity_id)).toEqual(ids);
    expect((await seam.userIdentities.list({ user_identity_ids: [ids[1]!, ids[3]!] })).map((u) => u.user_identity_id)).toEqual([ids[1], ids[3]]);
    expect(await seam.userIdentities.list({ user_identity_ids: [] })).toEqual([]);
    expect(await seam.userIdentities.list({ created_before: new Date(0) })).toEqual([]);

    const paginator = seam.createPaginator(seam.userIdentities.list({ search: "pager", limit: 2 }));
    const [firstPage, pagination] = await paginator.firstPage();
    expect(firstPage.map((u) => u.user_identity_id)).toEqual(ids.slice(0, 2));
    expect(pagination.hasNextPage).toBe(true);
    expect(new URL(pagination.nextPageUrl!).searchParams.get("page_cursor")).toBe(pagination.nextPageCursor);
    // PUBLIC_URL (set by the harness to the served origin), not the request's Host.
    expect(new URL(pagination.nextPageUrl!).origin).toBe(key.baseUrl);
    const pages = [];
    for await (const page of paginator) pages.push(page.map((u) => u.user_identity_id));
    expect(pages).toEqual([ids.slice(0, 2), ids.slice(2, 4), ids.slice(4)]);
    expect((await paginator.flattenToArray()).map((u) => u.user_identity_id)).toEqual(ids);
  });
});
