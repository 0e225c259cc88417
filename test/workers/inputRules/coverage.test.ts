// Every string a route reads (body, query, path) carries the text rule: a
// field added with a bare z.string() fails here, not in production.
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { loadRoute } from "../../../src/shared/route";
import { routes } from "../../../src/router";
import { TEXT_CHECKS } from "../../../src/shared/text";

const RULES = new Set<unknown>(Object.values(TEXT_CHECKS));
const WRAPPERS = new Set(["optional", "nullable", "default", "prefault", "nonoptional", "readonly", "catch"]);
const SAFE = new Set(["literal", "enum", "number", "int", "boolean", "transform"]);

/** The paths (`body.data.attributes.product_code`) of string schemas without the text rule, and of nodes it cannot read. */
function uncovered(schema: z.core.$ZodType, path: string): string[] {
  const def = schema._zod.def as unknown as Record<string, unknown> & { type: string; checks?: unknown[] };
  if (def.type === "string") return def.checks?.some((check) => RULES.has(check)) ? [] : [path];
  if (SAFE.has(def.type)) return [];
  if (WRAPPERS.has(def.type)) return uncovered(def.innerType as z.core.$ZodType, path);
  if (def.type === "array") return uncovered(def.element as z.core.$ZodType, `${path}[]`);
  if (def.type === "pipe") return [...uncovered(def.in as z.core.$ZodType, path), ...uncovered(def.out as z.core.$ZodType, path)];
  if (def.type === "record") {
    return [...uncovered(def.keyType as z.core.$ZodType, `${path}{key}`), ...uncovered(def.valueType as z.core.$ZodType, `${path}{}`)];
  }
  if (def.type === "union") return (def.options as z.core.$ZodType[]).flatMap((option) => uncovered(option, path));
  if (def.type === "object") {
    const shape = def.shape as Record<string, z.core.$ZodType>;
    return Object.entries(shape).flatMap(([name, field]) => uncovered(field, `${path}.${name}`));
  }
  return [`${path} (a ${def.type} schema this test cannot read)`];
}

const loaded = await Promise.all(routes.map(loadRoute));

describe("the text rule covers every string input", () => {
  it.each(loaded.map((route) => [`${route.method.toUpperCase()} ${route.path}`, route] as const))("%s", (_name, route) => {
    const { body, query, params } = route.request;
    const missing = [
      ...(body ? uncovered(body, "body") : []),
      ...(query ? uncovered(query, "query") : []),
      ...uncovered(params, "path"),
    ];
    expect(missing).toEqual([]);
  });
});
