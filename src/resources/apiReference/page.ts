// Scalar's API reference page for GET /docs, built with the OpenAPI document at build time
// (scripts/build-openapi.mjs) and served as a static asset: the Worker never carries it.
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

/**
 * GET /docs: Scalar's reference page over /openapi.json, written with the document at build time
 * (scripts/build-openapi.mjs) to the static assets as docs.html, with its Content-Security-Policy in
 * public/_headers: documentation, which the Worker never carries (docs/bundle-and-startup.md).
 */
export const DOCS_PAGE = { html: PAGE, headers: `/docs\n  Content-Security-Policy: ${CONTENT_SECURITY_POLICY}\n` };

function escapeAttribute(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll('"', "&quot;").replaceAll("<", "&lt;");
}
