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
export async function customer(key: TestKey, legalName = "Acme Ltd"): Promise<string> {
  const sent = send("POST", "/api/customers", credentials.sequence(key), customerBody(legalName));
  return (await created<{ id: string }>(201, sent, "customer")).id;
}

/** A valid customer body with every optional field set. */
export function customerBody(legalName = "Acme Ltd") {
  return {
    legalName,
    email: "billing@acme.example",
    address: { line1: "1 High Street", line2: "Floor 2", town: "London", state: "Greater London", postcode: "EC1A 1BB", country: "GB" },
    contactName: "Jo Bloggs",
    billingEmails: ["ap@acme.example"],
    telephone: "+442079460000",
    url: "https://acme.example",
    label: "key account",
    taxStatus: "TAX_EXEMPT",
    customerAliases: ["Acme"],
    integrationIds: [{ service: "crm", id: "42" }],
  };
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
