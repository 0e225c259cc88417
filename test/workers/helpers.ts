import { exports } from "cloudflare:workers";

export const ADMIN_TOKEN = "test-admin-token";
export const BASE = "https://seatkeeper.test";

/** A workspace with one API key, and that key's credentials in every vendor's scheme. */
export interface Tenant {
  workspaceId: string;
  workspaceName: string;
  keyId: string;
  secret: string;
  token: string;
  headers: {
    sequence: Record<string, string>;
    sendblue: Record<string, string>;
    datadog: Record<string, string>;
    seam: Record<string, string>;
  };
}

/** Calls the admin API as the operator. */
export function admin(path: string, init: { method?: string; body?: unknown } = {}): Promise<Response> {
  return exports.default.fetch(`${BASE}${path}`, {
    method: init.method ?? "POST",
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
}

/** Creates a workspace (unique name) and a key with the given permissions (default: all). */
export async function createTenant(permissions?: string[]): Promise<Tenant> {
  const workspaceName = `ws-${crypto.randomUUID()}`;
  const workspace = await expectJson<{ id: string }>(await admin("/admin/workspaces", { body: { name: workspaceName } }), 201);
  return withKey({ workspaceId: workspace.id, workspaceName }, permissions);
}

/** Adds a key with the given permissions (default: all) to the tenant's workspace and acts with it. */
export async function withKey(
  tenant: Pick<Tenant, "workspaceId" | "workspaceName">,
  permissions?: string[],
): Promise<Tenant> {
  const key = await expectJson<{ id: string; secret: string; token: string }>(
    await admin(`/admin/workspaces/${tenant.workspaceId}/api-keys`, { body: { label: "test", permissions } }),
    201,
  );
  return {
    workspaceId: tenant.workspaceId,
    workspaceName: tenant.workspaceName,
    keyId: key.id,
    secret: key.secret,
    token: key.token,
    headers: {
      sequence: { authorization: `Basic ${btoa(`${key.id}:${key.secret}`)}` },
      sendblue: { "sb-api-key-id": key.id, "sb-api-secret-key": key.secret },
      datadog: { "dd-api-key": key.id, "dd-application-key": key.secret },
      seam: { authorization: `Bearer ${key.token}` },
    },
  };
}

/** Sends a JSON request (body serialized when given) with the given headers. */
export function call(
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: unknown,
): Promise<Response> {
  return exports.default.fetch(`${BASE}${path}`, {
    method,
    headers: body === undefined ? headers : { ...headers, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** Asserts the status (showing the body when it differs) and returns the parsed JSON. */
export async function expectJson<T = any>(response: Response, status: number): Promise<T> {
  const text = await response.text();
  if (response.status !== status) throw new Error(`expected ${status}, got ${response.status}: ${text}`);
  return JSON.parse(text) as T;
}
