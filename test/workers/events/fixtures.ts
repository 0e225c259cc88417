import { call, expectJson, type Tenant } from "../helpers";

export const EVENTS = "/api/events";

/** An event as the feed and webhooks carry it. */
export interface WireEvent {
  id: string;
  type: string;
  timestamp: string;
  workspace_id: string;
  request_id: string | null;
  data: any;
}

/** Every event of the tenant's feed with `query`, walking pages of `limit`. */
export async function feed(tenant: Tenant, query = "", limit = 100): Promise<WireEvent[]> {
  const events: WireEvent[] = [];
  let after: string | null = null;
  do {
    const parts: string[] = [query, `limit=${limit}`, after === null ? "" : `after=${after}`].filter(Boolean);
    const page: { items: WireEvent[]; pagination: { after: string | null } } = await expectJson<{ items: WireEvent[]; pagination: { after: string | null } }>(
      await call("GET", `${EVENTS}?${parts.join("&")}`, tenant.headers.sequence),
      200,
    );
    events.push(...page.items);
    after = page.pagination.after;
  } while (after !== null);
  return events;
}

/** The feed's types in order. */
export async function feedTypes(tenant: Tenant, query = ""): Promise<string[]> {
  return (await feed(tenant, query)).map((event) => event.type);
}
