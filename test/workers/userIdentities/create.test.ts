import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { UserIdentityEnvelope } from "../../../src/resources/userIdentities/responses";
import { BASE, createTenant, expectJson, withKey } from "../helpers";
import { createUser, expectSeamError, listedIds, seam } from "../users";

describe("POST /user_identities/create", () => {
  it("creates from the documented example and answers 200 with every field of the object", async () => {
    const tenant = await createTenant();
    const response = await seam(tenant, "/user_identities/create", {
      user_identity_key: "jean_doe",
      email_address: "jean@example.com",
      phone_number: "+15555550110",
      full_name: "Jean Doe",
    });
    expect(response.headers.get("seam-request-id")).toBeTruthy();
    const body = UserIdentityEnvelope.parse(await expectJson(response, 200));
    expect(body).toEqual({
      user_identity: {
        user_identity_id: expect.any(String),
        user_identity_key: "jean_doe",
        email_address: "jean@example.com",
        phone_number: "+15555550110",
        display_name: "Jean Doe",
        full_name: "Jean Doe",
        created_at: expect.any(String),
        workspace_id: tenant.workspaceId,
        errors: [],
        warnings: [],
        acs_user_ids: [],
      },
      ok: true,
    });
    expect(await listedIds(tenant)).toEqual([body.user_identity.user_identity_id]);
  });

  it("accepts {} and an empty form-encoded body (the Seam SDK's create()), all fields null", async () => {
    const tenant = await createTenant();
    const empty = await createUser(tenant, {});
    expect(empty).toMatchObject({ user_identity_key: null, email_address: null, phone_number: null, full_name: null });
    expect(empty.display_name).toBe(`User ${empty.user_identity_id.slice(-12)}`);
    const form = await exports.default.fetch(`${BASE}/user_identities/create`, {
      method: "POST",
      headers: { ...tenant.headers.seam, "content-type": "application/x-www-form-urlencoded" },
    });
    UserIdentityEnvelope.parse(await expectJson(form, 200));
    expect(await listedIds(tenant)).toHaveLength(2);
  });

  it("accepts explicit nulls", async () => {
    const tenant = await createTenant();
    const user = await createUser(tenant, { user_identity_key: null, email_address: null, phone_number: null, full_name: null });
    expect(user.full_name).toBeNull();
  });

  it("derives display_name: full name, else email, else phone, else key", async () => {
    const tenant = await createTenant();
    expect((await createUser(tenant, { full_name: "  Ada Lovelace ", email_address: "ada@x.io" })).display_name).toBe("Ada Lovelace");
    expect((await createUser(tenant, { email_address: "b@x.io", phone_number: "+441234", user_identity_key: "b" })).display_name).toBe("b@x.io");
    expect((await createUser(tenant, { phone_number: "+33123456789", user_identity_key: "c" })).display_name).toBe("+33123456789");
    expect((await createUser(tenant, { user_identity_key: "dee" })).display_name).toBe("dee");
  });

  it.each([
    ["email_address", { email_address: "not-an-email" }],
    ["email_address", { email_address: 5 }],
    // RFC 5321's path limit: 254 characters for the address.
    ["email_address", { email_address: `${"e".repeat(245)}@x.example` }],
    ["phone_number", { phone_number: "15555550100" }],
    ["phone_number", { phone_number: "+05555550100" }],
    ["phone_number", { phone_number: "+1234567890123456" }],
    ["phone_number", { phone_number: "+1 555 555 0100" }],
    ["phone_number", { phone_number: "+" }],
    ["full_name", { full_name: "" }],
    ["full_name", { full_name: "   " }],
    ["full_name", { full_name: ["Jean"] }],
    ["user_identity_key", { user_identity_key: "" }],
    ["user_identity_key", { user_identity_key: 42 }],
  ])("refuses bad %s with 400 invalid_input naming the field, writing nothing (%j)", async (field, body) => {
    const tenant = await createTenant();
    const error = await expectSeamError(await seam(tenant, "/user_identities/create", body), 400, "invalid_input");
    expect(error.validation_errors).toMatchObject({ [field]: { _errors: [expect.any(String)] } });
    expect(error.message).toContain(field);
    expect(await listedIds(tenant)).toEqual([]);
  });

  it("accepts an email address of 254 characters, the longest RFC 5321 carries", async () => {
    const tenant = await createTenant();
    const longest = `${"e".repeat(64)}@${"a".repeat(63)}.${"b".repeat(63)}.${"c".repeat(53)}.example`;
    expect(longest).toHaveLength(254);
    expect((await createUser(tenant, { email_address: longest })).email_address).toBe(longest);
  });

  it("accepts the longest E.164 number (15 digits)", async () => {
    const tenant = await createTenant();
    expect((await createUser(tenant, { phone_number: "+123456789012345" })).phone_number).toBe("+123456789012345");
  });

  it("refuses malformed JSON (400), a non-JSON body (415), a non-object (400) and an oversized body (413)", async () => {
    const tenant = await createTenant();
    const post = (body: BodyInit, contentType: string) =>
      exports.default.fetch(`${BASE}/user_identities/create`, {
        method: "POST",
        headers: { ...tenant.headers.seam, "content-type": contentType },
        body,
      });
    await expectSeamError(await post("{", "application/json"), 400, "invalid_input");
    await expectSeamError(await post("full_name=x", "application/x-www-form-urlencoded"), 415, "unsupported_media_type");
    await expectSeamError(await post("[]", "application/json"), 400, "invalid_input");
    const huge = JSON.stringify({ full_name: "x".repeat(1024 * 1024) });
    await expectSeamError(await post(huge, "application/json"), 413, "payload_too_large");
    expect(await listedIds(tenant)).toEqual([]);
  });

  it("refuses other methods with 405 and Allow", async () => {
    const tenant = await createTenant();
    const response = await seam(tenant, "/user_identities/create", {}, "PUT");
    expect(response.headers.get("allow")).toBe("POST");
    await expectSeamError(response, 405, "method_not_allowed");
  });
});

describe("uniqueness within a workspace", () => {
  it.each([
    ["user_identity_key", { user_identity_key: "jd" }, { user_identity_key: "jd" }],
    ["email_address", { email_address: "jd@example.com" }, { email_address: "JD@Example.COM" }],
    ["phone_number", { phone_number: "+15555550110" }, { phone_number: "+15555550110" }],
  ])("refuses a taken %s with 409 <field>_taken and writes nothing", async (field, first, second) => {
    const tenant = await createTenant();
    const existing = await createUser(tenant, first);
    const response = await seam(tenant, "/user_identities/create", { ...second, full_name: "Someone Else" });
    const error = await expectSeamError(response, 409, `${field}_taken`);
    expect(error.message).toContain(field);
    expect(await listedIds(tenant)).toEqual([existing.user_identity_id]);
  });

  it("lets users without a key, email or phone coexist (NULLs never collide)", async () => {
    const tenant = await createTenant();
    await createUser(tenant);
    await createUser(tenant);
    expect(await listedIds(tenant)).toHaveLength(2);
  });

  it("lets exactly one of two racing creates with the same email win", async () => {
    const tenant = await createTenant();
    const responses = await Promise.all(
      ["First", "Second", "Third"].map((name) =>
        seam(tenant, "/user_identities/create", { email_address: "race@example.com", full_name: name }),
      ),
    );
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([200, 409, 409]);
    expect(await listedIds(tenant)).toHaveLength(1);
  });
});

describe("credentials and permissions", () => {
  it("answers 401 in Seam's shape without credentials, with a wrong token, or with another surface's headers", async () => {
    const tenant = await createTenant();
    const post = (headers: Record<string, string>) =>
      exports.default.fetch(`${BASE}/user_identities/create`, { method: "POST", headers, body: "{}" });
    await expectSeamError(await post({ "content-type": "application/json" }), 401, "unauthorized");
    await expectSeamError(await post({ authorization: `Bearer ${tenant.token}x` }), 401, "unauthorized");
    await expectSeamError(await post({ authorization: "Bearer seam_nope" }), 401, "unauthorized");
    await expectSeamError(await post(tenant.headers.sendblue), 401, "unauthorized");
    expect(await listedIds(tenant)).toEqual([]);
  });

  it("lets a users_read key read but not create, update or delete (403), writing nothing", async () => {
    const owner = await createTenant();
    const user = await createUser(owner, { user_identity_key: "k" });
    const readOnly = await withKey(owner, ["users_read"]);
    await expectSeamError(await seam(readOnly, "/user_identities/create", {}), 403, "forbidden");
    const rename = { user_identity_id: user.user_identity_id, full_name: "x" };
    await expectSeamError(await seam(readOnly, "/user_identities/update", rename, "PATCH"), 403, "forbidden");
    const remove = { user_identity_id: user.user_identity_id };
    await expectSeamError(await seam(readOnly, "/user_identities/delete", remove), 403, "forbidden");
    const got = await expectJson(await seam(readOnly, "/user_identities/get", { user_identity_key: "k" }), 200);
    expect(got.user_identity).toEqual(user);
    expect(await listedIds(readOnly)).toEqual([user.user_identity_id]);
  });

  it("refuses a key without users_read on get and list (403)", async () => {
    const tenant = await createTenant(["users_write"]);
    await createUser(tenant);
    await expectSeamError(await seam(tenant, "/user_identities/list", {}), 403, "forbidden");
    await expectSeamError(await seam(tenant, "/user_identities/get", { user_identity_key: "x" }), 403, "forbidden");
  });
});
