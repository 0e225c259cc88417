/**
 * A build-time constant: true where the OpenAPI document is built
 * (scripts/build-openapi.mjs) and in the tests (vitest.config.ts), false in
 * the Worker's build (wrangler.toml `[define]`), which then drops every
 * route's `docs` (src/shared/route.ts, docs/bundle-and-startup.md).
 */
declare const DOCUMENTED: boolean;
