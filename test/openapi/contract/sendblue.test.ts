// Sendblue's surface: seats, read views of the users made through Seam.
import { createWorkspaceWithKey } from "../../sdk/workspace";
import { credentials, describeContract, RATE_LIMITED, send } from "../suite";
import { userIdentity } from "./fixtures";

const auth = credentials.sendblue;

describeContract("Sendblue", [
  {
    status: 200,
    name: "GET /api/v2/seats, one seat with every field and one without",
    send: async (key) => {
      await userIdentity(key, { email_address: "rep@example.com", phone_number: "+19998887777", full_name: "Jane Doe" });
      await userIdentity(key);
      return send("GET", "/api/v2/seats?limit=10&offset=0", auth(key));
    },
  },
  { status: 400, name: "GET /api/v2/seats with a limit over 500", send: (key) => send("GET", "/api/v2/seats?limit=501", auth(key)) },
  { status: 401, name: "GET /api/v2/seats with a wrong secret", send: (key) => send("GET", "/api/v2/seats", auth({ ...key, secret: "wrong" })) },
  {
    status: 403,
    name: "GET /api/v2/seats with a key lacking users_read",
    send: async () => send("GET", "/api/v2/seats", auth(await createWorkspaceWithKey(["users_write"]))),
  },

  {
    status: 200,
    name: "GET /api/v2/seats/count filtered by email",
    send: async (key) => {
      await userIdentity(key, { email_address: "rep@example.com" });
      return send("GET", "/api/v2/seats/count?email=rep%40example.com", auth(key));
    },
  },

  {
    status: 200,
    name: "GET /api/v2/seats/{seat_id} by auth subject",
    send: async (key) => {
      await userIdentity(key, { user_identity_key: "auth0|abc", full_name: "Cher" });
      return send("GET", `/api/v2/seats/${encodeURIComponent("auth0|abc")}`, auth(key));
    },
  },
  { status: 400, name: "GET /api/v2/seats/{seat_id} with broken percent-encoding", send: (key) => send("GET", "/api/v2/seats/%E0%A4%A", auth(key)) },
  { status: 404, name: "GET /api/v2/seats/{seat_id} of an unknown seat", send: (key) => send("GET", "/api/v2/seats/nobody", auth(key)) },
], RATE_LIMITED);
