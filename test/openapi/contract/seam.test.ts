// Seam's surface: every action through each method it accepts. contract.check
// also validates each answer against Seam's own published schema (seam.ts).
import type { TestKey } from "../../sdk/workspace";
import { createWorkspaceWithKey } from "../../sdk/workspace";
import { credentials, describeContract, RATE_LIMITED, send, type ContractCase } from "../suite";
import { unknownId, userIdentity } from "./fixtures";

const auth = credentials.seam;
const everyField = {
  user_identity_key: "jane",
  email_address: "jane@example.com",
  phone_number: "+15555550100",
  full_name: "Jane Doe",
};

/** A query string as the Seam SDK sends it (`_strict=true` on every query). */
const query = (params: Record<string, string>) => `?${new URLSearchParams({ ...params, _strict: "true" })}`;

/** One action as the Seam SDK sends it: a query string for GET and DELETE, a JSON body for POST and PATCH. */
function action(method: string, path: string, key: TestKey, params: Record<string, string>) {
  if (method === "GET" || method === "DELETE") return send(method, `${path}${query(params)}`, auth(key));
  return send(method, path, auth(key), params);
}

/**
 * Cases of one action by id for one method: success (with `changes`, if the
 * action writes), an unknown id (404), and a taken key (409) if it writes.
 */
function actionCases(method: string, path: string, changes?: Record<string, string>): ContractCase[] {
  const cases: ContractCase[] = [
    {
      status: 200,
      name: `${method} ${path}`,
      send: async (key) => action(method, path, key, { user_identity_id: await userIdentity(key, everyField), ...changes }),
    },
    {
      status: 404,
      name: `${method} ${path} of an unknown id`,
      send: (key) => action(method, path, key, { user_identity_id: unknownId, ...changes }),
    },
  ];
  if (changes) {
    cases.push({
      status: 409,
      name: `${method} ${path} to a taken user_identity_key`,
      send: async (key) => {
        await userIdentity(key, everyField);
        return action(method, path, key, { user_identity_id: await userIdentity(key), user_identity_key: "jane" });
      },
    });
  }
  return cases;
}

/** A body over 1 MiB (413) and a form body (415), `field` carrying the bulk. */
function bodyRefusals(method: string, path: string, field: string): ContractCase[] {
  return [
    { status: 413, name: `${method} ${path} with a body over 1 MiB`, send: (key) => send(method, path, auth(key), { [field]: "x".repeat(1024 * 1024) }) },
    {
      status: 415,
      name: `${method} ${path} with a form body`,
      send: (key) => send(method, path, { ...auth(key), "content-type": "application/x-www-form-urlencoded" }, `${field}=x`),
    },
  ];
}

/** Lists with one identity per page, so that `pagination` carries a next page. */
function listCase(method: string): ContractCase {
  return {
    status: 200,
    name: `${method} /user_identities/list with a next page`,
    send: async (key) => {
      await userIdentity(key, everyField);
      await userIdentity(key);
      if (method === "GET") return action("GET", "/user_identities/list", key, { limit: "1" });
      return send("POST", "/user_identities/list", auth(key), { limit: 1, search: null });
    },
  };
}

describeContract("Seam", [
  { status: 200, name: "POST /user_identities/create with every field", send: (key) => send("POST", "/user_identities/create", auth(key), everyField) },
  { status: 200, name: "POST /user_identities/create with an empty body", send: (key) => send("POST", "/user_identities/create", auth(key)) },
  {
    status: 400,
    name: "POST /user_identities/create with a phone number outside E.164",
    send: (key) => send("POST", "/user_identities/create", auth(key), { phone_number: "555" }),
  },
  { status: 401, name: "POST /user_identities/create without credentials", send: () => send("POST", "/user_identities/create", {}, {}) },
  {
    status: 403,
    name: "POST /user_identities/create with a read-only key",
    send: async () => send("POST", "/user_identities/create", auth(await createWorkspaceWithKey(["users_read"])), {}),
  },
  {
    status: 409,
    name: "POST /user_identities/create with a taken email",
    send: async (key) => {
      await userIdentity(key, everyField);
      return send("POST", "/user_identities/create", auth(key), { email_address: "JANE@example.com" });
    },
  },
  ...bodyRefusals("POST", "/user_identities/create", "full_name"),

  ...actionCases("GET", "/user_identities/get"),
  ...actionCases("POST", "/user_identities/get"),
  { status: 400, name: "GET /user_identities/get with neither id nor key", send: (key) => action("GET", "/user_identities/get", key, {}) },

  listCase("GET"),
  listCase("POST"),
  {
    status: 400,
    name: "GET /user_identities/list with a foreign page_cursor",
    send: (key) => action("GET", "/user_identities/list", key, { page_cursor: "nope" }),
  },

  ...actionCases("PATCH", "/user_identities/update", { full_name: "New Name" }),
  ...actionCases("POST", "/user_identities/update", { full_name: "New Name" }),

  ...actionCases("DELETE", "/user_identities/delete"),
  ...actionCases("POST", "/user_identities/delete"),
  // A DELETE's JSON body is read too.
  ...bodyRefusals("DELETE", "/user_identities/delete", "user_identity_id"),
], RATE_LIMITED);
