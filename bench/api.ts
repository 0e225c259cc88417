/** The bench's own HTTP calls to Seatkeeper (setup, probes, cost samples): not the load. */

/** Whose credential scheme a request uses. */
export type SurfaceName = "none" | "admin" | "sequence" | "sendblue" | "datadog" | "seam";

/** One request: a JSON body is serialized and sent with `content-type: application/json`. */
export interface RequestSpec {
  method: string;
  path: string;
  body?: unknown;
}

/** A workspace and one all-permission key, made through the admin API. */
export interface Tenant {
  workspaceId: string;
  workspaceName: string;
  keyId: string;
  secret: string;
  token: string;
}

/** The served Seatkeeper: where it listens and its operator token. */
export interface Target {
  base: string;
  adminToken: string;
}

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
}

/** The credentials of `surface` for `tenant`, as the vendor's clients send them. */
export function authHeaders(surface: SurfaceName, tenant: Tenant | undefined, adminToken: string): Record<string, string> {
  if (surface === "none") return {};
  if (surface === "admin") return { authorization: `Bearer ${adminToken}` };
  if (!tenant) throw new Error(`a ${surface} request needs a tenant`);
  switch (surface) {
    case "sequence":
      return { authorization: `Basic ${btoa(`${tenant.keyId}:${tenant.secret}`)}` };
    case "sendblue":
      return { "sb-api-key-id": tenant.keyId, "sb-api-secret-key": tenant.secret };
    case "datadog":
      return { "dd-api-key": tenant.keyId, "dd-application-key": tenant.secret };
    case "seam":
      return { authorization: `Bearer ${tenant.token}` };
  }
}

/** Headers and body bytes of a spec, shared by fetch and the load generator. */
export function encode(spec: RequestSpec, headers: Record<string, string>): { headers: Record<string, string>; body?: string } {
  if (spec.body === undefined) return { headers };
  return { headers: { ...headers, "content-type": "application/json" }, body: JSON.stringify(spec.body) };
}

/** Sends one request; bounded by a timeout so a hung server cannot hang the bench. */
export async function send(base: string, spec: RequestSpec, headers: Record<string, string>): Promise<Answer> {
  const encoded = encode(spec, headers);
  const response = await fetch(`${base}${spec.path}`, {
    method: spec.method,
    headers: encoded.headers,
    body: encoded.body,
    signal: AbortSignal.timeout(30_000),
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** Sends and requires one of the statuses; returns the parsed JSON body (or null when empty). */
export async function sendJson<T = any>(base: string, spec: RequestSpec, headers: Record<string, string>, ok = [200, 201]): Promise<T> {
  const answer = await send(base, spec, headers);
  if (!ok.includes(answer.status)) {
    throw new Error(`${spec.method} ${spec.path} answered ${answer.status}: ${answer.text.slice(0, 300)}`);
  }
  return (answer.text ? JSON.parse(answer.text) : null) as T;
}

/** Creates a workspace named `name` with one key holding every permission. */
export async function createTenant(target: Target, name: string): Promise<Tenant> {
  const admin = authHeaders("admin", undefined, target.adminToken);
  const workspace = await sendJson(target.base, { method: "POST", path: "/admin/workspaces", body: { name } }, admin);
  const key = await sendJson(
    target.base,
    { method: "POST", path: `/admin/workspaces/${workspace.id}/api-keys`, body: { label: "bench" } },
    admin,
  );
  return { workspaceId: workspace.id, workspaceName: name, keyId: key.id, secret: key.secret, token: key.token };
}

/**
 * Whether Seatkeeper routes `route` ("METHOD /path/:param"). An OPTIONS
 * request on the path (params filled with a UUID) answers 404 when no route
 * has the path and 405 with `Allow` when some do: the method must be listed.
 */
export function routeExists(base: string, route: string): Promise<boolean> {
  const key = `${base} ${route}`;
  let known = routes.get(key);
  if (!known) routes.set(key, (known = probeRoute(base, route)));
  return known;
}

// Routes do not change during a run: each is probed once.
const routes = new Map<string, Promise<boolean>>();

async function probeRoute(base: string, route: string): Promise<boolean> {
  const [method, template] = splitRoute(route);
  const path = template.replace(/:[a-z_]+/gi, "00000000-0000-4000-8000-000000000000");
  const answer = await send(base, { method: "OPTIONS", path }, {});
  if (answer.status === 404) return false;
  if (answer.status !== 405) return true;
  const allowed = (answer.headers.get("allow") ?? "").split(",").map((m) => m.trim().toUpperCase());
  return allowed.includes(method);
}

/** "GET /api/x/:id" -> ["GET", "/api/x/:id"] */
export function splitRoute(route: string): [method: string, path: string] {
  const [method = "", path = ""] = route.split(" ");
  return [method.toUpperCase(), path];
}
