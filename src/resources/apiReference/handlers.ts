import type { Handler } from "../../shared/route";

/**
 * GET /openapi.json and GET /docs: the document and Scalar's page over it, which
 * scripts/build-openapi.mjs writes to the static assets at build time. The assets layer answers
 * both paths without running the Worker (wrangler.toml's run_worker_first excludes them); their
 * routes keep them in the table, so the document lists them and the router serves every documented
 * operation, and they answer from the same assets should the Worker ever be asked.
 */
export const serveAsset: Handler = (_input, request, env) =>
  // The assets layer's answer has immutable headers: a copy takes the request id and the rest.
  env.ASSETS.fetch(request).then((asset) => new Response(asset.body, asset));
