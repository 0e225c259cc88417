// The OpenAPI document, built from the route table (src/router.ts, src/openapi/)
// at build time and served as a static asset, so the Worker neither carries
// zod-openapi nor spends CPU building the document. wrangler.toml's [build]
// runs this before `wrangler dev`, `wrangler deploy` and the test harness.
// The output is build output: public/openapi.json is not in git.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** Where the assets layer serves the document from: /openapi.json. */
export const OPENAPI_ASSET = resolve(root, "public/openapi.json");

/** The route table's OpenAPI document as the served JSON text. */
export async function openApiJson() {
  // The table's import graph is plain TypeScript (the Durable Object's `cloudflare:workers` is not in
  // it): one esbuild bundle for Node, imported from a temporary file so that a failure's stack trace
  // names src/ files (through the inline source map).
  const dir = mkdtempSync(join(tmpdir(), "seatkeeper-openapi-"));
  const outfile = join(dir, "document.mjs");
  try {
    await build({
      stdin: {
        contents: [
          'import { routes } from "./src/router";',
          'import { buildDocument } from "./src/openapi/document";',
          'import { documentedRoutes } from "./src/shared/route";',
          "export const document = buildDocument(await documentedRoutes(routes));",
        ].join("\n"),
        resolveDir: root,
        loader: "ts",
      },
      bundle: true,
      platform: "node",
      format: "esm",
      sourcemap: "inline",
      outfile,
      logLevel: "warning",
    });
    process.setSourceMapsEnabled(true);
    const { document } = await import(pathToFileURL(outfile).href);
    return JSON.stringify(document);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Writes public/openapi.json; an unchanged document is not rewritten (wrangler dev reloads on asset changes). */
export async function writeOpenApiAsset() {
  const json = await openApiJson();
  if (existsSync(OPENAPI_ASSET) && readFileSync(OPENAPI_ASSET, "utf8") === json) return false;
  mkdirSync(dirname(OPENAPI_ASSET), { recursive: true });
  writeFileSync(OPENAPI_ASSET, json);
  return true;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const written = await writeOpenApiAsset();
  console.log(`build-openapi: public/openapi.json ${written ? "written" : "unchanged"}`);
}
