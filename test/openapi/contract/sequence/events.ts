import { credentials, send, type ContractCase } from "../../suite";
import { customer, organization } from "../fixtures";

const auth = credentials.sequence;

/** GET /api/events (a Seatkeeper extension): a page holding every kind of resource the feed renders. */
export const eventCases: ContractCase[] = [
  {
    status: 200,
    name: "GET /api/events",
    send: async (key) => {
      await organization(key, await customer(key, "Owner"), [await customer(key, "Member")]);
      await send("POST", "/user_identities/create", credentials.seam(key), { full_name: "Feed" });
      return send("GET", "/api/events?limit=100", auth(key));
    },
  },
];
