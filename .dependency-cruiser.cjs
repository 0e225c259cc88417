// The layers of src/, bottom to top; an import may only point at its own layer or one below.
//   shared                      errors, types, tiny helpers: imports nothing of ours
//   platform                    the runtime's own parts standing in for libraries' ([alias] in wrangler.toml)
//   db                          the data layer (D1, prepared statements)
//   objects                     the Durable Object and its client
//   surfaces | auth             vendor wire conventions | credentials and key checks
//   openapi                     the OpenAPI document of a route table
//   resources/<name>            one folder per resource family; never another's
//   events                      events rendered by several families' wire mappers; webhook delivery
//   http                        routing, input reading and validation, the error funnel
//   router.ts, index.ts         the route table and the Worker's entry (composition root)
// test/node/layers.test.ts runs these rules (and proves they bite).
const layer = (name, mayImport) => ({
  name: `${name}-imports-down`,
  comment: `src/${name} may import only ${mayImport.join(", ")}`,
  severity: "error",
  from: { path: `^src/${name}/` },
  to: { path: "^src/", pathNot: mayImport.map((allowed) => `^src/${allowed}(/|\\.ts$)`) },
});

module.exports = {
  forbidden: [
    layer("shared", ["shared"]),
    layer("platform", ["platform"]),
    layer("db", ["shared", "db"]),
    layer("objects", ["shared", "db", "objects"]),
    layer("surfaces", ["shared", "surfaces"]),
    layer("auth", ["shared", "db", "auth"]),
    layer("openapi", ["shared", "surfaces", "openapi"]),
    layer("resources", ["shared", "db", "objects", "surfaces", "auth", "openapi", "resources"]),
    layer("events", ["shared", "platform", "db", "objects", "surfaces", "auth", "openapi", "resources", "events"]),
    layer("http", ["shared", "db", "surfaces", "auth", "http"]),
    {
      name: "resources-stay-apart",
      comment: "a resource folder never imports another resource's modules; shared pieces move down a layer",
      severity: "error",
      from: { path: "^src/resources/([^/]+)/" },
      to: { path: "^src/resources/", pathNot: "^src/resources/$1/" },
    },
    {
      name: "service-carries-no-bench",
      comment: "the deployed Worker is what users run: no bench or test code in src/",
      severity: "error",
      from: { path: "^src/" },
      to: { path: "^(bench|test)/" },
    },
    {
      name: "worker-builds-with-zod-mini",
      comment:
        "code the Worker runs builds schemas with zod/mini (src/shared/zod.ts): classic zod, which the OpenAPI build uses, " +
        "is three times its size (docs/bundle-and-startup.md)",
      severity: "error",
      from: { path: "^src/", pathNot: "^src/(openapi/|surfaces/docs\\.ts$)" },
      to: { path: "(^|/)node_modules/zod/(index|v4/index)\\.c?js$|(^|/)node_modules/zod/v4/classic/", dependencyTypesNot: ["type-only"] },
    },
    { name: "no-circular", severity: "error", from: {}, to: { circular: true } },
  ],
  options: {
    doNotFollow: { path: "(^|/)node_modules/|^(bench|test)/" },
    tsPreCompilationDeps: true,
    parser: "swc",
    exclude: { path: "worker-configuration\\.d\\.ts$" },
  },
};
