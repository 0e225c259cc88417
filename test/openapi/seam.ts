// Seam's own published OpenAPI document (npm @seamapi/types): Seatkeeper's
// Seam answers must validate against it too, where Seam publishes a schema.
import { openapi } from "@seamapi/types/connect";
import { Ajv, type ErrorObject } from "ajv";
import addFormats from "ajv-formats";

const SEAM_ID = "https://seam.invalid/openapi.json";
const seam = openapi as unknown as { paths: Record<string, Record<string, { responses?: Record<string, any> }>> };

let seamAjv: Ajv | undefined;

/**
 * Problems of one answer against Seam's published schema for the same
 * operation and status; none when Seam publishes no body for that status
 * (its error responses carry no schema).
 */
export function seamResponseErrors(method: string, path: string, status: number, body: unknown): string[] {
  const operation = seam.paths[path]?.[method.toLowerCase()];
  if (!operation) return [`Seam publishes no ${method} ${path}`];
  if (!operation.responses?.[status]?.content?.["application/json"]?.schema) return [];
  // Seam's document is OpenAPI 3.0: draft-07 schemas plus `nullable`, which Ajv understands.
  const ajv = (seamAjv ??= addFormats.default(new Ajv({ strict: false, allErrors: true })).addSchema(seam, SEAM_ID));
  const pointer = ["paths", path, method.toLowerCase(), "responses", String(status), "content", "application/json", "schema"]
    .map((segment) => segment.replaceAll("~", "~0").replaceAll("/", "~1"))
    .join("/");
  const validate = ajv.getSchema(`${SEAM_ID}#/${pointer}`)!;
  if (validate(body)) return [];
  return (validate.errors ?? []).map((error: ErrorObject) => `body${error.instancePath} ${error.message}`);
}
