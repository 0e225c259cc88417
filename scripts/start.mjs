// `npm start`: refuse a port already taken, migrate the local D1 database, make sure .dev.vars holds an
// ADMIN_TOKEN, run `wrangler dev` with PUBLIC_URL set to the local origin,
// and once it answers, find or create the workspace `local` and print
// first calls that work on every start (scripts/quickstart.ts).
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync, appendFileSync } from "node:fs";
import { createServer } from "node:net";
import { constants as osConstants } from "node:os";
import { parseEnv } from "node:util";
import { findOrCreateWorkspace, firstCalls } from "./quickstart.ts";

const asked = process.env.PORT || "8787";
if (!/^\d{1,5}$/.test(asked) || Number(asked) < 1 || Number(asked) > 65535) {
  console.error(`PORT must be a port number, 1 to 65535 (it is "${asked}")`);
  process.exit(1);
}
const port = String(Number(asked));
const base = `http://localhost:${port}`;

// Checked first: with the port taken, the health wait below would find the other server and report it as this one.
const refused = await portRefusal(port);
if (refused === "EACCES") {
  console.error(`Port ${port} needs privileges this user lacks; choose one above 1023: PORT=8787 npm start`);
  process.exit(1);
}
if (refused) {
  const other = Number(port) < 65535 ? Number(port) + 1 : 8787;
  console.error(`Port ${port} is in use (another \`npm start\`?). Stop that server, or choose another port: PORT=${other} npm start`);
  process.exit(1);
}
const adminToken = ensureAdminToken(".dev.vars");
migrateLocalDatabase();

// PUBLIC_URL: Seam's next_page_url points at this local server. Seatkeeper never reads `request.cf`,
// so Miniflare need not fetch it from workers.cloudflare.com (offline, that prints stack traces).
const env = { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: process.env.CLOUDFLARE_CF_FETCH_ENABLED ?? "false" };
const dev = spawn("wrangler", ["dev", "--port", port, "--ip", "127.0.0.1", "--var", `PUBLIC_URL:${base}`], { stdio: "inherit", env });
let failed = false;
// Stopped by a signal (Ctrl-C), the exit code says which, as a shell's does: 128 + its number.
dev.on("exit", (code, signal) => process.exit(failed ? 1 : (code ?? (signal ? 128 + osConstants.signals[signal] : 0))));
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => dev.kill(signal));

if (!(await waitForHealth())) {
  console.error(`Seatkeeper did not answer on ${base}/health within 60 s; no first calls printed.`);
} else {
  try {
    printFirstCalls(await findOrCreateWorkspace(base, adminToken));
  } catch (error) {
    // Never exit with the server left running on its own: stopping it ends this process too (the exit handler).
    console.error(`Seatkeeper is up, but finding or creating its workspace failed, so it is stopped: ${error}`);
    if (/\b401\b/.test(String(error))) {
      console.error('The admin token was refused: wrangler may read .dev.vars differently. Write it as ADMIN_TOKEN="..." on a line of its own.');
    }
    failed = true;
    dev.kill("SIGTERM");
  }
}

/** The running server, its workspace, and calls to paste (scripts/quickstart.ts). */
function printFirstCalls(workspace) {
  const script = firstCalls(base, workspace).replace(/^(?=.)/gm, "  ");
  console.log(`
Seatkeeper is running at ${base}   (stop it with Ctrl-C)
API reference: ${base}/docs   OpenAPI document: ${base}/openapi.json
Workspace "${workspace.name}": ${workspace.id} (${workspace.created ? "created now" : "from an earlier start"})

Try it from another terminal in this folder (bash or zsh):

${script}
More: README.md, "Point a vendor's client at Seatkeeper".
`);
}

/**
 * Returns the ADMIN_TOKEN from the vars file, writing a random one when it has none. Node's
 * parseEnv reads it much as wrangler's dotenv does (quotes, comments, `export`, CRLF); they part
 * on escaped quotes and other rare forms, which end in the 401 hint above.
 */
function ensureAdminToken(file) {
  const existing = existsSync(file) ? readFileSync(file, "utf8") : "";
  const found = parseEnv(existing).ADMIN_TOKEN;
  if (found) return found;
  const token = randomBytes(24).toString("hex");
  const separator = existing && !existing.endsWith("\n") ? "\n" : "";
  (existing ? appendFileSync : writeFileSync)(file, `${separator}ADMIN_TOKEN="${token}"\n`);
  console.log(`Wrote a new ADMIN_TOKEN to ${file}`);
  return token;
}

/**
 * Applies the migrations to local D1, printing one line: wrangler reprints its
 * whole table after each migration (hundreds of lines on a first start). Its
 * full output is shown only when it fails.
 */
function migrateLocalDatabase() {
  const result = spawnSync("wrangler", ["d1", "migrations", "apply", "DB", "--local"], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  const output = `${result.stdout ?? ""}${result.stderr ?? ""}`;
  if (result.status !== 0) {
    process.stderr.write(output || `${result.error ?? "wrangler d1 migrations apply failed"}\n`);
    process.exit(result.status ?? 1);
  }
  if (/no migrations to apply/i.test(output)) return console.log("Local D1 is up to date.");
  const applied = [...new Set(output.match(/[\w-]+\.sql(?=\s*│\s*✅)/g))];
  console.log(applied.length === 0 ? "Local D1: migrations applied." : `Local D1: applied ${applied.length} migration(s), the latest ${applied.at(-1)}.`);
}

/** Why a server could not listen on the port (wrangler dev binds 127.0.0.1): an error code, or null when it could. */
function portRefusal(portNumber) {
  return new Promise((resolve) => {
    const probe = createServer()
      .once("error", (error) => resolve(error.code ?? "EADDRINUSE"))
      .once("listening", () => probe.close(() => resolve(null)));
    probe.listen(Number(portNumber), "127.0.0.1");
  });
}

/** Whether /health answered within 60 s. */
async function waitForHealth() {
  for (let attempt = 0; attempt < 240; attempt++) {
    try {
      if ((await fetch(`${base}/health`)).ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}
