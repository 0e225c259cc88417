// Seam's own published OpenAPI document (npm @seamapi/types): Seatkeeper's
// Seam answers must validate against it too, where Seam publishes a schema.
import { openapi } from "@seamapi/types/connect";
import { Ajv, type ErrorObject } from "ajv";
import addFormats from "ajv-formats";

const SEAM_ID = "https://seam.invalid/openapi.json";

type Json = Record<string, any>;

let seamAjv: Ajv | undefined;

/**
 * Ajv holding Seam's document, made strict: an object schema that names its
 * properties allows no others, so an answer cannot carry a field Seam does not
 * document (Seam leaves additionalProperties open; we must not invent fields).
 * Seam's document is OpenAPI 3.0: draft-07 schemas plus `nullable`, which Ajv understands.
 */
function ajv(): Ajv {
  return (seamAjv ??= addFormats.default(new Ajv({ strict: false, allErrors: true })).addSchema(closed(openapi) as Json, SEAM_ID));
}

/** A deep copy of a JSON schema document with additionalProperties: false on every closed-able object schema. */
function closed(node: unknown, inAllOf = false): unknown {
  if (Array.isArray(node)) return node.map((item) => closed(item, inAllOf));
  if (typeof node !== "object" || node === null) return node;
  const copy: Json = {};
  for (const [key, value] of Object.entries(node)) copy[key] = closed(value, key === "allOf");
  // allOf parts (and their parent) each see only some of the properties: they must stay open.
  if (copy.properties && copy.additionalProperties === undefined && !copy.allOf && !inAllOf) copy.additionalProperties = false;
  return copy;
}

/**
 * Problems of one answer against Seam's published schema for the same
 * operation and status; none when Seam publishes no body for that status
 * (its error responses carry no schema).
 */
export function seamResponseErrors(method: string, path: string, status: number, body: unknown): string[] {
  const operation = (openapi as Json).paths[path]?.[method.toLowerCase()];
  if (!operation) return [`Seam publishes no ${method} ${path}`];
  if (!operation.responses?.[status]?.content?.["application/json"]?.schema) return [];
  const pointer = ["paths", path, method.toLowerCase(), "responses", String(status), "content", "application/json", "schema"]
    .map((segment) => segment.replaceAll("~", "~0").replaceAll("/", "~1"))
    .join("/");
  return validate(pointer, body);
}

/** Problems of a value against one of Seam's component schemas, e.g. what the Seam SDK returns for "user_identity". */
export function seamSchemaErrors(component: string, value: unknown): string[] {
  if (!(openapi as Json).components.schemas[component]) return [`Seam publishes no schema ${component}`];
  return validate(`components/schemas/${component}`, value);
}

function validate(pointer: string, value: unknown): string[] {
  const check = ajv().getSchema(`${SEAM_ID}#/${pointer}`)!;
  if (check(value)) return [];
  return (check.errors ?? []).map((error: ErrorObject) => `body${error.instancePath} ${error.message}`);
}
