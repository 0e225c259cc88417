import { inject } from "vitest";

/** A fresh workspace and an all-permission key on the served Worker, made through the admin API. */
export interface TestKey {
  baseUrl: string;
  workspaceId: string;
  workspaceName: string;
  keyId: string;
  secret: string;
  token: string;
}

export async function createWorkspaceWithKey(permissions?: string[]): Promise<TestKey> {
  const baseUrl = inject("baseUrl");
  const admin = { authorization: `Bearer ${inject("adminToken")}`, "content-type": "application/json" };
  const workspaceName = `ws-${crypto.randomUUID()}`;
  const workspace = await post<{ id: string }>(`${baseUrl}/admin/workspaces`, admin, { name: workspaceName });
  const key = await post<{ id: string; secret: string; token: string }>(
    `${baseUrl}/admin/workspaces/${workspace.id}/api-keys`,
    admin,
    { label: "sdk", permissions },
  );
  return { baseUrl, workspaceId: workspace.id, workspaceName, keyId: key.id, secret: key.secret, token: key.token };
}

/** Revokes the key through the admin API; it fails from the next request on. */
export async function revokeKey(key: TestKey): Promise<void> {
  const response = await fetch(`${key.baseUrl}/admin/api-keys/${key.keyId}`, {
    method: "DELETE",
    headers: { authorization: `Bearer ${inject("adminToken")}` },
  });
  if (response.status !== 204) throw new Error(`revoking ${key.keyId} answered ${response.status}`);
}

async function post<T>(url: string, headers: Record<string, string>, body: unknown): Promise<T> {
  const response = await fetch(url, { method: "POST", headers, body: JSON.stringify(body) });
  if (response.status !== 201) throw new Error(`${url} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}
