import { describe, expect, it } from "vitest";
import { createTenant, expectJson, type Tenant } from "../helpers";
import { createUser, expectSeamError, listedIds, seam, seamQuery } from "../users";

async function get(tenant: Tenant, id: string) {
  return (await expectJson(await seam(tenant, "/user_identities/get", { user_identity_id: id }), 200)).user_identity;
}

describe("/user_identities/update", () => {
  it("changes given fields through PATCH, keeps omitted ones, clears nulls, answers {ok:true}", async () => {
    const tenant = await createTenant();
    const user = await createUser(tenant, { user_identity_key: "jd", email_address: "jd@x.io", full_name: "Jean Doe" });
    const patch = { user_identity_id: user.user_identity_id, full_name: "Jean Q. Doe", phone_number: "+15555550110", email_address: null };
    const response = await seam(tenant, "/user_identities/update", patch, "PATCH");
    expect(await expectJson(response, 200)).toEqual({ ok: true });
    expect(response.headers.get("seam-request-id")).toBeTruthy();
    expect(await get(tenant, user.user_identity_id)).toEqual({
      ...user,
      full_name: "Jean Q. Doe",
      display_name: "Jean Q. Doe",
      phone_number: "+15555550110",
      email_address: null,
    });
  });

  it("accepts POST as well, and an update with no changes", async () => {
    const tenant = await createTenant();
    const user = await createUser(tenant, { full_name: "A" });
    await expectJson(await seam(tenant, "/user_identities/update", { user_identity_id: user.user_identity_id, user_identity_key: "a" }), 200);
    await expectJson(await seam(tenant, "/user_identities/update", { user_identity_id: user.user_identity_id }), 200);
    expect((await get(tenant, user.user_identity_id)).user_identity_key).toBe("a");
  });

  it("refuses taken values with 409 and changes nothing; keeping one's own value is fine", async () => {
    const tenant = await createTenant();
    await createUser(tenant, { user_identity_key: "taken", email_address: "taken@x.io", phone_number: "+111" });
    const user = await createUser(tenant, { user_identity_key: "mine", email_address: "mine@x.io", full_name: "Me" });
    const id = user.user_identity_id;
    const update = (body: object) => seam(tenant, "/user_identities/update", { user_identity_id: id, ...body }, "PATCH");
    await expectSeamError(await update({ user_identity_key: "taken", full_name: "Changed" }), 409, "user_identity_key_taken");
    await expectSeamError(await update({ email_address: "TAKEN@x.io" }), 409, "email_address_taken");
    await expectSeamError(await update({ phone_number: "+111" }), 409, "phone_number_taken");
    expect(await get(tenant, id)).toEqual(user);
    await expectJson(await update({ user_identity_key: "mine", email_address: "Mine@x.io" }), 200);
  });

  it("answers 404 for an unknown id and 400 for bad input, writing nothing", async () => {
    const tenant = await createTenant();
    const user = await createUser(tenant, { full_name: "Keep" });
    const unknown = { user_identity_id: crypto.randomUUID(), full_name: "x" };
    await expectSeamError(await seam(tenant, "/user_identities/update", unknown, "PATCH"), 404, "user_identity_not_found");
    const missingId = await expectSeamError(await seam(tenant, "/user_identities/update", { full_name: "x" }, "PATCH"), 400, "invalid_input");
    expect(missingId.validation_errors).toHaveProperty("user_identity_id");
    for (const bad of [{ phone_number: "555" }, { email_address: "nope" }, { full_name: "" }, { user_identity_key: "" }]) {
      const response = await seam(tenant, "/user_identities/update", { user_identity_id: user.user_identity_id, ...bad }, "PATCH");
      const error = await expectSeamError(response, 400, "invalid_input");
      expect(error.validation_errors).toHaveProperty(Object.keys(bad)[0]!);
    }
    expect(await get(tenant, user.user_identity_id)).toEqual(user);
  });
});

describe("/user_identities/delete", () => {
  it("deletes through DELETE with a query string (the SDK's form), then 404s", async () => {
    const tenant = await createTenant();
    const user = await createUser(tenant);
    const other = await createUser(tenant);
    const query = `_strict=true&user_identity_id=${user.user_identity_id}`;
    const response = await seamQuery(tenant, "/user_identities/delete", query, "DELETE");
    expect(await expectJson(response, 200)).toEqual({ ok: true });
    expect(response.headers.get("seam-request-id")).toBeTruthy();
    expect(await listedIds(tenant)).toEqual([other.user_identity_id]);
    await expectSeamError(await seam(tenant, "/user_identities/get", { user_identity_id: user.user_identity_id }), 404, "user_identity_not_found");
    await expectSeamError(await seamQuery(tenant, "/user_identities/delete", query, "DELETE"), 404, "user_identity_not_found");
  });

  it("deletes through POST with a JSON body, and DELETE with a JSON body", async () => {
    const tenant = await createTenant();
    const a = await createUser(tenant);
    const b = await createUser(tenant);
    expect(await expectJson(await seam(tenant, "/user_identities/delete", { user_identity_id: a.user_identity_id }), 200)).toEqual({ ok: true });
    await expectJson(await seam(tenant, "/user_identities/delete", { user_identity_id: b.user_identity_id }, "DELETE"), 200);
    expect(await listedIds(tenant)).toEqual([]);
  });

  it("frees the deleted user's key, email and phone", async () => {
    const tenant = await createTenant();
    const fields = { user_identity_key: "k", email_address: "k@x.io", phone_number: "+1222" };
    const user = await createUser(tenant, fields);
    await expectJson(await seam(tenant, "/user_identities/delete", { user_identity_id: user.user_identity_id }), 200);
    expect((await createUser(tenant, fields)).user_identity_id).not.toBe(user.user_identity_id);
  });

  it("refuses a missing or malformed id with 400", async () => {
    const tenant = await createTenant();
    await createUser(tenant);
    await expectSeamError(await seamQuery(tenant, "/user_identities/delete", "_strict=true", "DELETE"), 400, "invalid_input");
    await expectSeamError(await seamQuery(tenant, "/user_identities/delete", "user_identity_id=1", "DELETE"), 400, "invalid_input");
    const wholeArray = await expectSeamError(await seam(tenant, "/user_identities/delete", [], "DELETE"), 400, "invalid_input");
    // An array body is not a repeated parameter (there is none to name).
    expect(wholeArray.message).not.toContain("repeated");
    expect(await listedIds(tenant)).toHaveLength(1);
  });
});
