// The OpenAPI document, built from the route table (src/router.ts, src/openapi/)
// at build time and served as a static asset, so the Worker neither carries
// zod-openapi nor spends CPU building the document; with it Scalar's page for
// /docs and the page's headers. wrangler.toml's [build] runs this before
// `wrangler dev`, `wrangler deploy` and the test harness. The output is build
// output: public/openapi.json, public/docs.html and public/_headers are not in git.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** Where the assets layer serves the document from: /openapi.json. */
export const OPENAPI_ASSET = resolve(root, "public/openapi.json");

/** Where the assets layer serves GET /docs from (Scalar's page), and the page's headers (its CSP). */
export const DOCS_ASSET = resolve(root, "public/docs.html");
export const HEADERS_ASSET = resolve(root, "public/_headers");

/** The route table's OpenAPI document as the served JSON text. */
export async function openApiJson() {
  return JSON.stringify((await buildAssets()).document);
}

/** The document and /docs page, built from src/ (bundled for Node with DOCUMENTED true). */
async function buildAssets() {
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
          'export { DOCS_PAGE } from "./src/resources/apiReference/page";',
        ].join("\n"),
        resolveDir: root,
        loader: "ts",
      },
      bundle: true,
      // The Worker's build folds every route's docs away (wrangler.toml [define]); the document needs them.
      define: { DOCUMENTED: "true" },
      platform: "node",
      format: "esm",
      sourcemap: "inline",
      outfile,
      logLevel: "warning",
    });
    process.setSourceMapsEnabled(true);
    return await import(pathToFileURL(outfile).href);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Writes public/openapi.json, public/docs.html and public/_headers; unchanged files are not rewritten (wrangler dev reloads on asset changes). */
export async function writeOpenApiAsset() {
  const { document, DOCS_PAGE } = await buildAssets();
  const written = [
    writeIfChanged(OPENAPI_ASSET, JSON.stringify(document)),
    writeIfChanged(DOCS_ASSET, DOCS_PAGE.html),
    writeIfChanged(HEADERS_ASSET, DOCS_PAGE.headers),
  ];
  return written.some(Boolean);
}

function writeIfChanged(file, text) {
  if (existsSync(file) && readFileSync(file, "utf8") === text) return false;
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  return true;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const written = await writeOpenApiAsset();
  console.log(`build-openapi: public/openapi.json, docs.html and _headers ${written ? "written" : "unchanged"}`);
}
