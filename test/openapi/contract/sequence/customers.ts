import { createWorkspaceWithKey } from "../../../sdk/workspace";
import { credentials, send, type ContractCase } from "../../suite";
import { customer, customerBody, organization, unknownId } from "../fixtures";

const auth = credentials.sequence;
const minimal = {
  legalName: "Bare Ltd",
  email: "bare@example.com",
  address: { line1: "2 Low Road", town: "Leeds", postcode: "LS1 1AA", country: "GB" },
};

export const customerCases: ContractCase[] = [
  { status: 201, name: "POST /api/customers with every field", send: (key) => send("POST", "/api/customers", auth(key), customerBody()) },
  { status: 201, name: "POST /api/customers with the required fields only", send: (key) => send("POST", "/api/customers", auth(key), minimal) },
  {
    status: 400,
    name: "POST /api/customers with an unknown country",
    send: (key) => send("POST", "/api/customers", auth(key), { ...minimal, address: { ...minimal.address, country: "XX" } }),
  },
  {
    status: 403,
    name: "POST /api/customers with a read-only key",
    send: async () => send("POST", "/api/customers", auth(await createWorkspaceWithKey(["customers_read"])), minimal),
  },

  {
    status: 200,
    name: "GET /api/customers filtered by legalName",
    send: async (key) => {
      await customer(key, "Acme Ltd");
      await customer(key, "Other Ltd");
      return send("GET", "/api/customers?legalName=Acme%20Ltd&limit=5", auth(key));
    },
  },
  {
    status: 400,
    name: "GET /api/customers with both after and before",
    send: (key) => send("GET", `/api/customers?after=${unknownId}&before=${unknownId}`, auth(key)),
  },

  {
    status: 200,
    name: "GET /api/customers/{id} of an organization's owner",
    send: async (key) => {
      const owner = await customer(key, "Parent Ltd");
      await organization(key, owner, [await customer(key, "Child Ltd")]);
      return send("GET", `/api/customers/${owner}`, auth(key));
    },
  },
  { status: 404, name: "GET /api/customers/{id} of an unknown id", send: (key) => send("GET", `/api/customers/${unknownId}`, auth(key)) },

  {
    status: 200,
    name: "PUT /api/customers/{id} clearing the optional fields",
    send: async (key) => send("PUT", `/api/customers/${await customer(key)}`, auth(key), minimal),
  },
  { status: 404, name: "PUT /api/customers/{id} of an unknown id", send: (key) => send("PUT", `/api/customers/${unknownId}`, auth(key), minimal) },
];
