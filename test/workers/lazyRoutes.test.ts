// The route table names schemas and handlers lazily (src/shared/lazy.ts): a
// module is imported when a route that needs it first runs, once.
import { describe, expect, it } from "vitest";
import * as z from "zod";
import { lazyModule, once } from "../../src/shared/lazy";
import { loadRoute, route } from "../../src/shared/route";

/** A stand-in module whose imports are counted. */
function countedModule() {
  const counter = { imports: 0 };
  const module = lazyModule(async () => {
    counter.imports++;
    return { Body: z.object({ name: z.string() }), handler: () => new Response("ok") };
  });
  return { counter, module };
}

describe("lazily named schemas and handlers", () => {
  it("import their module only when the route is loaded, once for every route and caller", async () => {
    const { counter, module } = countedModule();
    // No docs, as in the Worker's build: running a route never reads them.
    const create = route({ method: "post", path: "/things", auth: "public", request: { body: module.Body }, handler: module.handler });
    const replace = route({ method: "put", path: "/things/{id}", auth: "public", request: { body: module.Body }, handler: module.handler });
    expect(counter.imports).toBe(0);

    const [first, again] = await Promise.all([loadRoute(create), loadRoute(create), loadRoute(replace)]);
    expect(counter.imports).toBe(1);
    expect(again).toBe(first);
    expect(z.safeParse(first!.request.body!, { name: "x" }).success).toBe(true);
    const answer = await first!.handler({ body: {}, query: {}, params: {} }, {} as never, {} as never, {} as never);
    expect(await answer.text()).toBe("ok");
  });

  it("give a route without a params schema the text rule for each placeholder", async () => {
    const { module } = countedModule();
    const loaded = await loadRoute(route({ method: "get", path: "/things/{id}", auth: "public", handler: module.handler }));
    expect(z.safeParse(loaded.request.params, { id: "a" }).success).toBe(true);
    expect(z.safeParse(loaded.request.params, { id: "a\u0000" }).success).toBe(false);
  });
});

describe("once", () => {
  it("builds on the first call and keeps the value", () => {
    let builds = 0;
    const value = once(() => ({ built: ++builds }));
    expect(builds).toBe(0);
    expect(value()).toBe(value());
    expect(builds).toBe(1);
  });
});
