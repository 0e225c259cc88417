import type * as z from "zod/mini";

/**
 * Turns the router's parsed query into the JSON the body would have carried,
 * following the Seam SDK's encoding: `_strict=true` on every query (ignored),
 * arrays as repeated keys, the empty array as `key=`, null as `key=`, and
 * integers as digits. Which fields are arrays or numbers is read off the
 * schema that validates the result.
 */
export function queryParams(query: Record<string, string | string[] | undefined>, schema: z.core.$ZodType | undefined): Record<string, unknown> {
  const kinds = fieldKinds(schema);
  const params: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(query)) {
    if (key === "_strict" || value === undefined) continue;
    if (kinds.get(key) === "array") params[key] = toArray(value);
    else if (value === "") params[key] = null;
    else if (kinds.get(key) === "number" && typeof value === "string" && /^-?\d+$/.test(value)) params[key] = Number(value);
    else params[key] = value;
  }
  return params;
}

function toArray(value: string | string[]): string[] {
  if (Array.isArray(value)) return value;
  return value === "" ? [] : [value];
}

type Kind = "array" | "number" | "other";

/** The kind of each field of an object schema, through optional, nullable, default and transform wrappers. */
function fieldKinds(schema: z.core.$ZodType | undefined): Map<string, Kind> {
  const shape = objectShape(schema);
  return new Map(Object.entries(shape).map(([key, field]) => [key, kindOf(field)]));
}

interface Def {
  type: string;
  innerType?: z.core.$ZodType;
  in?: z.core.$ZodType;
  shape?: Record<string, z.core.$ZodType>;
  left?: z.core.$ZodType;
}

const defOf = (schema: z.core.$ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

function unwrapped(schema: z.core.$ZodType): z.core.$ZodType {
  let current = schema;
  for (;;) {
    const def = defOf(current);
    const next = def.innerType ?? (def.type === "pipe" ? def.in : undefined);
    if (!next) return current;
    current = next;
  }
}

function objectShape(schema: z.core.$ZodType | undefined): Record<string, z.core.$ZodType> {
  if (!schema) return {};
  const def = defOf(unwrapped(schema));
  return def.shape ?? {};
}

function kindOf(field: z.core.$ZodType): Kind {
  const type = defOf(unwrapped(field)).type;
  return type === "array" || type === "number" ? type : "other";
}
