import { createExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { fc, test } from "@fast-check/vitest";
import { Router } from "itty-router/Router";
import { describe, expect, it } from "vitest";
import { buildRouter } from "../../src/http/routing";
import { routes } from "../../src/router";
import type { RouteSpec } from "../../src/shared/route";

// The router splits the table into one itty router per group of paths (their
// first two segments) so that a request is matched against its own group's
// routes only. It must answer exactly what one itty router over the whole
// table answers, for any method and path: the first matching route in table
// order, else 405 with the methods of the routes that match the path, else 404.

/** The real table, every route public and answering its own index. */
const probes: RouteSpec[] = routes.map((route, index) => ({
  ...route,
  auth: "public",
  request: undefined,
  handler: () => new Response(String(index)),
}));
const grouped = buildRouter(probes);

const flat = Router();
routes.forEach((route, index) => flat[route.method](route.path.replace(/\{(\w+)\}/g, ":$1"), () => index));

type Answer = { index: number } | { status: number; allow?: string | null };

/** What one itty router over the whole table answers: a route's index, or 405 with Allow, or 404. */
function flatAnswer(method: string, pathname: string): Answer {
  for (const [routeMethod, pattern, handlers] of flat.routes) {
    if (routeMethod === method && pattern.test(pathname)) return { index: (handlers[0] as () => number)() };
  }
  // A GET route answers HEAD too.
  const allowed = [...new Set(flat.routes.filter(([, pattern]) => pattern.test(pathname)).flatMap(([m]) => (m === "GET" ? ["GET", "HEAD"] : [m])))];
  return allowed.length > 0 ? { status: 405, allow: allowed.join(", ") } : { status: 404 };
}

async function groupedAnswer(method: string, pathname: string): Promise<Answer> {
  const response = await grouped.fetch(new Request(`https://seatkeeper.test${pathname}`, { method }), env, createExecutionContext());
  if (response.status === 200) return { index: Number(await response.text()) };
  if (response.status === 405) return { status: 405, allow: response.headers.get("allow") };
  return { status: response.status };
}

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];
/** Paths made of the table's own segments, ids and odd characters, with and without trailing slashes. */
const segment = fc.oneof(
  fc.constantFrom(...new Set(routes.flatMap((route) => route.path.split("/").filter((part) => part && !part.startsWith("{"))))),
  fc.constantFrom(crypto.randomUUID(), "count", "users", "a%2Fb", "x.y", "openapi.json"),
);
const pathname = fc
  .tuple(fc.array(segment, { minLength: 1, maxLength: 6 }), fc.constantFrom("", "/"))
  .map(([segments, tail]) => `/${segments.join("/")}${tail}`);

describe("the grouped router", () => {
  test.prop([fc.constantFrom(...METHODS), pathname], { numRuns: 300 })("answers what one itty router over the table answers", async (method, path) => {
    expect(await groupedAnswer(method, path)).toEqual(flatAnswer(method, path));
  });

  it("serves every route of the table at its own path, the first in table order", async () => {
    for (const [index, route] of routes.entries()) {
      const method = route.method.toUpperCase();
      const path = route.path.replace(/\{\w+\}/g, "id-1");
      const answer = await groupedAnswer(method, path);
      expect(answer, `${method} ${route.path}`).toEqual(flatAnswer(method, path));
      expect((answer as { index: number }).index).toBeLessThanOrEqual(index);
    }
  });

  it("refuses a table whose path has a parameter among its first two segments", () => {
    expect(() => buildRouter([{ ...probes[0]!, path: "/{tenant}/x" }])).toThrow(/first two segments/);
  });
});
