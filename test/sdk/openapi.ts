// Checks JSON values against schemas of Seam's OpenAPI 3.0 document (from
// @seamapi/types). A small checker for the keywords that document uses on
// user identities, because no JSON Schema validator is a declared dependency.
// Any keyword it does not know fails the check, so a new constraint in a
// future @seamapi/types is noticed rather than silently skipped.
import { openapi } from "@seamapi/types/connect";

type Schema = Record<string, unknown>;

// @seamapi/types types the document only as Record<string, unknown>.
const document = openapi as {
  paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, { schema?: Schema }> }> }>>;
  components: { schemas: Record<string, Schema> };
};

const ANNOTATIONS = new Set(["description", "discriminator", "default", "deprecated", "example", "title"]);
const FORMATS: Record<string, (value: string) => boolean> = {
  uuid: (value) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value),
  "date-time": (value) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(value) && !Number.isNaN(Date.parse(value)),
  email: (value) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value),
  uri: (value) => URL.canParse(value),
};

/** The schema of the JSON answer of a Seam action, e.g. ("/user_identities/list", "get"). */
export function responseSchema(path: string, method: string): Schema {
  const schema = document.paths[path]?.[method]?.responses?.["200"]?.content?.["application/json"]?.schema;
  if (!schema) throw new Error(`Seam's OpenAPI document has no 200 JSON response for ${method.toUpperCase()} ${path}`);
  return schema;
}

/** A named component schema, e.g. "user_identity". */
export function componentSchema(name: string): Schema {
  const schema = document.components.schemas[name];
  if (!schema) throw new Error(`Seam's OpenAPI document has no schema ${name}`);
  return schema;
}

/**
 * Every way `value` departs from `schema`, as "path: problem" lines; empty
 * when it conforms. Objects may not carry properties the schema does not
 * name (stricter than OpenAPI's default, on purpose: we must not invent fields).
 */
export function violations(schema: Schema, value: unknown, path = "$"): string[] {
  if (typeof schema.$ref === "string") return violations(resolve(schema.$ref), value, path);
  const unknown = Object.keys(schema).filter((key) => !KEYWORDS.has(key) && !ANNOTATIONS.has(key) && !key.startsWith("x-"));
  if (unknown.length > 0) return [`${path}: schema uses keywords this checker does not know: ${unknown.join(", ")}`];
  if (value === null) return schema.nullable === true ? [] : [`${path}: null but not nullable`];
  if (Array.isArray(schema.oneOf)) {
    const matching = (schema.oneOf as Schema[]).filter((option) => violations(option, value, path).length === 0);
    if (matching.length !== 1) return [`${path}: matches ${matching.length} of the oneOf alternatives, not exactly 1`];
  }
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) return [`${path}: ${JSON.stringify(value)} not in enum`];
  return checkType(schema, value, path);
}

const KEYWORDS = new Set(["$ref", "type", "nullable", "format", "minLength", "minimum", "exclusiveMinimum", "properties", "required", "items", "oneOf", "enum"]);

function checkType(schema: Schema, value: unknown, path: string): string[] {
  switch (schema.type) {
    case undefined:
      return [];
    case "string":
      return checkString(schema, value, path);
    case "boolean":
      return typeof value === "boolean" ? [] : [`${path}: not a boolean`];
    case "integer":
    case "number":
      return checkNumber(schema, value, path);
    case "array":
      if (!Array.isArray(value)) return [`${path}: not an array`];
      return value.flatMap((item, index) => violations(schema.items as Schema, item, `${path}[${index}]`));
    case "object":
      return checkObject(schema, value, path);
    default:
      return [`${path}: schema type ${String(schema.type)} is not supported by this checker`];
  }
}

function checkString(schema: Schema, value: unknown, path: string): string[] {
  if (typeof value !== "string") return [`${path}: not a string`];
  if (typeof schema.minLength === "number" && value.length < schema.minLength) return [`${path}: shorter than ${schema.minLength}`];
  const format = schema.format as string | undefined;
  if (format === undefined) return [];
  const valid = FORMATS[format];
  if (!valid) return [`${path}: format ${format} is not supported by this checker`];
  return valid(value) ? [] : [`${path}: ${JSON.stringify(value)} is not a valid ${format}`];
}

function checkNumber(schema: Schema, value: unknown, path: string): string[] {
  if (typeof value !== "number" || (schema.type === "integer" && !Number.isInteger(value))) return [`${path}: not an ${schema.type}`];
  if (typeof schema.minimum === "number") {
    const tooSmall = schema.exclusiveMinimum === true ? value <= schema.minimum : value < schema.minimum;
    if (tooSmall) return [`${path}: below the minimum ${schema.minimum}`];
  }
  return [];
}

function checkObject(schema: Schema, value: unknown, path: string): string[] {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return [`${path}: not an object`];
  const record = value as Record<string, unknown>;
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  const required = (schema.required ?? []) as string[];
  return [
    ...required.filter((key) => !(key in record)).map((key) => `${path}.${key}: required but missing`),
    ...Object.keys(record)
      .filter((key) => !(key in properties))
      .map((key) => `${path}.${key}: not a property of the schema`),
    ...Object.entries(properties)
      .filter(([key]) => key in record)
      .flatMap(([key, property]) => violations(property, record[key], `${path}.${key}`)),
  ];
}

function resolve(ref: string): Schema {
  const prefix = "#/components/schemas/";
  if (!ref.startsWith(prefix)) throw new Error(`Unsupported $ref ${ref}`);
  return componentSchema(ref.slice(prefix.length));
}
