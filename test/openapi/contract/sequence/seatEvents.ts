import { createWorkspaceWithKey, type TestKey } from "../../../sdk/workspace";
import { credentials, send, type ContractCase } from "../../suite";
import { customer, organization, seatMetric, seatsBody, unknownId, userIdentity } from "../fixtures";

const auth = credentials.sequence;

/** Sequence's own request example for POST /seat-events. */
const EXAMPLE = {
  customerEventId: "event-id-H4twuTWpYx1rkd8OMTki2hTUcZ",
  customerAlias: "customer-id-2H4u5BBwBWsS5V2sroRFqJfTXpW",
  seatType: "admin",
  eventTimestamp: "2022-10-01T00:00:00Z",
  total: 1,
};

/** The example's customer (by its alias) and seat type; a linked user holding an admin seat; returns the customer id. */
async function example(key: TestKey): Promise<string> {
  await seatMetric(key, "admin");
  const id = await customer(key, "Acme Ltd", { customerAliases: [EXAMPLE.customerAlias] });
  const user = await userIdentity(key);
  await send("POST", `/api/customers/${id}/users`, auth(key), { userIds: [user] });
  await send("POST", "/api/v2/seats/users", credentials.datadog(key), seatsBody("admin", [user]));
  return id;
}

async function withEvents(key: TestKey): Promise<string> {
  const id = await example(key);
  await send("POST", "/api/seat-events", auth(key), EXAMPLE);
  await send("POST", "/api/seat-events", auth(key), { ...EXAMPLE, customerEventId: null, eventTimestamp: "2023-01-01T00:00:00Z", total: 4 });
  return id;
}

export const seatEventCases: ContractCase[] = [
  {
    status: 201,
    name: "POST /api/seat-events with Sequence's example body",
    send: async (key) => {
      await example(key);
      return send("POST", "/api/seat-events", auth(key), EXAMPLE);
    },
  },
  { status: 400, name: "POST /api/seat-events for an unknown alias", send: (key) => send("POST", "/api/seat-events", auth(key), EXAMPLE) },
  {
    status: 403,
    name: "POST /api/seat-events with a read-only key",
    send: async () => send("POST", "/api/seat-events", auth(await createWorkspaceWithKey(["seat_metrics_read"])), EXAMPLE),
  },
  {
    status: 409,
    name: "POST /api/seat-events superseding an event Seatkeeper recorded",
    send: async (key) => {
      await example(key);
      const listed = await (await send("GET", "/api/seat-events", auth(key))).response.json();
      return send("POST", "/api/seat-events", auth(key), { ...EXAMPLE, customerEventId: listed.items[0].customerEventId });
    },
  },
  {
    status: 200,
    name: "GET /api/seat-events, posted and recorded",
    send: async (key) => {
      await withEvents(key);
      return send("GET", "/api/seat-events", auth(key));
    },
  },
  {
    status: 200,
    name: "GET /api/seat-events with every filter, by eventTimestamp, second page",
    send: async (key) => {
      const id = await withEvents(key);
      const query = `customerIds=${id}&seatType=admin&eventTimestampAfter=2020-01-01T00:00:00Z&eventTimestampBefore=2030-01-01T00:00:00Z&sortBy=eventTimestamp&sortOrder=ASC&limit=1`;
      const first = await (await send("GET", `/api/seat-events?${query}`, auth(key))).response.json();
      return send("GET", `/api/seat-events?${query}&after=${first.pagination.after}`, auth(key));
    },
  },
  { status: 400, name: "GET /api/seat-events sorted by an unknown column", send: (key) => send("GET", "/api/seat-events?sortBy=total", auth(key)) },
  {
    status: 403,
    name: "GET /api/seat-events with a key without seat metric permissions",
    send: async () => send("GET", "/api/seat-events", auth(await createWorkspaceWithKey(["customers_read"]))),
  },
  {
    status: 200,
    name: "GET /api/seat-events/{id}",
    send: async (key) => {
      await example(key);
      const event = await (await send("POST", "/api/seat-events", auth(key), EXAMPLE)).response.json();
      return send("GET", `/api/seat-events/${event.id}`, auth(key));
    },
  },
  { status: 404, name: "GET /api/seat-events/{id} of an unknown id", send: (key) => send("GET", `/api/seat-events/${unknownId}`, auth(key)) },
  {
    status: 403,
    name: "GET /api/seat-events/{id} with a key without seat metric permissions",
    send: async () => send("GET", `/api/seat-events/${unknownId}`, auth(await createWorkspaceWithKey(["customers_read"]))),
  },
  {
    status: 200,
    name: "GET /api/seat-balances",
    send: async (key) => {
      await withEvents(key);
      await customer(key, "No events Ltd");
      return send("GET", "/api/seat-balances", auth(key));
    },
  },
  {
    status: 200,
    name: "GET /api/seat-balances with excludeZeroQuantity, customerAliases and customerIds",
    send: async (key) => {
      const id = await withEvents(key);
      return send("GET", `/api/seat-balances?excludeZeroQuantity=true&customerAliases=${EXAMPLE.customerAlias}&customerIds=${id}`, auth(key));
    },
  },
  {
    status: 200,
    name: "GET /api/seat-balances at a past moment (extension)",
    send: async (key) => {
      await withEvents(key);
      return send("GET", "/api/seat-balances?at=2022-12-01T00:00:00Z", auth(key));
    },
  },
  {
    status: 200,
    name: "GET /api/seat-balances with the members' seats (extension)",
    send: async (key) => {
      const id = await withEvents(key);
      await organization(key, await customer(key, "Parent Ltd"), [id]);
      return send("GET", "/api/seat-balances?includeMembers=true", auth(key));
    },
  },
  { status: 400, name: "GET /api/seat-balances with an unknown parameter", send: (key) => send("GET", "/api/seat-balances?seatType=admin", auth(key)) },
  {
    status: 403,
    name: "GET /api/seat-balances with a key without seat metric permissions",
    send: async () => send("GET", "/api/seat-balances", auth(await createWorkspaceWithKey(["customers_read"]))),
  },
];

/** The customer users extension (POST, PUT, GET /api/customers/{id}/users). */
export const customerUserCases: ContractCase[] = [
  {
    status: 200,
    name: "POST /api/customers/{id}/users",
    send: async (key) => send("POST", `/api/customers/${await customer(key)}/users`, auth(key), { userIds: [await userIdentity(key)] }),
  },
  { status: 400, name: "POST /api/customers/{id}/users without userIds", send: async (key) => send("POST", `/api/customers/${await customer(key)}/users`, auth(key), {}) },
  {
    status: 403,
    name: "POST /api/customers/{id}/users with a read-only key",
    send: async () => send("POST", `/api/customers/${unknownId}/users`, auth(await createWorkspaceWithKey(["customers_read"])), { userIds: [] }),
  },
  { status: 404, name: "POST /api/customers/{id}/users of an unknown customer", send: (key) => send("POST", `/api/customers/${unknownId}/users`, auth(key), { userIds: [] }) },
  {
    status: 409,
    name: "POST /api/customers/{id}/users with a user of another customer",
    send: async (key) => {
      const user = await userIdentity(key);
      await send("POST", `/api/customers/${await customer(key, "First")}/users`, auth(key), { userIds: [user] });
      return send("POST", `/api/customers/${await customer(key, "Second")}/users`, auth(key), { userIds: [user] });
    },
  },
  {
    status: 422,
    name: "POST /api/customers/{id}/users with an unknown user",
    send: async (key) => send("POST", `/api/customers/${await customer(key)}/users`, auth(key), { userIds: [unknownId] }),
  },
  {
    status: 200,
    name: "PUT /api/customers/{id}/users",
    send: async (key) => send("PUT", `/api/customers/${await customer(key)}/users`, auth(key), { userIds: [await userIdentity(key, { full_name: "Jo" })] }),
  },
  { status: 404, name: "PUT /api/customers/{id}/users of an unknown customer", send: (key) => send("PUT", `/api/customers/${unknownId}/users`, auth(key), { userIds: [] }) },
  {
    status: 409,
    name: "PUT /api/customers/{id}/users of an archived customer",
    send: async (key) => {
      const id = await customer(key);
      await send("POST", `/api/customers/${id}/archive`, auth(key));
      return send("PUT", `/api/customers/${id}/users`, auth(key), { userIds: [] });
    },
  },
  {
    status: 422,
    name: "PUT /api/customers/{id}/users with an unknown user",
    send: async (key) => send("PUT", `/api/customers/${await customer(key)}/users`, auth(key), { userIds: [unknownId] }),
  },
  {
    status: 200,
    name: "GET /api/customers/{id}/users, second page",
    send: async (key) => {
      const id = await customer(key);
      await send("POST", `/api/customers/${id}/users`, auth(key), { userIds: [await userIdentity(key), await userIdentity(key)] });
      const first = await (await send("GET", `/api/customers/${id}/users?limit=1`, auth(key))).response.json();
      return send("GET", `/api/customers/${id}/users?limit=1&after=${first.pagination.after}`, auth(key));
    },
  },
  { status: 404, name: "GET /api/customers/{id}/users of an unknown customer", send: (key) => send("GET", `/api/customers/${unknownId}/users`, auth(key)) },
];
