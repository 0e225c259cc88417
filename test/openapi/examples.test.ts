// The request bodies /docs offers ("Try it" sends them as they are): the served Worker takes each
// one, and answers as the document says. Their ids are placeholders, so an answer may be 404 or
// 422; it must never be a refusal of the input (400, 413, 415) or a failure (5xx). Values a caller
// chooses (an alias, a seatType) match across examples: an example that names them runs after the
// examples that make them.
import { beforeAll, describe, expect, inject, it } from "vitest";
import { createWorkspaceWithKey, type TestKey } from "../sdk/workspace";
import { ResponseContract } from "./contract";
import { unknownId } from "./contract/fixtures";
import { credentials, send } from "./suite";

interface Example {
  method: string;
  path: string;
  operationId: string;
  tag: string;
  body: unknown;
}

const CREDENTIALS: Record<string, (key: TestKey) => Record<string, string>> = {
  Sequence: credentials.sequence,
  Sendblue: credentials.sendblue,
  Datadog: credentials.datadog,
  Seam: credentials.seam,
  Seatkeeper: credentials.admin,
};

const document = await (await fetch(`${inject("baseUrl")}/openapi.json`)).json();

const examples: Example[] = Object.entries<Record<string, any>>(document.paths).flatMap(([path, item]) =>
  Object.entries<Record<string, any>>(item)
    .filter(([, operation]) => operation.requestBody)
    .map(([method, operation]) => ({
      method: method.toUpperCase(),
      path,
      operationId: operation.operationId,
      tag: operation.tags[0],
      body: operation.requestBody.content["application/json"].example,
    })),
);

/** The examples whose records another example names, each run first in that one's workspace. */
const MADE_FIRST: Record<string, string[]> = { postSeatEvent: ["createSeatMetric", "createCustomer"] };

/** The path as a reader would fill it in: the admin API's workspace is the key's own, any other id is a placeholder. */
function concretePath(path: string, key: TestKey): string {
  return path.replace("/admin/workspaces/{id}", `/admin/workspaces/${key.workspaceId}`).replace(/\{\w+\}/g, unknownId);
}

describe("the request bodies /docs offers", () => {
  let contract: ResponseContract;
  beforeAll(async () => {
    contract = await ResponseContract.load(inject("baseUrl"));
  });

  it("are there for every operation that takes a body", () => {
    expect(examples.length).toBeGreaterThanOrEqual(26);
    expect(examples.filter((example) => example.body === undefined).map((example) => example.operationId)).toEqual([]);
  });

  const sendExample = async (key: TestKey, { method, path, tag, body }: Example) =>
    (await send(method, concretePath(path, key), CREDENTIALS[tag]!(key), body)).response;

  it.each(examples)("$method $path ($operationId): taken as sent, and answered as documented", async (example) => {
    const key = await createWorkspaceWithKey();
    for (const first of MADE_FIRST[example.operationId] ?? []) {
      expect((await sendExample(key, examples.find((made) => made.operationId === first)!)).status, first).toBe(201);
    }
    const response = await sendExample(key, example);
    const { method } = example;
    const problems = await contract.check(method, response);
    expect({ status: response.status, problems }).toEqual({ status: expect.any(Number), problems: [] });
    expect([400, 413, 415]).not.toContain(response.status);
    expect(response.status).toBeLessThan(500);
  });

  it("name each other's records where a caller chooses the value: the seat event's customer and seat type", async () => {
    const key = await createWorkspaceWithKey();
    for (const id of [...MADE_FIRST.postSeatEvent!, "postSeatEvent"]) {
      expect((await sendExample(key, examples.find((example) => example.operationId === id)!)).status, id).toBe(201);
    }
  });

  it("would tell a body the Worker refuses", async () => {
    const key = await createWorkspaceWithKey();
    const { response } = await send("POST", "/api/customers", credentials.sequence(key), { legalName: "Acme Ltd" });
    expect(response.status).toBe(400);
  });
});
