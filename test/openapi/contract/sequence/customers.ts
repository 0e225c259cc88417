import { createWorkspaceWithKey, type TestKey } from "../../../sdk/workspace";
import { CUSTOMER_REQUEST, sendableCustomerRequest } from "../../../workers/customers/sequenceExamples";
import { credentials, send, type ContractCase } from "../../suite";
import { customer, organization, unknownId } from "../fixtures";

const auth = credentials.sequence;
const minimal = {
  legalName: "Bare Ltd",
  address: { line1: "2 Low Road", town: "Leeds", postcode: "LS1 1AA", country: "GB" },
  contacts: [{ name: "Bare", email: "bare@example.com", billingPreference: "PRIMARY" }],
  taxStatus: "TAXED",
};

/** A customer that is a child of another, with an alias and custom properties; returns both ids. */
async function family(key: TestKey): Promise<{ parent: string; child: string }> {
  const parent = await customer(key, "FinTech Solutions Inc.");
  const child = await customer(key, "FinTech Payments", { parentId: parent, customerAliases: ["fintech-payments"] });
  return { parent, child };
}

export const customerCases: ContractCase[] = [
  {
    status: 201,
    name: "POST /api/customers with Sequence's example body, its parent made real and pushToIntegrations empty",
    send: async (key) => send("POST", "/api/customers", auth(key), sendableCustomerRequest(await customer(key, "FinTech Solutions Inc."))),
  },
  { status: 201, name: "POST /api/customers with the required fields only", send: (key) => send("POST", "/api/customers", auth(key), minimal) },
  { status: 400, name: "POST /api/customers with Sequence's example body as it is", send: (key) => send("POST", "/api/customers", auth(key), CUSTOMER_REQUEST) },
  {
    status: 400,
    name: "POST /api/customers with a 2024-05-09 body",
    send: (key) => send("POST", "/api/customers", auth(key), { legalName: "Old", email: "old@example.com", address: minimal.address }),
  },
  {
    status: 403,
    name: "POST /api/customers with a read-only key",
    send: async () => send("POST", "/api/customers", auth(await createWorkspaceWithKey(["customers_read"])), minimal),
  },
  {
    status: 409,
    name: "POST /api/customers with an alias of another customer",
    send: async (key) => {
      await customer(key, "First", { customerAliases: ["taken"] });
      return send("POST", "/api/customers", auth(key), { ...minimal, customerAliases: ["taken"] });
    },
  },
  { status: 422, name: "POST /api/customers under an unknown parent", send: (key) => send("POST", "/api/customers", auth(key), { ...minimal, parentId: unknownId }) },

  {
    status: 200,
    name: "GET /api/customers filtered by legalName",
    send: async (key) => {
      await customer(key, "Acme Ltd");
      await customer(key, "Acme Ltd");
      await customer(key, "Other Ltd");
      return send("GET", "/api/customers?legalName=Acme%20Ltd&limit=1", auth(key));
    },
  },
  {
    status: 200,
    name: "GET /api/customers sorted by a custom property, archived ones included, second page",
    send: async (key) => {
      const { child } = await family(key);
      await send("POST", `/api/customers/${child}/archive`, auth(key));
      const first = await send("GET", "/api/customers?sortBy=customProperties.tier&sortOrder=ASC&includeArchived=true&limit=1", auth(key));
      const { pagination } = (await first.response.json()) as { pagination: { after: string } };
      return send("GET", `/api/customers?sortBy=customProperties.tier&sortOrder=ASC&includeArchived=true&limit=1&after=${pagination.after}`, auth(key));
    },
  },
  {
    status: 200,
    name: "GET /api/customers by email, alias and label",
    send: async (key) => {
      await family(key);
      return send("GET", "/api/customers?email=billing%40acme.example&alias=fintech-payments&label=key%20account&billingStatus=INACTIVE", auth(key));
    },
  },
  { status: 400, name: "GET /api/customers with an unknown sortBy", send: (key) => send("GET", "/api/customers?sortBy=name", auth(key)) },
  {
    status: 403,
    name: "GET /api/customers with a write-only key",
    send: async () => send("GET", "/api/customers", auth(await createWorkspaceWithKey(["customers_write"]))),
  },

  { status: 200, name: "GET /api/customers/{id} of a child", send: async (key) => send("GET", `/api/customers/${(await family(key)).child}`, auth(key)) },
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
    name: "PUT /api/customers/{id} with Sequence's example body, its parent made real",
    send: async (key) => {
      const parent = await customer(key, "FinTech Solutions Inc.");
      return send("PUT", `/api/customers/${await customer(key)}`, auth(key), sendableCustomerRequest(parent));
    },
  },
  { status: 200, name: "PUT /api/customers/{id} clearing the optional fields", send: async (key) => send("PUT", `/api/customers/${await customer(key)}`, auth(key), minimal) },
  { status: 400, name: "PUT /api/customers/{id} without contacts", send: async (key) => send("PUT", `/api/customers/${await customer(key)}`, auth(key), { ...minimal, contacts: [] }) },
  { status: 404, name: "PUT /api/customers/{id} of an unknown id", send: (key) => send("PUT", `/api/customers/${unknownId}`, auth(key), minimal) },
  {
    status: 409,
    name: "PUT /api/customers/{id} under its own child",
    send: async (key) => {
      const { parent, child } = await family(key);
      return send("PUT", `/api/customers/${parent}`, auth(key), { ...minimal, parentId: child });
    },
  },
  {
    status: 422,
    name: "PUT /api/customers/{id} under an unknown parent",
    send: async (key) => send("PUT", `/api/customers/${await customer(key)}`, auth(key), { ...minimal, parentId: unknownId }),
  },

  { status: 200, name: "POST /api/customers/{id}/archive", send: async (key) => send("POST", `/api/customers/${(await family(key)).child}/archive`, auth(key)) },
  { status: 404, name: "POST /api/customers/{id}/archive of an unknown id", send: (key) => send("POST", `/api/customers/${unknownId}/archive`, auth(key)) },

  {
    status: 200,
    name: "GET /api/customer-custom-property-keys",
    send: async (key) => {
      await family(key);
      await customer(key, "Region", { customProperties: { region: "EU" } });
      return send("GET", "/api/customer-custom-property-keys", auth(key));
    },
  },
];
