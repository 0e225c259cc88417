import { env } from "cloudflare:workers";
import { vi } from "vitest";
import { call, expectJson, type Tenant } from "../helpers";

/** The headers with an Idempotency-Key. */
export const keyed = (headers: Record<string, string>, key: string) => ({ ...headers, "idempotency-key": key });

/** A fresh Idempotency-Key. */
export const newKey = () => `key-${crypto.randomUUID()}`;

/**
 * Runs `send` while the next `Response.json` throws: the handler's own
 * answer, built after its batch committed. The Worker thus fails between
 * commit and answer, as if it died there; the error funnel then answers 500.
 */
export async function failingBetweenCommitAndAnswer(send: () => Promise<Response>): Promise<Response> {
  const spy = vi.spyOn(Response, "json").mockImplementationOnce(() => {
    throw new Error("the Worker died before answering");
  });
  try {
    return await send();
  } finally {
    spy.mockRestore();
  }
}

/** Runs `during` with the Worker's clock moved `ms` ahead (D1 keeps no clock of its own here: the Worker's times are bound). */
export async function later<T>(ms: number, during: () => Promise<T>): Promise<T> {
  vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + ms });
  try {
    return await during();
  } finally {
    vi.useRealTimers();
  }
}

/** Rows of a workspace's table (a count, read straight from D1). */
export async function countRows(table: "seat_metrics" | "customers" | "users" | "seat_assignments", workspaceId: string): Promise<number> {
  const row = await env.DB.prepare(`SELECT count(*) AS n FROM ${table} WHERE workspace_id = ?1`).bind(workspaceId).first<{ n: number }>();
  return row!.n;
}

/** The Idempotency-Key records of a workspace ('' for the operator's). */
export async function countRecords(workspaceId: string): Promise<number> {
  const row = await env.DB.prepare("SELECT count(*) AS n FROM idempotency_records WHERE workspace_id = ?1").bind(workspaceId).first<{ n: number }>();
  return row!.n;
}

/** A seat type (Sequence) and `count` users (Seam) in the tenant's workspace: what a Datadog assign needs. */
export async function seatsToAssign(tenant: Tenant, count: number, maxSeats?: number): Promise<{ productCode: string; userIds: string[] }> {
  const productCode = `seat_${crypto.randomUUID().slice(0, 8)}`;
  await expectJson(await call("POST", "/api/seat-metrics", tenant.headers.sequence, { seatType: productCode, label: productCode, maxSeats }), 201);
  const userIds: string[] = [];
  for (let n = 0; n < count; n++) {
    const body = await expectJson(await call("POST", "/user_identities/create", tenant.headers.seam, { full_name: `Person ${n}` }), 200);
    userIds.push(body.user_identity.user_identity_id);
  }
  return { productCode, userIds };
}

/** Datadog's assign (and unassign) body. */
export const assignBody = (productCode: string, userUuids: string[]) => ({
  data: { type: "seat-assignments", attributes: { product_code: productCode, user_uuids: userUuids } },
});
