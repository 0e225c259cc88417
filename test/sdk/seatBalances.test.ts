// Datadog's official client (v2.SeatsApi) changes who holds seats of users
// who belong to two Sequence customers; Sequence's seat balances and seat
// events (issue 18) must agree with the holders the client lists.
import { client, v2 } from "@datadog/datadog-api-client";
import { describe, expect, it } from "vitest";
import { createWorkspaceWithKey, type TestKey } from "./workspace.ts";

function seatsApi(key: TestKey): v2.SeatsApi {
  const configuration = client.createConfiguration({
    baseServer: new client.BaseServerConfiguration(key.baseUrl, {}),
    authMethods: { apiKeyAuth: key.keyId, appKeyAuth: key.secret },
  });
  return new v2.SeatsApi(configuration);
}

/** A JSON request on the Sequence (Basic) or Seam (Bearer) surface; the answer must have `status`. */
async function http<T = any>(key: TestKey, surface: "sequence" | "seam", method: string, path: string, body: unknown, status: number): Promise<T> {
  const authorization = surface === "sequence" ? `Basic ${btoa(`${key.keyId}:${key.secret}`)}` : `Bearer ${key.token}`;
  const response = await fetch(`${key.baseUrl}${path}`, {
    method,
    headers: { authorization, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status !== status) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

const sequence = <T = any>(key: TestKey, method: string, path: string, body?: unknown, status = 200) => http<T>(key, "sequence", method, path, body, status);

async function createUser(key: TestKey): Promise<string> {
  const body = await http(key, "seam", "POST", "/user_identities/create", { full_name: "Someone" }, 200);
  return body.user_identity.user_identity_id as string;
}

const seats = (productCode: string, userUuids: string[]) => ({
  body: { data: { type: "seat-assignments" as const, attributes: { productCode, userUuids } } },
});

describe("Sequence's seat balances and events follow Datadog's seat assignments", () => {
  it("per customer and seat type, through assignments, a user's deletion and a customer change", async () => {
    const key = await createWorkspaceWithKey();
    const api = seatsApi(key);
    for (const seatType of ["admin", "viewer"]) await sequence(key, "POST", "/api/seat-metrics", { seatType, label: seatType }, 201);
    const customer = async (legalName: string, alias: string) =>
      (await sequence(key, "POST", "/api/customers", {
        legalName,
        address: { line1: "1 Main Street", town: "London", postcode: "EC1A 1BB", country: "GB" },
        contacts: [{ name: "Billing", email: "billing@example.com", billingPreference: "PRIMARY" }],
        taxStatus: "TAXED",
        customerAliases: [alias],
      }, 201)).id as string;
    const [acme, globex] = [await customer("Acme", "acme"), await customer("Globex", "globex")];
    const users = [await createUser(key), await createUser(key), await createUser(key), await createUser(key)];
    const [a1, a2, g1, g2] = users as [string, string, string, string];
    await sequence(key, "POST", `/api/customers/${acme}/users`, { userIds: [a1, a2] });
    await sequence(key, "POST", `/api/customers/${globex}/users`, { userIds: [g1, g2] });

    /** What the holders the client lists say each customer holds, and what the balances say. */
    const holdings = async (owner: Record<string, string>) => {
      const counted: Record<string, Record<string, number>> = {};
      for (const seatType of ["admin", "viewer"]) {
        const page = await api.getSeatsUsers({ productCode: seatType, pageLimit: 100 });
        for (const holder of page.data ?? []) {
          const of = owner[holder.id!];
          if (!of) continue;
          counted[of] ??= {};
          counted[of]![seatType] = (counted[of]![seatType] ?? 0) + 1;
        }
      }
      const balances = await sequence(key, "GET", "/api/seat-balances");
      const balanced: Record<string, Record<string, number>> = {};
      for (const item of balances.items) {
        const nonZero = item.balances.filter((balance: { total: number }) => balance.total > 0);
        if (nonZero.length) balanced[item.id] = Object.fromEntries(nonZero.map((b: { seatType: string; total: number }) => [b.seatType, b.total]));
      }
      return { counted, balanced };
    };
    /** The latest recorded total per customer and seat type, from the events list (newest first). */
    const latestEvents = async () => {
      const list = await sequence(key, "GET", "/api/seat-events?limit=100");
      const latest: Record<string, number> = {};
      for (const event of list.items) latest[`${event.customerAlias} ${event.seatType}`] ??= event.total;
      return latest;
    };

    await api.assignSeatsUser(seats("admin", [a1, a2, g1]));
    await api.assignSeatsUser(seats("viewer", [a1, g2]));
    let state = await holdings({ [a1]: acme, [a2]: acme, [g1]: globex, [g2]: globex });
    expect(state.balanced).toEqual({ [acme]: { admin: 2, viewer: 1 }, [globex]: { admin: 1, viewer: 1 } });
    expect(state.balanced).toEqual(state.counted);
    expect(await latestEvents()).toEqual({ [`${acme} admin`]: 2, [`${acme} viewer`]: 1, [`${globex} admin`]: 1, [`${globex} viewer`]: 1 });

    await api.unassignSeatsUser(seats("admin", [a2]));
    // The user's deletion takes their seats along; the customer change moves a1's seats to globex.
    await http(key, "seam", "POST", "/user_identities/delete", { user_identity_id: g2 }, 200);
    await sequence(key, "PUT", `/api/customers/${acme}/users`, { userIds: [a2] });
    await sequence(key, "POST", `/api/customers/${globex}/users`, { userIds: [a1] });
    state = await holdings({ [a1]: globex, [a2]: acme, [g1]: globex });
    expect(state.balanced).toEqual({ [globex]: { admin: 2, viewer: 1 } });
    expect(state.balanced).toEqual(state.counted);
    expect(await latestEvents()).toEqual({ [`${acme} admin`]: 0, [`${acme} viewer`]: 0, [`${globex} admin`]: 2, [`${globex} viewer`]: 1 });

    const balances = await sequence(key, "GET", "/api/seat-balances?excludeZeroQuantity=true");
    expect(balances.items.map((item: { id: string; customerAliases: string[]; total: number }) => [item.id, item.customerAliases, item.total])).toEqual([
      [globex, ["globex"], 3],
    ]);
  });
});
