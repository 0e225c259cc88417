// Sequence's own published OpenAPI document for API version 2024-07-30
// (SequenceHQ/openapi-schema), read from ../shared/vendor/ beside the
// repository, never copied into it. Seatkeeper's Sequence answers must
// validate against it too. Where it is absent the checks are skipped, saying so.
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { ErrorObject } from "ajv";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

/** ../shared/vendor/... relative to the repository root. */
export const SEQUENCE_DOCUMENT_PATH = resolve(import.meta.dirname, "../../../shared/vendor/sequence/2024-07-30.product.json");

/** Why the checks against Sequence's document cannot run here, or undefined when they can. */
export const sequenceDocumentMissing = existsSync(SEQUENCE_DOCUMENT_PATH)
  ? undefined
  : `${SEQUENCE_DOCUMENT_PATH} not found: the checks against Sequence's own OpenAPI document are skipped`;

type Json = Record<string, any>;

/**
 * Statuses Seatkeeper answers that Sequence's document does not list for
 * the operation, and why. Its error responses are all `{description}` with
 * no body schema, and it documents only 400, 401 and 500 for most
 * operations (403 on GET /customers, 404 on GET /customers/{id}/aliases and
 * two seat-metric operations). These are kept, and documented in
 * Seatkeeper's own /openapi.json, where every body is checked.
 */
export const BEYOND_SEQUENCE: Record<number, string> = {
  403: "a key without the permission: Sequence documents 403 only on GET /customers",
  404: "an unknown id in the path: Sequence documents 404 only on GET /customers/{id}/aliases and seat metrics",
  409: "a taken alias value or seat type, the last PRIMARY contact, a second parent or a cycle, superseding a seat event Seatkeeper recorded: Sequence documents no 409 here",
  413: "a body over 1 MiB",
  415: "a body that is not JSON",
  422: "an unknown customer named in a body (customerId, parentId, organization members), as the organization endpoints answer",
};

/** Seatkeeper's extensions: operations Sequence's document does not have. */
export const SEATKEEPER_ONLY = new Set([
  "GET /customer-organizations",
  "GET /customer-organizations/{id}",
  "DELETE /customer-organizations/{id}",
  "GET /customers/{id}/users",
  "POST /customers/{id}/users",
  "PUT /customers/{id}/users",
  "GET /events",
]);

const DOCUMENT_ID = "https://sequence.invalid/2024-07-30.json";

/** Checks answers against Sequence's document; records what it saw for the coverage check. */
export class SequenceDocument {
  readonly document: Json;
  /** `GET /customers 200` for every answer checked. */
  readonly exercised = new Set<string>();
  readonly #ajv: Ajv2020;

  constructor() {
    this.document = JSON.parse(readFileSync(SEQUENCE_DOCUMENT_PATH, "utf8")) as Json;
    // OpenAPI 3.0.3: `example` on every schema (strict off), `nullable` beside `type` (Ajv knows it), int32/int64 formats.
    this.#ajv = addFormats.default(new Ajv2020({ strict: false, allErrors: true }));
    this.#ajv.addSchema(this.document, DOCUMENT_ID);
  }

  /** Sequence's path for one of ours: its servers entry ends in /api, so its paths do not. */
  static pathOf(template: string): string {
    return template.replace(/^\/api/, "");
  }

  /**
   * The problems (empty when none) of one answer to `method template`
   * (Seatkeeper's path template): the operation and status must be
   * Sequence's or a recorded exception, and a documented body must match
   * its schema. Error statuses carry no schema there.
   */
  problems(method: string, template: string, status: number, body: unknown): string[] {
    const path = SequenceDocument.pathOf(template);
    const operation = `${method.toUpperCase()} ${path}`;
    const documented = this.document.paths[path]?.[method.toLowerCase()];
    if (!documented) return SEATKEEPER_ONLY.has(operation) ? [] : [`Sequence's document has no ${operation}`];
    this.exercised.add(`${operation} ${status}`);
    const response = documented.responses[String(status)];
    if (!response) return BEYOND_SEQUENCE[status] ? [] : [`Sequence's document lists no ${status} for ${operation}`];
    // Its error responses are `content: {}`: a status, no body to check.
    if (!response.content?.["application/json"]) return [];
    const pointer = ["paths", path, method.toLowerCase(), "responses", String(status), "content", "application/json", "schema"]
      .map((segment) => segment.replaceAll("~", "~0").replaceAll("/", "~1"))
      .join("/");
    return this.validate(`#/${pointer}`, body);
  }

  /** Problems of a value against a schema of the document, by JSON pointer (`#/components/schemas/Customer`). */
  validate(pointer: string, value: unknown): string[] {
    const check = this.#ajv.getSchema(`${DOCUMENT_ID}${pointer}`);
    if (!check) return [`Sequence's document has no schema at ${pointer}`];
    if (check(value)) return [];
    return (check.errors ?? []).map((error: ErrorObject) => `Sequence's schema: body${error.instancePath} ${error.message} (${JSON.stringify(error.params)})`);
  }

  /**
   * What the cases must have answered, for each of Sequence's operations
   * that Seatkeeper serves under `templates`: every documented status but
   * 500 (nothing provokes an internal error on purpose).
   */
  documentedStatuses(templates: { method: string; path: string }[]): string[] {
    return templates.flatMap(({ method, path }) => {
      const sequencePath = SequenceDocument.pathOf(path);
      const responses = this.document.paths[sequencePath]?.[method]?.responses ?? {};
      return Object.keys(responses)
        .filter((status) => status !== "500")
        .map((status) => `${method.toUpperCase()} ${sequencePath} ${status}`);
    });
  }

  /** The request example the document gives for an operation's body. */
  requestExample(method: string, path: string): unknown {
    const content = this.document.paths[path][method].requestBody.content["application/json"];
    return content.schema.example;
  }
}
