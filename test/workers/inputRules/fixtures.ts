import { env, SELF } from "cloudflare:test";
import { expect } from "vitest";
import { admin, BASE, call, createTenant, expectJson, type Tenant } from "../helpers";
import { createCustomer, organization } from "../customers/fixtures";
import { createSeatType } from "../assignments/fixtures";
import { createUser } from "../users";

/** A workspace with one record of every kind, for requests that need ids. */
export interface World {
  tenant: Tenant;
  metricId: string;
  customerId: string;
  organizationId: string;
  userId: string;
}

export async function createWorld(): Promise<World> {
  const tenant = await createTenant();
  const metric = await createSeatType(tenant, "apm");
  const owner = await createCustomer(tenant, "Owner");
  const member = await createCustomer(tenant, "Member");
  const org = await organization(tenant, owner.id, [member.id]);
  const user = await createUser(tenant, { user_identity_key: "kept", full_name: "Kept Person" });
  await expectJson(
    await call("POST", "/api/v2/seats/users", tenant.headers.datadog, {
      data: { type: "seat-assignments", attributes: { product_code: "apm", user_uuids: [user.user_identity_id] } },
    }),
    201,
  );
  return { tenant, metricId: metric.id, customerId: owner.id, organizationId: org.id, userId: user.user_identity_id };
}

const TABLES = [
  "api_keys", "seat_metrics", "customers", "customer_organizations", "customer_organization_members", "users",
  "seat_assignments", "row_counts",
];

/** Every row the workspace holds, as one string: equal before and after means nothing was written. */
export async function snapshot(workspaceId: string): Promise<string> {
  const results = await env.DB.batch(
    TABLES.map((table) => env.DB.prepare(`SELECT * FROM ${table} WHERE workspace_id = ?1 ORDER BY 1, 2, 3`).bind(workspaceId)),
  );
  return JSON.stringify(results.map((result) => result.results));
}

/** A copy of `body` with the field at `path` (`address.town`, `customerAliases.0`) set to `value`. */
export function withField(body: unknown, path: string, value: unknown): unknown {
  const copy = structuredClone(body) as Record<string, unknown>;
  const keys = path.split(".");
  let node: Record<string, unknown> = copy;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[keys.at(-1)!] = value;
  return copy;
}

/** A request with a raw (already encoded) path and query. */
export function raw(method: string, pathAndQuery: string, headers: Record<string, string>): Promise<Response> {
  return SELF.fetch(`${BASE}${pathAndQuery}`, { method, headers });
}

export type SurfaceName = "service" | "sequence" | "seam" | "sendblue" | "datadog";

/** A GET of a raw path and query with the world's key in the surface's scheme (the admin token for "service"). */
export function getAs(world: World, surface: SurfaceName, pathAndQuery: string): Promise<Response> {
  return surface === "service" ? admin(pathAndQuery, { method: "GET" }) : raw("GET", pathAndQuery, world.tenant.headers[surface]);
}

/** Asserts a 400 in the surface's error shape whose message names `field`. */
export async function expectRefusal(response: Response, surface: SurfaceName, field: string): Promise<string> {
  const body = await expectJson<any>(response, 400);
  const message = messageOf(body, surface);
  expect(message).toContain(`${field}`);
  return message;
}

function messageOf(body: any, surface: SurfaceName): string {
  switch (surface) {
    case "service":
      expect(body).toEqual({ error: { type: "invalid_input", message: expect.any(String) } });
      return body.error.message;
    case "sequence":
      expect(body).toEqual({ error: { type: "InvalidInput", message: expect.any(String) } });
      return body.error.message;
    case "seam":
      expect(body).toMatchObject({ error: { type: "invalid_input", message: expect.any(String) }, ok: false });
      return body.error.message;
    case "sendblue":
      expect(body).toEqual({ status: "ERROR", message: expect.any(String) });
      return body.message;
    case "datadog":
      expect(body).toEqual({ errors: [expect.any(String)] });
      return body.errors[0];
  }
}
