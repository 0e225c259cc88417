// `npm start`: migrate the local D1 database, make sure .dev.vars holds an
// ADMIN_TOKEN, run `wrangler dev` with PUBLIC_URL set to the local origin,
// and print a first call once it answers.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync, appendFileSync } from "node:fs";

const port = process.env.PORT ?? "8787";
const base = `http://localhost:${port}`;

const adminToken = ensureAdminToken(".dev.vars");
run("wrangler", ["d1", "migrations", "apply", "DB", "--local"]);

// PUBLIC_URL: Seam's next_page_url points at this local server.
const dev = spawn("wrangler", ["dev", "--port", port, "--ip", "127.0.0.1", "--var", `PUBLIC_URL:${base}`], { stdio: "inherit" });
dev.on("exit", (code) => process.exit(code ?? 0));
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => dev.kill(signal));

await waitForHealth();
console.log(`
Seatkeeper is running at ${base}  (admin token in .dev.vars)
API reference: ${base}/docs   OpenAPI document: ${base}/openapi.json

1. Create a workspace:
   curl -s -X POST ${base}/admin/workspaces \\
     -H "Authorization: Bearer ${adminToken}" -H "Content-Type: application/json" \\
     -d '{"name":"acmeco"}'

2. Create an API key for it (use the "id" from step 1):
   curl -s -X POST ${base}/admin/workspaces/WORKSPACE_ID/api-keys \\
     -H "Authorization: Bearer ${adminToken}" -H "Content-Type: application/json" \\
     -d '{"label":"first key"}'

3. Call an endpoint with the key's "id" and "secret":
   curl -s -X POST ${base}/api/seat-metrics -u KEY_ID:SECRET \\
     -H "Content-Type: application/json" -d '{"seatType":"admin","label":"Administrator"}'
`);

/** Returns the ADMIN_TOKEN from the vars file, writing a random one when it has none. */
function ensureAdminToken(file) {
  const existing = existsSync(file) ? readFileSync(file, "utf8") : "";
  const found = existing.match(/^ADMIN_TOKEN\s*=\s*"?([^"\n]+)"?\s*$/m);
  if (found) return found[1];
  const token = randomBytes(24).toString("hex");
  const separator = existing && !existing.endsWith("\n") ? "\n" : "";
  (existing ? appendFileSync : writeFileSync)(file, `${separator}ADMIN_TOKEN="${token}"\n`);
  console.log(`Wrote a new ADMIN_TOKEN to ${file}`);
  return token;
}

function run(command, args) {
  const result = spawnSync(command, args, { stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

async function waitForHealth() {
  for (let attempt = 0; attempt < 240; attempt++) {
    try {
      if ((await fetch(`${base}/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  console.error(`Seatkeeper did not answer on ${base}/health within 60 s`);
}
