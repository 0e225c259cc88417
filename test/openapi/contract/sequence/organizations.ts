import type { TestKey } from "../../../sdk/workspace";
import { credentials, send, type ContractCase } from "../../suite";
import { customer, organization, unknownId } from "../fixtures";

const auth = credentials.sequence;
const PATH = "/api/customer-organizations";

/** An organization with one member, and a customer that already belongs to another organization. */
async function withTakenCustomer(key: TestKey): Promise<{ id: string; taken: string }> {
  const id = await organization(key, await customer(key, "Owner"), [await customer(key, "Member")]);
  const taken = await customer(key, "Taken");
  await organization(key, await customer(key, "Elsewhere"), [taken]);
  return { id, taken };
}

/** POST or PUT .../{id}/members: success, unknown organization, taken customer, unknown customer. */
function membersCases(method: "POST" | "PUT"): ContractCase[] {
  const members = (id: string) => `${PATH}/${id}/members`;
  return [
    {
      status: 200,
      name: `${method} ${PATH}/{id}/members`,
      send: async (key) => {
        const { id } = await withTakenCustomer(key);
        return send(method, members(id), auth(key), { customerIds: [await customer(key, "Newcomer")] });
      },
    },
    {
      status: 404,
      name: `${method} ${PATH}/{id}/members of an unknown organization`,
      send: async (key) => send(method, members(unknownId), auth(key), { customerIds: [await customer(key)] }),
    },
    {
      status: 409,
      name: `${method} ${PATH}/{id}/members with a customer of another organization`,
      send: async (key) => {
        const { id, taken } = await withTakenCustomer(key);
        return send(method, members(id), auth(key), { customerIds: [taken] });
      },
    },
    {
      status: 422,
      name: `${method} ${PATH}/{id}/members with an unknown customer`,
      send: async (key) => send(method, members((await withTakenCustomer(key)).id), auth(key), { customerIds: [unknownId] }),
    },
  ];
}

export const organizationCases: ContractCase[] = [
  {
    status: 201,
    name: `POST ${PATH}`,
    send: async (key) => send("POST", PATH, auth(key), { ownerId: await customer(key, "Owner"), memberIds: [await customer(key, "Member")] }),
  },
  { status: 400, name: `POST ${PATH} with a malformed ownerId`, send: (key) => send("POST", PATH, auth(key), { ownerId: "nope", memberIds: [] }) },
  {
    status: 409,
    name: `POST ${PATH} that would put its owner under itself`,
    send: async (key) => {
      const top = await customer(key, "Top");
      const middle = await customer(key, "Middle");
      await organization(key, top, [middle]);
      return send("POST", PATH, auth(key), { ownerId: middle, memberIds: [top] });
    },
  },
  { status: 422, name: `POST ${PATH} with an unknown owner`, send: (key) => send("POST", PATH, auth(key), { ownerId: unknownId, memberIds: [] }) },

  {
    status: 200,
    name: `GET ${PATH}`,
    send: async (key) => {
      await withTakenCustomer(key);
      return send("GET", `${PATH}?limit=1`, auth(key));
    },
  },
  { status: 200, name: `GET ${PATH}/{id}`, send: async (key) => send("GET", `${PATH}/${(await withTakenCustomer(key)).id}`, auth(key)) },
  { status: 404, name: `GET ${PATH}/{id} of an unknown id`, send: (key) => send("GET", `${PATH}/${unknownId}`, auth(key)) },

  ...membersCases("POST"),
  ...membersCases("PUT"),

  { status: 200, name: `DELETE ${PATH}/{id}`, send: async (key) => send("DELETE", `${PATH}/${(await withTakenCustomer(key)).id}`, auth(key)) },
  { status: 404, name: `DELETE ${PATH}/{id} of an unknown id`, send: (key) => send("DELETE", `${PATH}/${unknownId}`, auth(key)) },
];
