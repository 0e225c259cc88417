// A contract suite: each case sends one real request to the served Worker and
// its answer must match the OpenAPI document (see contract.ts). Adding an
// endpoint = adding its cases to the surface's file in test/openapi/contract/.
import { beforeAll, describe, expect, inject, it } from "vitest";
import { createWorkspaceWithKey, type TestKey } from "../sdk/workspace";
import { ResponseContract } from "./contract";
import { SequenceDocument, sequenceDocumentMissing } from "./sequenceDocument";

/** A request as sent: the method is kept because a fetch Response does not record it. */
export interface Sent {
  method: string;
  response: Response;
}

export interface ContractCase {
  /** The status the case must get, e.g. 404. */
  status: number;
  /** What the case does, e.g. "GET /api/seat-metrics/{id} of an unknown id". */
  name: string;
  /** Sends the request; `key` is a fresh workspace's all-permission key. */
  send: (key: TestKey) => Promise<Sent>;
}

/** Sends one request to the served Worker; a non-string body is sent as JSON. */
export async function send(
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: unknown,
): Promise<Sent> {
  const json = body !== undefined && typeof body !== "string";
  const response = await fetch(`${inject("baseUrl")}${path}`, {
    method,
    headers: json ? { ...headers, "content-type": "application/json" } : headers,
    body: json ? JSON.stringify(body) : (body as string | undefined),
  });
  return { method, response };
}

/** Every credential form of a key, per surface, and the operator's. */
export const credentials = {
  sequence: (key: TestKey) => ({ authorization: `Basic ${btoa(`${key.keyId}:${key.secret}`)}` }),
  sendblue: (key: TestKey) => ({ "sb-api-key-id": key.keyId, "sb-api-secret-key": key.secret }),
  datadog: (key: TestKey) => ({ "dd-api-key": key.keyId, "dd-application-key": key.secret }),
  seam: (key: TestKey) => ({ authorization: `Bearer ${key.token}` }),
  admin: () => ({ authorization: `Bearer ${inject("adminToken")}` }),
};

/**
 * Documented statuses that no request can provoke on purpose, each with the
 * reason and where else its answer is checked. They must stay documented.
 */
export type Unprovoked = Record<number, string>;

if (sequenceDocumentMissing) console.warn(`SKIPPED: ${sequenceDocumentMissing}`);

/**
 * Every operation an API key signs documents 429 (its rate limit). This harness runs with the
 * deployed limit, which a contract case cannot reach without starving the others: the limits
 * project (test/limits/rateLimits.test.ts, 5 requests per 60 s) provokes it on every surface.
 */
export const RATE_LIMITED: Unprovoked = {
  429: "the API key's rate limit: test/limits/rateLimits.test.ts provokes it on every surface and checks its body and headers",
};

/**
 * Runs the cases of one tag (surface) of the document, then checks that they
 * answered every success status of each of the tag's operations, each
 * operation's own refusals (404, 409, 422), and every other error status the
 * tag documents, so each response schema met a real body. With `vendor`
 * (Sequence), each answer must also match the vendor's own document, and
 * the cases must answer every status it documents for each operation.
 */
export function describeContract(tag: string, cases: ContractCase[], unprovoked: Unprovoked = {}, vendor?: "sequence"): void {
  describe(`${tag} answers match /openapi.json`, () => {
    let contract: ResponseContract;
    const sequence = vendor === "sequence" && !sequenceDocumentMissing ? new SequenceDocument() : undefined;
    beforeAll(async () => {
      contract = await ResponseContract.load(inject("baseUrl"));
    });

    it.each(cases)("$status: $name", async ({ status, send }) => {
      const { method, response } = await send(await createWorkspaceWithKey());
      const problems = await contract.check(method, response, sequence && ((...answer) => sequence.problems(...answer)));
      expect({ status: response.status, problems }).toEqual({ status, problems: [] });
    });

    if (vendor) it.skipIf(sequenceDocumentMissing)(`covers every status Sequence's own document lists for each operation served`, () => {
      const served = Object.entries<Record<string, any>>(contract.document.paths).flatMap(([path, item]) =>
        Object.entries<Record<string, any>>(item)
          .filter(([, operation]) => operation.tags?.includes(tag))
          .map(([method]) => ({ method, path })),
      );
      const missing = sequence!.documentedStatuses(served).filter((wanted) => !sequence!.exercised.has(wanted));
      expect(missing).toEqual([]);
    });

    it(`covers every ${tag} operation's success and refusals, and every ${tag} error status`, () => {
      const documented = documentedStatuses(contract.document, tag);
      const missing = documented.filter(
        (wanted) => !isUnprovoked(wanted, unprovoked) && ![...contract.exercised].some((done) => answers(done, wanted)),
      );
      expect(missing).toEqual([]);
      const stale = Object.keys(unprovoked).filter((status) => !documented.some((wanted) => wanted.endsWith(` ${status}`)));
      expect(stale, "unprovoked statuses the document no longer lists").toEqual([]);
    });
  });
}

/** Refusals a handler decides per operation: each operation that documents one must be shown answering it. */
const PER_OPERATION = new Set(["404", "409", "422"]);

/**
 * `GET /path 200` per success status and per-operation refusal of each tagged
 * operation, and `* * 400` per other error status of the tag.
 */
function documentedStatuses(document: Record<string, any>, tag: string): string[] {
  const wanted = new Set<string>();
  for (const [path, item] of Object.entries<Record<string, any>>(document.paths)) {
    for (const [method, operation] of Object.entries<Record<string, any>>(item)) {
      if (!operation.tags?.includes(tag)) continue;
      for (const status of Object.keys(operation.responses)) {
        const perOperation = status.startsWith("2") || PER_OPERATION.has(status);
        wanted.add(perOperation ? `${method.toUpperCase()} ${path} ${status}` : `* * ${status}`);
      }
    }
  }
  return [...wanted];
}

function isUnprovoked(wanted: string, unprovoked: Unprovoked): boolean {
  return Object.keys(unprovoked).some((status) => wanted.endsWith(` ${status}`));
}

function answers(done: string, wanted: string): boolean {
  if (!wanted.startsWith("* * ")) return done === wanted;
  return done.endsWith(` ${wanted.slice(4)}`);
}
