import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { UserIdentityListEnvelope } from "../../../src/resources/userIdentities/responses";
import { createTenant, expectJson, type Tenant } from "../helpers";
import { createUser, expectSeamError, seam, seamQuery } from "../users";

async function list(tenant: Tenant, query: string) {
  return UserIdentityListEnvelope.parse(await expectJson(await seamQuery(tenant, "/user_identities/list", query), 200));
}

const ids = (page: { user_identities: { user_identity_id: string }[] }) => page.user_identities.map((u) => u.user_identity_id);

describe("/user_identities/get", () => {
  it("finds by id or key through GET (with _strict) and POST", async () => {
    const tenant = await createTenant();
    const user = await createUser(tenant, { user_identity_key: "jd", full_name: "Jean Doe" });
    const byId = await seamQuery(tenant, "/user_identities/get", `_strict=true&user_identity_id=${user.user_identity_id}`);
    expect(await expectJson(byId, 200)).toEqual({ user_identity: user, ok: true });
    expect(byId.headers.get("seam-request-id")).toBeTruthy();
    const byKey = await seamQuery(tenant, "/user_identities/get", "_strict=true&user_identity_key=jd");
    expect((await expectJson(byKey, 200)).user_identity).toEqual(user);
    const posted = await seam(tenant, "/user_identities/get", { user_identity_key: "jd" });
    expect((await expectJson(posted, 200)).user_identity).toEqual(user);
    const both = await seam(tenant, "/user_identities/get", { user_identity_id: user.user_identity_id, user_identity_key: "jd" });
    expect((await expectJson(both, 200)).user_identity).toEqual(user);
  });

  it("answers 404 user_identity_not_found for unknown ids and keys, and for an id and key of different users", async () => {
    const tenant = await createTenant();
    const user = await createUser(tenant, { user_identity_key: "a" });
    await createUser(tenant, { user_identity_key: "b" });
    await expectSeamError(await seam(tenant, "/user_identities/get", { user_identity_id: crypto.randomUUID() }), 404, "user_identity_not_found");
    await expectSeamError(await seamQuery(tenant, "/user_identities/get", "user_identity_key=nobody"), 404, "user_identity_not_found");
    const mixed = { user_identity_id: user.user_identity_id, user_identity_key: "b" };
    await expectSeamError(await seam(tenant, "/user_identities/get", mixed), 404, "user_identity_not_found");
  });

  it("refuses a missing selector, a non-UUID id and wrong types with 400 invalid_input", async () => {
    const tenant = await createTenant();
    await expectSeamError(await seam(tenant, "/user_identities/get", {}), 400, "invalid_input");
    await expectSeamError(await seamQuery(tenant, "/user_identities/get", "_strict=true"), 400, "invalid_input");
    const badId = await expectSeamError(await seamQuery(tenant, "/user_identities/get", "user_identity_id=42"), 400, "invalid_input");
    expect(badId.validation_errors).toHaveProperty("user_identity_id");
    const badKey = await expectSeamError(await seam(tenant, "/user_identities/get", { user_identity_key: 7 }), 400, "invalid_input");
    expect(badKey.validation_errors).toHaveProperty("user_identity_key");
  });
});

describe("/user_identities/list", () => {
  it("lists in creation order with an empty pagination when everything fits", async () => {
    const tenant = await createTenant();
    const created = [await createUser(tenant), await createUser(tenant), await createUser(tenant)];
    const page = await list(tenant, "_strict=true");
    expect(page.user_identities).toEqual(created);
    expect(page.pagination).toEqual({ has_next_page: false, next_page_cursor: null, next_page_url: null });
  });

  it("pages with limit and page_cursor, and next_page_url is the request URL with page_cursor replaced", async () => {
    const tenant = await createTenant();
    const created: string[] = [];
    for (let i = 0; i < 5; i++) created.push((await createUser(tenant, { full_name: `Member ${i}` })).user_identity_id);
    await createUser(tenant, { full_name: "Outsider" });
    const seen: string[] = [];
    let query = "_strict=true&limit=2&search=member";
    for (let pages = 0; pages < 3; pages++) {
      const page = await list(tenant, query);
      seen.push(...ids(page));
      if (!page.pagination.has_next_page) break;
      const next = new URL(page.pagination.next_page_url!);
      expect(next.pathname).toBe("/user_identities/list");
      expect(next.searchParams.get("page_cursor")).toBe(page.pagination.next_page_cursor);
      expect(next.searchParams.get("search")).toBe("member");
      expect(next.searchParams.getAll("page_cursor")).toHaveLength(1);
      query = next.search.slice(1);
    }
    expect(seen).toEqual(created);
  });

  it("pages through POST too; its next_page_url is a GET URL that carries the body's filters", async () => {
    const tenant = await createTenant();
    const a = await createUser(tenant, { email_address: "a@x.io" });
    const b = await createUser(tenant, { email_address: "b@x.io" });
    await createUser(tenant, { email_address: "c@x.io" });
    const first = UserIdentityListEnvelope.parse(
      await expectJson(await seam(tenant, "/user_identities/list", { limit: 1, user_identity_ids: [a.user_identity_id, b.user_identity_id] }), 200),
    );
    expect(ids(first)).toEqual([a.user_identity_id]);
    const next = new URL(first.pagination.next_page_url!);
    expect(next.searchParams.getAll("user_identity_ids")).toEqual([a.user_identity_id, b.user_identity_id]);
    const second = await list(tenant, next.search.slice(1));
    expect(ids(second)).toEqual([b.user_identity_id]);
    expect(second.pagination.has_next_page).toBe(false);
    const posted = await seam(tenant, "/user_identities/list", { page_cursor: first.pagination.next_page_cursor, limit: 1, user_identity_ids: [a.user_identity_id, b.user_identity_id] });
    expect(ids(UserIdentityListEnvelope.parse(await expectJson(posted, 200)))).toEqual([b.user_identity_id]);
  });

  it("searches name, email, phone and key, case-insensitively, with % and _ taken literally", async () => {
    const tenant = await createTenant();
    const byName = await createUser(tenant, { full_name: "Grace HOPPER" });
    const byEmail = await createUser(tenant, { email_address: "hopper.fan@example.com" });
    const byPhone = await createUser(tenant, { phone_number: "+4915112345678" });
    const byKey = await createUser(tenant, { user_identity_key: "key_100%" });
    expect(ids(await list(tenant, "search=hopper"))).toEqual([byName.user_identity_id, byEmail.user_identity_id]);
    expect(ids(await list(tenant, "search=%2B49151"))).toEqual([byPhone.user_identity_id]);
    expect(ids(await list(tenant, "search=y_100%25"))).toEqual([byKey.user_identity_id]);
    expect(ids(await list(tenant, "search=_"))).toEqual([byKey.user_identity_id]);
    expect(ids(await list(tenant, "search=nobody"))).toEqual([]);
  });

  it("filters by created_before and by user_identity_ids (repeated keys; `key=` is the empty list)", async () => {
    const tenant = await createTenant();
    const first = await createUser(tenant);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = await createUser(tenant);
    expect(ids(await list(tenant, `created_before=${encodeURIComponent(second.created_at)}`))).toEqual([first.user_identity_id]);
    expect(ids(await list(tenant, "created_before=2000-01-01T00:00:00%2B02:00"))).toEqual([]);
    const both = `user_identity_ids=${first.user_identity_id}&user_identity_ids=${second.user_identity_id}`;
    expect(ids(await list(tenant, both))).toEqual([first.user_identity_id, second.user_identity_id]);
    expect(ids(await list(tenant, `user_identity_ids=${second.user_identity_id}`))).toEqual([second.user_identity_id]);
    expect(ids(await list(tenant, "_strict=true&user_identity_ids="))).toEqual([]);
    expect(ids(await list(tenant, "page_cursor=&_strict=true"))).toHaveLength(2);
  });

  it("answers credential_manager_acs_system_id with no one: Seatkeeper has no access systems", async () => {
    const tenant = await createTenant();
    const user = await createUser(tenant);
    const system = crypto.randomUUID();
    expect(ids(await list(tenant, `credential_manager_acs_system_id=${system}`))).toEqual([]);
    const posted = await seam(tenant, "/user_identities/list", { credential_manager_acs_system_id: system, user_identity_ids: [user.user_identity_id] });
    expect((await expectJson(posted, 200)).user_identities).toEqual([]);
    // Without it, the same identity is listed.
    expect(ids(await list(tenant, `user_identity_ids=${user.user_identity_id}`))).toEqual([user.user_identity_id]);
  });

  it.each([
    ["credential_manager_acs_system_id", "credential_manager_acs_system_id=acs-1"],
    ["limit", "limit=0"],
    ["limit", "limit=-1"],
    ["limit", "limit=abc"],
    ["limit", "limit=1.5"],
    ["page_cursor", "page_cursor=not-a-cursor"],
    ["created_before", "created_before=yesterday"],
    ["user_identity_ids", "user_identity_ids=42"],
    ["search", "search=a&search=b"],
  ])("refuses a bad %s with 400 invalid_input (%s)", async (field, query) => {
    const tenant = await createTenant();
    const error = await expectSeamError(await seamQuery(tenant, "/user_identities/list", query), 400, "invalid_input");
    expect(error.validation_errors).toHaveProperty(field);
  });

  it("caps limit at 500 rather than refusing a larger one", async () => {
    const tenant = await createTenant();
    await createUser(tenant);
    expect(ids(await list(tenant, "limit=100000"))).toHaveLength(1);
  });

  it("refuses a non-JSON POST body with 415", async () => {
    const tenant = await createTenant();
    const response = await exports.default.fetch("https://seatkeeper.test/user_identities/list", {
      method: "POST",
      headers: { ...tenant.headers.seam, "content-type": "text/plain" },
      body: "limit=1",
    });
    await expectSeamError(response, 415, "unsupported_media_type");
  });
});
