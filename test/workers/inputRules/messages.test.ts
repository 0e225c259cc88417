// The Worker words validation failures with src/shared/zodMessages.ts, a smaller stand-in for zod's
// English locale: for arbitrary input to every route's schemas, its messages are the locale's.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { safeParse, type core } from "zod/mini";
import en from "zod/v4/locales/en.js";
import { routes } from "../../../src/router";
import { loadRoute } from "../../../src/shared/route";
import { englishMessage } from "../../../src/shared/zodMessages";

const locale = en().localeError;

/** The fields an object schema names, through the wrappers the route schemas use. */
function fieldsOf(schema: core.$ZodType): string[] {
  const def = schema._zod.def as { type: string; shape?: object; in?: core.$ZodType; innerType?: core.$ZodType };
  if (def.shape) return Object.keys(def.shape);
  const inner = def.in ?? def.innerType;
  return inner ? fieldsOf(inner) : [];
}

const text = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.string({ minLength: 190, maxLength: 1100 }),
  fc.constantFrom("", "a@b.c", "not an email", "https://example.com", "ftp://x", "2026-12-02T04:27:10Z", "2026-13-40",
    "0190f2a4-5b6c-7d8e-9f00-112233445566", "-1", "0", "1", "101", "1e3", "NaN", "Infinity", "true", "[\"x\"]", "eyJ4Ijp9"),
);
const value = fc.oneof(
  text,
  fc.integer({ min: -5, max: 2_000 }),
  // NaN and Infinity too: JSON.parse reads 1e400 as Infinity, and the Seam query's numbers go through Number().
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(text, { maxLength: 3 }),
  fc.array(fc.constant("x"), { minLength: 99, maxLength: 1_100 }),
  fc.dictionary(fc.string({ maxLength: 4 }), text, { maxKeys: 3 }),
);
/** Input for a schema: any JSON, or an object of its own fields (and sometimes one more) with arbitrary values. */
const inputFor = (fields: string[]) =>
  fc.oneof(
    fc.jsonValue({ maxDepth: 2 }),
    fields.length === 0 ? fc.constant({}) : fc.dictionary(fc.constantFrom(...fields, "unexpected"), value, { maxKeys: fields.length + 1 }),
  );

describe("the Worker's validation messages", () => {
  it("are zod's English locale's for every route's body, query and path schemas", async () => {
    const codes = new Set<string>();
    for (const spec of routes) {
      const { request } = await loadRoute(spec);
      for (const schema of [request.body, request.query, request.params]) {
        if (!schema) continue;
        fc.assert(
          fc.property(inputFor(fieldsOf(schema)), (input) => {
            const ours = safeParse(schema, input, { error: englishMessage });
            const zods = safeParse(schema, input, { error: locale });
            for (const issue of ours.error?.issues ?? []) codes.add(issue.code);
            expect(ours.error?.issues.map((issue) => issue.message), `${spec.method} ${spec.path}`).toEqual(zods.error?.issues.map((issue) => issue.message));
          }),
          { numRuns: 60 },
        );
      }
    }
    // The inputs reached every kind of issue the locale words differently.
    expect([...codes].sort()).toEqual(expect.arrayContaining(
      ["invalid_format", "invalid_type", "invalid_value", "too_big", "too_small", "unrecognized_keys"]));
  });
});
