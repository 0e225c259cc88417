import { fc, test } from "@fast-check/vitest";
import { Router } from "itty-router/Router";
import { describe, expect, it } from "vitest";
import { RouteTable } from "../../src/http/routeTable";
import { routes } from "../../src/router";

// The route table replaced itty-router's Router, which tested each route's
// pattern in table order. It must find exactly what that Router found, with
// the same parameters, for any path: itty is the reference here.

const itty = Router();
routes.forEach((route, index) => itty[route.method](route.path.replace(/\{(\w+)\}/g, ":$1"), () => index));
const table = new RouteTable<number>();
routes.forEach((route, index) => table.add(route.method.toUpperCase(), route.path, index));

/** What itty's Router matched: the route's index and its parameters, or undefined. */
function ittyMatch(method: string, pathname: string): { value: number; params: Record<string, string> } | undefined {
  for (const [routeMethod, pattern, handlers] of itty.routes) {
    const match = routeMethod === method ? pathname.match(pattern) : null;
    if (match) return { value: (handlers[0] as () => number)(), params: { ...match.groups } };
  }
  return undefined;
}

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "patch"];
/** Paths made of the table's own segments, ids, empty segments and odd characters, with and without trailing slashes. */
const segment = fc.oneof(
  fc.constantFrom(...new Set(routes.flatMap((route) => route.path.split("/").filter((part) => !part.startsWith("{"))))),
  fc.constantFrom("", crypto.randomUUID(), "count", "users", "a%2Fb", "x.y", "openapi.json", "ünï"),
);
const pathname = fc
  .tuple(fc.array(segment, { minLength: 0, maxLength: 6 }), fc.constantFrom("", "/", "//"))
  .map(([segments, tail]) => `/${segments.join("/")}${tail}`);

describe("the route table", () => {
  test.prop([fc.constantFrom(...METHODS), pathname], { numRuns: 2000 })("matches what itty's Router matched", (method, path) => {
    expect(table.match(method, path)).toEqual(ittyMatch(method, path));
  });

  it("matches every route of the table at its own path", () => {
    routes.forEach((route, index) => {
      const path = route.path.replace(/\{\w+\}/g, "id-1");
      expect(table.match(route.method.toUpperCase(), path)?.value, `${route.method} ${route.path}`).toBe(ittyMatch(route.method.toUpperCase(), path)?.value);
      expect(table.match(route.method.toUpperCase(), path)?.value).toBeLessThanOrEqual(index);
    });
  });

  test.prop([pathname], { numRuns: 500 })("allows, for a 405, the methods itty's Router had a route for", (path) => {
    const expected = [...new Set(itty.routes.filter(([, pattern]) => pattern.test(path)).map(([method]) => method))];
    expect(table.allowed(path)).toEqual(expected);
  });

  it("lets an earlier route win over a later one, fixed or not, as the table orders them", () => {
    const ordered = new RouteTable<string>();
    ordered.add("GET", "/a/b/{id}", "parameter first");
    ordered.add("GET", "/a/b/c", "fixed after");
    ordered.add("GET", "/x/{id}/y", "parameter in the second segment");
    expect(ordered.match("GET", "/a/b/c")).toEqual({ value: "parameter first", params: { id: "c" } });
    expect(ordered.match("GET", "/x/1/y/")).toEqual({ value: "parameter in the second segment", params: { id: "1" } });
  });
});
