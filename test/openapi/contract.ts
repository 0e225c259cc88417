// Checks real responses against the served OpenAPI document: the schema it
// gives for (method, path, status), the documented response headers, and
// (for the Seam surface) Seam's own published schema too.
import type { ErrorObject } from "ajv";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { seamResponseErrors } from "./seam";

const DOCUMENT_ID = "https://seatkeeper.invalid/openapi.json";

type Json = Record<string, any>;

/** The problems a vendor's own document finds in one answer to `method template`. */
export type VendorCheck = (method: string, template: string, status: number, body: unknown) => string[];

/** One operation answered: `GET /api/seat-metrics/{id} 404`. */
export type Exercised = `${string} ${string} ${number}`;

export class ResponseContract {
  readonly exercised = new Set<Exercised>();
  readonly #ajv = addFormats.default(new Ajv2020({ strict: false, allErrors: true }));

  constructor(readonly document: Json) {
    // Added whole, so `#/components/schemas/...` references resolve inside it.
    this.#ajv.addSchema(document, DOCUMENT_ID);
  }

  /** Loads the document a running Seatkeeper serves. */
  static async load(baseUrl: string): Promise<ResponseContract> {
    const response = await fetch(`${baseUrl}/openapi.json`);
    if (!response.ok) throw new Error(`GET /openapi.json answered ${response.status}`);
    return new ResponseContract((await response.json()) as Json);
  }

  /** The document's path template for a concrete path: `/api/seat-metrics/0193...` -> `/api/seat-metrics/{id}`. */
  template(path: string): string {
    const pathname = path.split("?")[0]!;
    const matches = Object.keys(this.document.paths).filter((template) => templateRegExp(template).test(pathname));
    // A literal segment beats a parameter at the first place they differ (Sendblue's /seats/count before
    // /seats/{seat_id}; /customers/by-alias/{alias} before /customers/{id}/aliases), as the router's table order has it.
    const shape = (template: string) => template.split("/").map((segment) => (segment.startsWith("{") ? "1" : "0")).join("");
    const best = matches.sort((a, b) => shape(a).localeCompare(shape(b)))[0];
    if (!best) throw new Error(`no path of the document matches ${pathname}`);
    return best;
  }

  /**
   * The problems (empty when none) of one answer: the status must be documented
   * for the operation, the body must match its schema, documented required
   * headers must be present and valid. `path` is concrete or a template.
   */
  problems(method: string, path: string, status: number, body: unknown, headers: Headers = new Headers()): string[] {
    const template = this.template(path);
    const operation = this.document.paths[template]?.[method.toLowerCase()];
    if (!operation) return [`${method} ${template} is not in the document`];
    this.exercised.add(`${method.toUpperCase()} ${template} ${status}`);
    const documented = operation.responses[String(status)];
    if (!documented) return [`${method} ${template} does not document status ${status}`];
    // Where the response object lives: inline in the operation, or a component it refers to.
    const pointer: string = documented.$ref ?? `#/${["paths", template, method.toLowerCase(), "responses", String(status)].map(escapePointer).join("/")}`;
    const response = documented.$ref ? this.document.components.responses[documented.$ref.split("/").at(-1)] : documented;
    return [...this.#bodyProblems(response, pointer, body), ...this.#headerProblems(response, pointer, headers)];
  }

  /**
   * Reads a fetch Response and returns its problems, Seam's published schema
   * included for Seam paths, and those `vendor` finds (another vendor's own
   * document, given the path's template here).
   */
  async check(method: string, response: Response, vendor?: VendorCheck): Promise<string[]> {
    const { pathname } = new URL(response.url);
    const text = await response.text();
    const body = text.length > 0 && /json/.test(response.headers.get("content-type") ?? "") ? JSON.parse(text) : text;
    const problems = this.problems(method, pathname, response.status, body, response.headers);
    if (vendor) problems.push(...vendor(method, this.template(pathname), response.status, body));
    if (this.document.paths[this.template(pathname)]?.[method.toLowerCase()]?.tags?.includes("Seam")) {
      problems.push(...seamResponseErrors(method, pathname, response.status, body).map((problem) => `Seam's schema: ${problem}`));
    }
    return problems;
  }

  #bodyProblems(response: Json, pointer: string, body: unknown): string[] {
    const content = response.content as Json | undefined;
    if (!content) return body === "" ? [] : [`documents no body, got ${JSON.stringify(body)}`];
    if (!content["application/json"]) return typeof body === "string" ? [] : ["documents a non-JSON body, got JSON"];
    return this.#validate(`${pointer}/content/application~1json/schema`, body, "body");
  }

  #headerProblems(response: Json, pointer: string, headers: Headers): string[] {
    return Object.entries((response.headers ?? {}) as Json).flatMap(([name, header]) => {
      const value = headers.get(name);
      if (value === null) return header.required ? [`missing header ${name}`] : [];
      return this.#validate(`${pointer}/headers/${escapePointer(name)}/schema`, value, `header ${name}`);
    });
  }

  #validate(pointer: string, value: unknown, what: string): string[] {
    const validate = this.#ajv.getSchema(`${DOCUMENT_ID}${pointer}`);
    if (!validate) return [`no schema at ${pointer}`];
    if (validate(value)) return [];
    return (validate.errors ?? []).map((error: ErrorObject) => `${what}${error.instancePath} ${error.message} (${JSON.stringify(error.params)})`);
  }
}

function templateRegExp(template: string): RegExp {
  const pattern = template.split(/\{\w+\}/).map(escapeRegExp).join("[^/]+");
  return new RegExp(`^${pattern}$`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function escapePointer(segment: string): string {
  return segment.replaceAll("~", "~0").replaceAll("/", "~1");
}
