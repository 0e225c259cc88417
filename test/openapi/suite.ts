// A contract suite: each case sends one real request to the served Worker and
// its answer must match the OpenAPI document (see contract.ts). Adding an
// endpoint = adding its cases to the surface's file in test/openapi/contract/.
import { beforeAll, describe, expect, inject, it } from "vitest";
import { createWorkspaceWithKey, type TestKey } from "../sdk/workspace";
import { ResponseContract } from "./contract";

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
 * Runs the cases of one tag (surface) of the document, then checks that they
 * answered every success status of the tag's operations and every error
 * status the tag documents, so each response schema met a real body.
 */
export function describeContract(tag: string, cases: ContractCase[]): void {
  describe(`${tag} answers match /openapi.json`, () => {
    let contract: ResponseContract;
    beforeAll(async () => {
      contract = await ResponseContract.load(inject("baseUrl"));
    });

    it.each(cases)("$status: $name", async ({ status, send }) => {
      const { method, response } = await send(await createWorkspaceWithKey());
      const problems = await contract.check(method, response);
      expect({ status: response.status, problems }).toEqual({ status, problems: [] });
    });

    it(`covers every ${tag} operation's success and every ${tag} error status`, () => {
      const missing = documentedStatuses(contract.document, tag).filter(
        (wanted) => ![...contract.exercised].some((done) => answers(done, wanted)),
      );
      expect(missing).toEqual([]);
    });
  });
}

/** `GET /path 200` per success status of each tagged operation, and `* * 404` per error status of the tag. */
function documentedStatuses(document: Record<string, any>, tag: string): string[] {
  const wanted = new Set<string>();
  for (const [path, item] of Object.entries<Record<string, any>>(document.paths)) {
    for (const [method, operation] of Object.entries<Record<string, any>>(item)) {
      if (!operation.tags?.includes(tag)) continue;
      for (const status of Object.keys(operation.responses)) {
        wanted.add(status.startsWith("2") ? `${method.toUpperCase()} ${path} ${status}` : `* * ${status}`);
      }
    }
  }
  return [...wanted];
}

function answers(done: string, wanted: string): boolean {
  if (!wanted.startsWith("* * ")) return done === wanted;
  return done.endsWith(` ${wanted.slice(4)}`);
}
