// What `npm start` prints once the server answers: it finds or creates the
// workspace `local` through the admin API, so the printed calls work on
// every start, and they create nothing the vendor pages' own examples
// create (seat type `admin`, user `jean_doe`), so those work after them.

/** The workspace `npm start` uses. */
export const QUICKSTART_WORKSPACE = "local";

export interface QuickstartWorkspace {
  id: string;
  name: string;
  /** Made by this start (false: found from an earlier one). */
  created: boolean;
}

/** The workspace named `name`: found with GET /admin/workspaces?name=, else created. */
export async function findOrCreateWorkspace(base: string, adminToken: string, name = QUICKSTART_WORKSPACE): Promise<QuickstartWorkspace> {
  const headers = { authorization: `Bearer ${adminToken}`, "content-type": "application/json" };
  const find = async () => {
    const response = await fetch(`${base}/admin/workspaces?name=${encodeURIComponent(name)}`, { headers });
    const page = (await answer(response, 200)) as { items: { id: string; name: string }[] };
    return page.items[0];
  };
  const found = await find();
  if (found) return { id: found.id, name: found.name, created: false };
  const response = await fetch(`${base}/admin/workspaces`, { method: "POST", headers, body: JSON.stringify({ name }) });
  // 409: another start made it meanwhile.
  if (response.status === 409) return { ...(await find())!, created: false };
  const made = (await answer(response, 201)) as { id: string; name: string };
  return { id: made.id, name: made.name, created: true };
}

/**
 * The calls to paste, as one shell script. The admin token is read from the
 * vars file into the shell, never printed; the key's secret goes from the
 * admin API's answer into a shell variable.
 */
export function firstCalls(base: string, workspace: Pick<QuickstartWorkspace, "id" | "name">, varsFile = ".dev.vars"): string {
  // Sequence 2024-07-30's customer: contacts (one PRIMARY for billing) and a tax status are required.
  const customer = {
    legalName: "Quickstart Ltd",
    address: { line1: "1 Main Street", town: "London", postcode: "N1 1AA", country: "GB" },
    contacts: [{ name: "Billing", email: "billing@quickstart.example", billingPreference: "PRIMARY" }],
    taxStatus: "TAXED",
  };
  return `# 1. The admin token from ${varsFile} into this shell (ADMIN_TOKEN), with npm start's Node, as npm start reads it:
ADMIN_TOKEN=$(./node_modules/.bin/node -p 'require("node:util").parseEnv(require("node:fs").readFileSync("${varsFile}", "utf8")).ADMIN_TOKEN')

# 2. A new API key for workspace "${workspace.name}"; its secret appears in this answer only:
KEY=$(curl -s -X POST ${base}/admin/workspaces/${workspace.id}/api-keys \\
  -H "Authorization: Bearer $ADMIN_TOKEN" -H "Content-Type: application/json" -d '{"label":"quickstart"}')
KEY_ID=$(node -p 'JSON.parse(process.argv[1]).id' "$KEY")
SECRET=$(node -p 'JSON.parse(process.argv[1]).secret' "$KEY")

# 3. The same key in each vendor's scheme. Sequence: create a customer
curl -s -w "\\n" -X POST ${base}/api/customers -u "$KEY_ID:$SECRET" -H "Content-Type: application/json" \\
  -d '${JSON.stringify(customer)}'
# Seam: create a user identity
curl -s -w "\\n" -X POST ${base}/user_identities/create -H "Authorization: Bearer seam_\${KEY_ID}_\${SECRET}" \\
  -H "Content-Type: application/json" -d '{"full_name":"Quinn Start"}'
# Sendblue: count the seats (the workspace's users)
curl -s -w "\\n" ${base}/api/v2/seats/count -H "sb-api-key-id: $KEY_ID" -H "sb-api-secret-key: $SECRET"
`;
}

async function answer(response: Response, status: number): Promise<unknown> {
  const text = await response.text();
  if (response.status !== status) throw new Error(`${response.url} answered ${response.status}: ${text}`);
  return JSON.parse(text);
}
