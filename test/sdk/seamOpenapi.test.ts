// Our raw Seam answers, envelope and all, against the 200 response schemas of
// Seam's OpenAPI document (@seamapi/types), for every method of every action.
import { beforeAll, describe, expect, it } from "vitest";
import { componentSchema, responseSchema, violations } from "./openapi.ts";
import { createWorkspaceWithKey, type TestKey } from "./workspace.ts";

let key: TestKey;

async function seamCall(method: string, path: string, params: Record<string, unknown>) {
  const headers: Record<string, string> = { authorization: `Bearer ${key.token}` };
  let url = `${key.baseUrl}${path}`;
  let body: string | undefined;
  if (method === "GET" || method === "DELETE") {
    url += `?${new URLSearchParams({ ...(params as Record<string, string>), _strict: "true" })}`;
  } else {
    headers["content-type"] = "application/json";
    body = JSON.stringify(params);
  }
  const response = await fetch(url, { method, headers, body });
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  return (await response.json()) as Record<string, any>;
}

async function conforms(method: string, path: string, params: Record<string, unknown>) {
  const body = await seamCall(method, path, params);
  expect(violations(responseSchema(path, method.toLowerCase()), body)).toEqual([]);
  return body;
}

describe("Seam responses conform to Seam's OpenAPI document", () => {
  beforeAll(async () => {
    key = await createWorkspaceWithKey();
  });

  it("create, get, list (with a next page), update and delete, through each method Seam documents", async () => {
    const empty = await conforms("POST", "/user_identities/create", {});
    const full = await conforms("POST", "/user_identities/create", {
      user_identity_key: "k1",
      email_address: "k1@example.com",
      phone_number: "+15555550111",
      full_name: "Kay One",
    });
    const id = full.user_identity.user_identity_id as string;
    await conforms("GET", "/user_identities/get", { user_identity_id: id });
    await conforms("POST", "/user_identities/get", { user_identity_key: "k1" });
    const page = await conforms("GET", "/user_identities/list", { limit: "1" });
    expect(page.pagination.has_next_page).toBe(true);
    const posted = await conforms("POST", "/user_identities/list", { limit: 1, search: "kay" });
    expect(posted.pagination.has_next_page).toBe(false);
    await conforms("PATCH", "/user_identities/update", { user_identity_id: id, full_name: "Kay Two" });
    await conforms("POST", "/user_identities/update", { user_identity_id: id, phone_number: null });
    await conforms("DELETE", "/user_identities/delete", { user_identity_id: id });
    await conforms("POST", "/user_identities/delete", { user_identity_id: empty.user_identity.user_identity_id });
  });

  it("the checker itself rejects what Seam's schema forbids", () => {
    const schema = componentSchema("user_identity");
    const valid = {
      user_identity_id: "0190f5a0-7c3e-7000-8000-000000000001",
      user_identity_key: null,
      email_address: null,
      phone_number: null,
      display_name: "Someone",
      full_name: null,
      created_at: "2024-01-11T05:37:50.264Z",
      workspace_id: "0190f5a0-7c3e-7000-8000-000000000002",
      errors: [],
      warnings: [],
      acs_user_ids: [],
    };
    expect(violations(schema, valid)).toEqual([]);
    const { acs_user_ids: _, ...missing } = valid;
    expect(violations(schema, missing)).toEqual(["$.acs_user_ids: required but missing"]);
    expect(violations(schema, { ...valid, display_name: "" })).toHaveLength(1);
    expect(violations(schema, { ...valid, display_name: null })).toHaveLength(1);
    expect(violations(schema, { ...valid, user_identity_id: "42" })).toHaveLength(1);
    expect(violations(schema, { ...valid, created_at: "yesterday" })).toHaveLength(1);
    expect(violations(schema, { ...valid, email_address: "nope" })).toHaveLength(1);
    expect(violations(schema, { ...valid, nickname: "x" })).toEqual(["$.nickname: not a property of the schema"]);
    expect(violations(schema, { ...valid, warnings: [{ warning_code: "being_deleted" }] })).toHaveLength(1);
  });
});
