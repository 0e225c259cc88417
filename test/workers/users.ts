import { exports } from "cloudflare:workers";
import { expect } from "vitest";
import { UserIdentityEnvelope, type UserIdentityWire } from "../../src/resources/userIdentities/responses";
import { BASE, call, expectJson, type Tenant } from "./helpers";

/** A Seam action with a JSON body (POST unless told), as the tenant. */
export function seam(tenant: Tenant, path: string, body?: unknown, method = "POST"): Promise<Response> {
  return call(method, path, tenant.headers.seam, body);
}

/** A Seam action with a query string (GET unless told), as the Seam SDK sends get, list and delete. */
export function seamQuery(tenant: Tenant, path: string, query: string, method = "GET"): Promise<Response> {
  return exports.default.fetch(`${BASE}${path}?${query}`, { method, headers: tenant.headers.seam });
}

/** A Sendblue GET as the tenant. */
export function sendblue(tenant: Tenant, pathAndQuery: string): Promise<Response> {
  return call("GET", pathAndQuery, tenant.headers.sendblue);
}

/** Creates a user identity and checks the answer against our response schema. */
export async function createUser(
  tenant: Tenant,
  fields: Record<string, unknown> = {},
): Promise<UserIdentityWire> {
  const body = await expectJson(await seam(tenant, "/user_identities/create", fields), 200);
  return UserIdentityEnvelope.parse(body).user_identity;
}

/** The ids of the tenant's user identities, through list. */
export async function listedIds(tenant: Tenant): Promise<string[]> {
  const body = await expectJson<{ user_identities: { user_identity_id: string }[] }>(
    await seamQuery(tenant, "/user_identities/list", "_strict=true"),
    200,
  );
  return body.user_identities.map((user) => user.user_identity_id);
}

/** Asserts a Seam error: status, `error.type`, `ok: false`; returns the error object. */
export async function expectSeamError(response: Response, status: number, type: string) {
  const body = await expectJson<{ ok: boolean; error: { type: string; message: string; validation_errors?: unknown } }>(
    response,
    status,
  );
  expect(body.ok).toBe(false);
  expect(body.error.type).toBe(type);
  expect(typeof body.error.message).toBe("string");
  return body.error;
}

/** Asserts a Sendblue error: status and `{"status":"ERROR","message"}`. */
export async function expectSendblueError(response: Response, status: number): Promise<string> {
  const body = await expectJson<{ status: string; message: string }>(response, status);
  expect(body.status).toBe("ERROR");
  expect(typeof body.message).toBe("string");
  return body.message;
}
