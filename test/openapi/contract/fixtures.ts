// Records the contract cases need, made through the public API of the served
// Worker, each in the surface that owns it.
import type { TestKey } from "../../sdk/workspace";
import { credentials, send } from "../suite";

/** An id no workspace has. */
export const unknownId = "0193a0d0-0000-7000-8000-000000000000";

/** The JSON answer of a request that must get `status`; anything else fails the case early. */
async function created<T>(status: number, sent: Promise<{ response: Response }>, what: string): Promise<T> {
  const { response } = await sent;
  if (response.status !== status) throw new Error(`${what} not made: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** A Sequence seat metric (a Datadog product code); returns its id. */
export async function seatMetric(key: TestKey, seatType = "admin", maxSeats?: number): Promise<string> {
  const body = { seatType, label: "Admin", description: "d", maxSeats };
  return (await created<{ id: string }>(201, send("POST", "/api/seat-metrics", credentials.sequence(key), body), "seat metric")).id;
}

/** A Sequence customer; returns its id. */
export async function customer(key: TestKey, legalName = "Acme Ltd", fields: object = {}): Promise<string> {
  const sent = send("POST", "/api/customers", credentials.sequence(key), { ...customerBody(legalName), ...fields });
  return (await created<{ id: string }>(201, sent, "customer")).id;
}

/** A valid customer body (Sequence 2024-07-30) with every optional field set but parentId. */
export function customerBody(legalName = "Acme Ltd") {
  return {
    legalName,
    address: { line1: "1 High Street", line2: "Floor 2", town: "Albany", state: "NY", postcode: "12207", country: "US" },
    contacts: [
      { name: "Jo Bloggs", email: "billing@acme.example", billingPreference: "PRIMARY" },
      { name: "Accounts", email: "ap@acme.example", billingPreference: "STANDARD" },
    ],
    url: "https://acme.example",
    label: "key account",
    taxStatus: "TAX_EXEMPT",
    customerAliases: [`acme-${crypto.randomUUID()}`],
    integrationIds: [{ service: "HubSpot", id: "42" }],
    pushToIntegrations: [],
    status: "ACTIVE",
    customProperties: { tier: "gold" },
  };
}

/** A contact of the customer; returns its id. */
export async function contact(key: TestKey, customerId: string, billingPreference = "STANDARD"): Promise<string> {
  const sent = send("POST", `/api/customers/${customerId}/contacts`, credentials.sequence(key), { name: "C", email: "c@acme.example", billingPreference });
  return (await created<{ id: string }>(201, sent, "contact")).id;
}

/** An alias of the customer; returns its id. */
export async function alias(key: TestKey, customerId: string, value = "crm-1"): Promise<string> {
  const sent = send("POST", "/api/customer-aliases", credentials.sequence(key), { customerId, value, label: "CRM" });
  return (await created<{ id: string }>(201, sent, "alias")).id;
}

/** A Sequence customer organization owned by `ownerId`; returns its id. */
export async function organization(key: TestKey, ownerId: string, memberIds: string[] = []): Promise<string> {
  const sent = send("POST", "/api/customer-organizations", credentials.sequence(key), { ownerId, memberIds });
  return (await created<{ id: string }>(201, sent, "customer organization")).id;
}

/** A Seam user identity (a Sendblue seat, a Datadog user); returns its id. */
export async function userIdentity(key: TestKey, fields: Record<string, string> = {}): Promise<string> {
  const sent = send("POST", "/user_identities/create", credentials.seam(key), fields);
  return (await created<{ user_identity: { user_identity_id: string } }>(200, sent, "user identity")).user_identity.user_identity_id;
}

/** Datadog's assign/unassign body. */
export function seatsBody(productCode: string, userUuids: string[]) {
  return { data: { type: "seat-assignments", attributes: { product_code: productCode, user_uuids: userUuids } } };
}

/** Seats a new user under a new seat metric of type `seatType`; returns the metric's id. */
export async function heldSeatMetric(key: TestKey, seatType = "admin"): Promise<string> {
  const id = await seatMetric(key, seatType);
  const sent = send("POST", "/api/v2/seats/users", credentials.datadog(key), seatsBody(seatType, [await userIdentity(key)]));
  await created(201, sent, "seat assignment");
  return id;
}
