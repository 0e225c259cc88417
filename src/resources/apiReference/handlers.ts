import type { Handler } from "../../shared/route";

/** Where `postinstall` (scripts/copy-scalar.mjs) puts Scalar's browser bundle among the static assets. */
const SCALAR_SCRIPT = "/scalar/standalone.js";

/** Scalar's configuration: everything from this origin, nothing phoned home. */
const SCALAR_CONFIGURATION = {
  url: "/openapi.json",
  title: "Seatkeeper API reference",
  withDefaultFonts: false,
  telemetry: false,
  showDeveloperTools: "never",
  agent: { disabled: true },
  defaultOpenAllTags: true,
  documentDownloadType: "json",
  hideClientButton: false,
  persistAuth: false,
};

/**
 * GET /openapi.json: the document scripts/build-openapi.mjs writes to the static assets at build time.
 * The assets layer answers the path without running the Worker (wrangler.toml's run_worker_first
 * excludes it); this route keeps it in the table, so the document lists itself and the router serves
 * every documented operation, and answers from the same asset should the Worker ever be asked.
 */
export const serveOpenApi: Handler = (_input, request, env) => env.ASSETS.fetch(request);

// Every script and style comes from this origin: the page must work offline and behind strict networks.
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Seatkeeper API reference</title>
<link rel="icon" href="data:,">
</head>
<body>
<script id="api-reference" data-configuration="${escapeAttribute(JSON.stringify(SCALAR_CONFIGURATION))}"></script>
<script src="${SCALAR_SCRIPT}"></script>
</body>
</html>
`;

/** GET /docs: Scalar's reference page over /openapi.json; its script is a static asset of this Worker. */
export const docsPage: Handler = () =>
  new Response(PAGE, {
    headers: { "content-type": "text/html; charset=utf-8", "content-security-policy": CONTENT_SECURITY_POLICY },
  });

function escapeAttribute(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll('"', "&quot;").replaceAll("<", "&lt;");
}
