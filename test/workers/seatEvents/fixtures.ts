import { expect } from "vitest";
import { call, expectJson, type Tenant } from "../helpers";

export const EVENTS = "/api/seat-events";
export const BALANCES = "/api/seat-balances";
export const USERS_OF = (customerId: string) => `/api/customers/${customerId}/users`;

/** A seat event as Sequence's SeatEvent has it. */
export interface WireEvent {
  id: string;
  customerEventId: string;
  customerAlias: string;
  seatType: string;
  sequenceAccountId: string;
  eventTimestamp: string;
  total: number;
}

export interface WireBalances {
  id: string;
  sequenceAccountId: string;
  legalName: string;
  customerAliases: string[];
  total: number;
  changeTimestamp: string;
  balances: { seatType: string; total: number; changeTimestamp: string }[];
}

export interface SequenceList<T> {
  items: T[];
  pagination: { after?: string | null; before?: string | null; totalResultSize: number | null };
}

/** Links users to a customer (POST, or PUT to replace) and expects 200. */
export async function linkUsers(tenant: Tenant, customerId: string, userIds: string[], method: "POST" | "PUT" = "POST") {
  return expectJson<SequenceList<{ id: string; linkedAt: string }>>(await call(method, USERS_OF(customerId), tenant.headers.sequence, { userIds }), 200);
}

/** Posts a seat event and expects 201. */
export async function postEvent(tenant: Tenant, event: Record<string, unknown>): Promise<WireEvent> {
  return expectJson(await call("POST", EVENTS, tenant.headers.sequence, event), 201);
}

/** One page of the seat events with `query`. */
export async function events(tenant: Tenant, query = ""): Promise<SequenceList<WireEvent>> {
  return expectJson(await call("GET", `${EVENTS}${query ? `?${query}` : ""}`, tenant.headers.sequence), 200);
}

/** One page of the seat balances with `query`. */
export async function balances(tenant: Tenant, query = ""): Promise<SequenceList<WireBalances>> {
  return expectJson(await call("GET", `${BALANCES}${query ? `?${query}` : ""}`, tenant.headers.sequence), 200);
}

/** Each customer's balances as `{customerId: {seatType: total}}`, customers without balances left out. */
export async function balanceTotals(tenant: Tenant, query = "limit=100"): Promise<Record<string, Record<string, number>>> {
  const page = await balances(tenant, query);
  const totals: Record<string, Record<string, number>> = {};
  for (const customer of page.items) {
    expect(customer.total).toBe(customer.balances.reduce((sum, balance) => sum + balance.total, 0));
    if (customer.balances.length > 0) totals[customer.id] = Object.fromEntries(customer.balances.map((b) => [b.seatType, b.total]));
  }
  return totals;
}

/** The Sequence error body's type and the status. */
export async function refusal(response: Response): Promise<{ status: number; type: string; message: string }> {
  const body = (await response.json()) as { error: { type: string; message: string } };
  return { status: response.status, type: body.error.type, message: body.error.message };
}
