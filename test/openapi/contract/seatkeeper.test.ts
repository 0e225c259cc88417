import { createWorkspaceWithKey } from "../../sdk/workspace";
import { credentials, describeContract, send } from "../suite";

const admin = credentials.admin;
const unknownId = "0193a0d0-0000-7000-8000-000000000000";

describeContract("Seatkeeper", [
  { status: 200, name: "GET /health", send: () => send("GET", "/health") },
  { status: 200, name: "GET /openapi.json", send: () => send("GET", "/openapi.json") },
  { status: 200, name: "GET /docs", send: () => send("GET", "/docs") },

  { status: 201, name: "POST /admin/workspaces", send: () => send("POST", "/admin/workspaces", admin(), { name: `ws-${crypto.randomUUID()}` }) },
  { status: 400, name: "POST /admin/workspaces with an empty name", send: () => send("POST", "/admin/workspaces", admin(), { name: "" }) },
  { status: 401, name: "POST /admin/workspaces without the admin token", send: () => send("POST", "/admin/workspaces", {}, { name: "x" }) },
  {
    status: 409,
    name: "POST /admin/workspaces with a taken name",
    send: (key) => send("POST", "/admin/workspaces", admin(), { name: key.workspaceName }),
  },
  {
    status: 413,
    name: "POST /admin/workspaces with a body over 1 MiB",
    send: () => send("POST", "/admin/workspaces", admin(), { name: "x".repeat(1024 * 1024) }),
  },
  {
    status: 415,
    name: "POST /admin/workspaces with a form body",
    send: () => send("POST", "/admin/workspaces", { ...admin(), "content-type": "application/x-www-form-urlencoded" }, "name=x"),
  },

  { status: 200, name: "GET /admin/workspaces", send: () => send("GET", "/admin/workspaces?limit=2", admin()) },
  { status: 200, name: "GET /admin/workspaces/{id}", send: (key) => send("GET", `/admin/workspaces/${key.workspaceId}`, admin()) },
  { status: 404, name: "GET /admin/workspaces/{id} of an unknown workspace", send: () => send("GET", `/admin/workspaces/${unknownId}`, admin()) },

  {
    status: 201,
    name: "POST /admin/workspaces/{id}/api-keys",
    send: (key) => send("POST", `/admin/workspaces/${key.workspaceId}/api-keys`, admin(), { label: "contract", permissions: ["users_read"] }),
  },
  {
    status: 404,
    name: "POST /admin/workspaces/{id}/api-keys of an unknown workspace",
    send: () => send("POST", `/admin/workspaces/${unknownId}/api-keys`, admin(), { label: "contract" }),
  },

  {
    status: 200,
    name: "GET /admin/workspaces/{id}/api-keys",
    send: (key) => send("GET", `/admin/workspaces/${key.workspaceId}/api-keys`, admin()),
  },
  {
    status: 400,
    name: "GET /admin/workspaces/{id}/api-keys with another workspace's key as cursor",
    send: async (key) => {
      const other = await createWorkspaceWithKey();
      return send("GET", `/admin/workspaces/${key.workspaceId}/api-keys?cursor=${other.keyId}`, admin());
    },
  },
  {
    status: 404,
    name: "GET /admin/workspaces/{id}/api-keys of an unknown workspace",
    send: () => send("GET", `/admin/workspaces/${unknownId}/api-keys`, admin()),
  },

  { status: 204, name: "DELETE /admin/api-keys/{id}", send: (key) => send("DELETE", `/admin/api-keys/${key.keyId}`, admin()) },
  { status: 404, name: "DELETE /admin/api-keys/{id} of an unknown key", send: () => send("DELETE", "/admin/api-keys/nope", admin()) },
]);
