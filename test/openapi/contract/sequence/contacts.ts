import type { TestKey } from "../../../sdk/workspace";
import { CONTACT_REQUEST } from "../../../workers/customers/sequenceExamples";
import { credentials, send, type ContractCase } from "../../suite";
import { contact, customer, unknownId } from "../fixtures";

const auth = credentials.sequence;
const contacts = (customerId: string) => `/api/customers/${customerId}/contacts`;

/** A customer whose only active PRIMARY contact is `primary`, with an archived STANDARD contact too. */
async function withContacts(key: TestKey): Promise<{ customerId: string; primary: string; other: string }> {
  const customerId = await customer(key, "Contacts Ltd", {
    contacts: [{ name: "Main", email: "main@example.com", billingPreference: "PRIMARY" }],
  });
  const primary = (await (await send("GET", contacts(customerId), auth(key))).response.json() as { items: { id: string }[] }).items[0]!.id;
  const other = await contact(key, customerId);
  await send("POST", `${contacts(customerId)}/${other}/archive`, auth(key));
  return { customerId, primary, other };
}

export const contactCases: ContractCase[] = [
  {
    status: 200,
    name: "GET /api/customers/{customer}/contacts with the archived ones",
    send: async (key) => send("GET", `${contacts((await withContacts(key)).customerId)}?includeArchived=true`, auth(key)),
  },
  { status: 400, name: "GET /api/customers/{customer}/contacts with includeArchived=1", send: (key) => send("GET", `${contacts(unknownId)}?includeArchived=1`, auth(key)) },
  { status: 404, name: "GET /api/customers/{customer}/contacts of an unknown customer", send: (key) => send("GET", contacts(unknownId), auth(key)) },

  { status: 201, name: "POST /api/customers/{customer}/contacts with Sequence's example", send: async (key) => send("POST", contacts(await customer(key)), auth(key), CONTACT_REQUEST) },
  {
    status: 400,
    name: "POST /api/customers/{customer}/contacts with a bad email",
    send: async (key) => send("POST", contacts(await customer(key)), auth(key), { ...CONTACT_REQUEST, email: "nope" }),
  },
  { status: 404, name: "POST /api/customers/{customer}/contacts of an unknown customer", send: (key) => send("POST", contacts(unknownId), auth(key), CONTACT_REQUEST) },

  {
    status: 200,
    name: "PUT /api/customers/{customer}/contacts/{id} with Sequence's example",
    send: async (key) => {
      const { customerId, other } = await withContacts(key);
      return send("PUT", `${contacts(customerId)}/${other}`, auth(key), CONTACT_REQUEST);
    },
  },
  {
    status: 400,
    name: "PUT /api/customers/{customer}/contacts/{id} without a billing preference",
    send: (key) => send("PUT", `${contacts(unknownId)}/${unknownId}`, auth(key), { name: "X", email: "x@example.com" }),
  },
  { status: 404, name: "PUT /api/customers/{customer}/contacts/{id} of an unknown contact", send: (key) => send("PUT", `${contacts(unknownId)}/${unknownId}`, auth(key), CONTACT_REQUEST) },
  {
    status: 409,
    name: "PUT /api/customers/{customer}/contacts/{id} demoting the last PRIMARY",
    send: async (key) => {
      const { customerId, primary } = await withContacts(key);
      return send("PUT", `${contacts(customerId)}/${primary}`, auth(key), { ...CONTACT_REQUEST, billingPreference: "NONE" });
    },
  },

  {
    status: 200,
    name: "POST /api/customers/{customer}/contacts/{id}/archive",
    send: async (key) => {
      const customerId = await customer(key);
      return send("POST", `${contacts(customerId)}/${await contact(key, customerId)}/archive`, auth(key));
    },
  },
  {
    status: 404,
    name: "POST /api/customers/{customer}/contacts/{id}/archive of an unknown contact",
    send: (key) => send("POST", `${contacts(unknownId)}/${unknownId}/archive`, auth(key)),
  },
  {
    status: 409,
    name: "POST /api/customers/{customer}/contacts/{id}/archive of the last PRIMARY",
    send: async (key) => {
      const { customerId, primary } = await withContacts(key);
      return send("POST", `${contacts(customerId)}/${primary}/archive`, auth(key));
    },
  },
];
