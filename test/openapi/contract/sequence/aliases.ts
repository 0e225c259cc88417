import { CREATE_ALIAS_REQUEST, UPDATE_ALIAS_REQUEST } from "../../../workers/customers/sequenceExamples";
import { credentials, send, type ContractCase } from "../../suite";
import { alias, customer, unknownId } from "../fixtures";

const auth = credentials.sequence;
const ALIASES = "/api/customer-aliases";

export const aliasCases: ContractCase[] = [
  {
    status: 200,
    name: `GET ${ALIASES}, second page`,
    send: async (key) => {
      const customerId = await customer(key);
      for (const value of ["a", "b", "c"]) await alias(key, customerId, value);
      const first = (await (await send("GET", `${ALIASES}?limit=1`, auth(key))).response.json()) as { pagination: { after: string } };
      return send("GET", `${ALIASES}?limit=1&after=${first.pagination.after}`, auth(key));
    },
  },
  {
    status: 200,
    name: `GET ${ALIASES} by value`,
    send: async (key) => {
      await alias(key, await customer(key), "crm-7");
      return send("GET", `${ALIASES}?value=crm-7`, auth(key));
    },
  },
  { status: 400, name: `GET ${ALIASES} with a cursor that is not one`, send: (key) => send("GET", `${ALIASES}?after=nope`, auth(key)) },

  {
    status: 201,
    name: `POST ${ALIASES} with Sequence's example for a real customer`,
    send: async (key) => send("POST", ALIASES, auth(key), { ...CREATE_ALIAS_REQUEST, customerId: await customer(key) }),
  },
  { status: 400, name: `POST ${ALIASES} without a value`, send: (key) => send("POST", ALIASES, auth(key), { customerId: unknownId }) },
  {
    status: 409,
    name: `POST ${ALIASES} with a taken value`,
    send: async (key) => {
      const customerId = await customer(key);
      await alias(key, customerId, "taken");
      return send("POST", ALIASES, auth(key), { customerId, value: "taken" });
    },
  },
  { status: 422, name: `POST ${ALIASES} with Sequence's example as it is (an unknown customer)`, send: (key) => send("POST", ALIASES, auth(key), CREATE_ALIAS_REQUEST) },

  {
    status: 200,
    name: `PUT ${ALIASES}/{id} with Sequence's example`,
    send: async (key) => send("PUT", `${ALIASES}/${await alias(key, await customer(key))}`, auth(key), UPDATE_ALIAS_REQUEST),
  },
  { status: 400, name: `PUT ${ALIASES}/{id} changing the value`, send: (key) => send("PUT", `${ALIASES}/${unknownId}`, auth(key), { value: "x" }) },
  { status: 404, name: `PUT ${ALIASES}/{id} of an unknown id`, send: (key) => send("PUT", `${ALIASES}/${unknownId}`, auth(key), UPDATE_ALIAS_REQUEST) },

  { status: 200, name: `DELETE ${ALIASES}/{id}`, send: async (key) => send("DELETE", `${ALIASES}/${await alias(key, await customer(key))}`, auth(key)) },
  { status: 404, name: `DELETE ${ALIASES}/{id} of an unknown id`, send: (key) => send("DELETE", `${ALIASES}/${unknownId}`, auth(key)) },

  {
    status: 200,
    name: "GET /api/customers/{id}/aliases",
    send: async (key) => {
      const customerId = await customer(key);
      await alias(key, customerId);
      return send("GET", `/api/customers/${customerId}/aliases`, auth(key));
    },
  },
  { status: 404, name: "GET /api/customers/{id}/aliases of an unknown customer", send: (key) => send("GET", `/api/customers/${unknownId}/aliases`, auth(key)) },

  {
    status: 200,
    name: "GET /api/customers/by-alias/{alias}",
    send: async (key) => {
      await alias(key, await customer(key), "a/b c");
      return send("GET", `/api/customers/by-alias/${encodeURIComponent("a/b c")}`, auth(key));
    },
  },
  { status: 404, name: "GET /api/customers/by-alias/{alias} of an unknown alias", send: (key) => send("GET", "/api/customers/by-alias/nobody", auth(key)) },
];
