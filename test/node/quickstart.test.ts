// What `npm start` prints (scripts/quickstart.ts), run as a user pastes it:
// twice in a row in the same workspace, then the vendor pages' own examples,
// which must not collide with anything the printed calls made.
import { execFile } from "node:child_process";
import { mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { findOrCreateWorkspace, firstCalls, type QuickstartWorkspace } from "../../scripts/quickstart.ts";

const run = promisify(execFile);
const PROJECT_MODULES = fileURLToPath(new URL("../../node_modules", import.meta.url));

/** A folder to paste in, as the project folder is: the printed calls run its node_modules/.bin/node. */
async function projectLikeDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  await symlink(PROJECT_MODULES, join(dir, "node_modules"));
  return dir;
}

/** Runs the printed calls in bash in `dir`, stopping at the first failing command or non-2xx answer. */
async function paste(script: string, dir: string): Promise<string> {
  const strict = 'set -eu\ncurl() { command curl --fail-with-body "$@"; }\n';
  const { stdout } = await run("bash", ["-c", strict + script], { cwd: dir });
  return stdout;
}

describe("npm start's first calls", () => {
  const base = inject("baseUrl");
  const adminToken = inject("adminToken");
  let dir: string;

  beforeAll(async () => {
    dir = await projectLikeDir("quickstart-");
    await writeFile(join(dir, ".dev.vars"), `ADMIN_TOKEN="${adminToken}"\n`);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("find the workspace an earlier start made instead of making another", async () => {
    const name = `local-${crypto.randomUUID()}`;
    const first = await findOrCreateWorkspace(base, adminToken, name);
    const again = await findOrCreateWorkspace(base, adminToken, name);
    expect(first).toMatchObject({ name, created: true });
    expect(again).toEqual({ ...first, created: false });
  });

  it("work when pasted on every start, never show the admin token, and leave the vendors' examples free", async () => {
    const workspace: QuickstartWorkspace = await findOrCreateWorkspace(base, adminToken, `local-${crypto.randomUUID()}`);
    const script = firstCalls(base, workspace);
    expect(script).not.toContain(adminToken);

    const first = await paste(script, dir);
    const second = await paste(firstCalls(base, await findOrCreateWorkspace(base, adminToken, workspace.name)), dir);
    for (const output of [first, second]) {
      expect(output).toContain('"legalName":"Quickstart Ltd"');
      expect(output).toContain('"full_name":"Quinn Start"');
    }
    expect(first).toContain('{"count":1}');
    expect(second).toContain('{"count":2}');

    // The Sequence seat metric page's and the Seam create page's own example bodies, in the same workspace.
    const key = await post(`/admin/workspaces/${workspace.id}/api-keys`, { authorization: `Bearer ${adminToken}` }, { label: "seeds" });
    const sequence = { authorization: `Basic ${btoa(`${key.id}:${key.secret}`)}` };
    const metric = { seatType: "admin", description: "Allows user to make admin changes over whole account", label: "Administrator" };
    expect((await send("/api/seat-metrics", sequence, metric)).status).toBe(201);
    const jean = { user_identity_key: "jean_doe", email_address: "jean@example.com", phone_number: "+15555550110", full_name: "Jean Doe" };
    expect((await send("/user_identities/create", { authorization: `Bearer ${key.token}` }, jean)).status).toBe(200);
  });

  // wrangler reads .dev.vars with dotenv's rules; the printed step 1 must read the token it serves with.
  it.each([
    ["double quotes", `ADMIN_TOKEN="TOKEN"\n`],
    ["single quotes, a comment, CRLF", `# local only\r\nADMIN_TOKEN='TOKEN' # mine\r\n`],
    ["export, spaces around =", `export ADMIN_TOKEN = TOKEN\n`],
    ["a $ in double quotes, which a shell would expand", `ADMIN_TOKEN="TO$KEN"\n`],
  ])("read the admin token from a .dev.vars written with %s", async (_form, vars) => {
    const formDir = await projectLikeDir("quickstart-vars-");
    try {
      await writeFile(join(formDir, ".dev.vars"), vars);
      const stepOne = firstCalls(base, { id: "w", name: "local" }).split("\n# 2.")[0]!;
      const printed = await paste(`${stepOne}\nprintf %s "$ADMIN_TOKEN"`, formDir);
      expect(printed).toBe(vars.includes("TO$KEN") ? "TO$KEN" : "TOKEN");
    } finally {
      await rm(formDir, { recursive: true, force: true });
    }
  });

  function send(path: string, headers: Record<string, string>, body: unknown): Promise<Response> {
    return fetch(`${base}${path}`, { method: "POST", headers: { ...headers, "content-type": "application/json" }, body: JSON.stringify(body) });
  }

  async function post(path: string, headers: Record<string, string>, body: unknown) {
    const response = await send(path, headers, body);
    expect(response.status).toBe(201);
    return (await response.json()) as { id: string; secret: string; token: string };
  }
});
