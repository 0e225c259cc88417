// What the document tells a caller to send: a body that works for every operation that takes one
// (src/openapi/examples.ts) and the x-d1-bookmark header of D1's sessions (src/auth/session.ts).
import * as z from "zod";
import { describe, expect, it } from "vitest";
import { buildDocument } from "../../../src/openapi/document";
import { BODY_EXAMPLES } from "../../../src/openapi/examples";
import { routes } from "../../../src/router";
import { documentedRoutes, type DocumentedRoute } from "../../../src/shared/route";

const METHODS = ["get", "put", "post", "delete", "patch"];

const documentOfTable = async () => JSON.parse(JSON.stringify(buildDocument(await documentedRoutes(routes))));

type Operation = Record<string, any> & { method: string; path: string };

function operationsOf(document: Record<string, any>): Operation[] {
  return Object.entries<Record<string, any>>(document.paths).flatMap(([path, item]) =>
    METHODS.filter((method) => item[method]).map((method) => ({ ...item[method], method, path })),
  );
}

/** The routes with a request body, and what their example gives when the router's own body schema reads it. */
async function bodyRoutes(): Promise<{ route: DocumentedRoute; parsed: z.ZodSafeParseResult<unknown> }[]> {
  return (await documentedRoutes(routes))
    .filter((route) => route.request.body)
    .map((route) => ({ route, parsed: z.safeParse(route.request.body!, BODY_EXAMPLES[route.operationId]) }));
}

describe("request bodies in the document", () => {
  it("show an example for every operation that takes a body, and none for an operation without one", async () => {
    const document = await documentOfTable();
    const withBody = operationsOf(document).filter((operation) => operation.requestBody);
    expect(withBody.length).toBeGreaterThanOrEqual(26);
    for (const operation of withBody) {
      expect(operation.requestBody.content["application/json"].example, operation.operationId).toEqual(BODY_EXAMPLES[operation.operationId]);
    }
    const named = new Set(withBody.map((operation) => operation.operationId));
    expect(Object.keys(BODY_EXAMPLES).filter((id) => !named.has(id))).toEqual([]);
  });

  it("each pass the body schema the router validates that route's body with", async () => {
    const refused = (await bodyRoutes())
      .filter(({ parsed }) => !parsed.success)
      .map(({ route, parsed }) => `${route.operationId}: ${parsed.error?.message}`);
    expect(refused).toEqual([]);
  });

  it("would be caught if an example went stale", async () => {
    const { route } = (await bodyRoutes()).find(({ route }) => route.operationId === "createCustomer")!;
    const { contacts: _, ...withoutContacts } = BODY_EXAMPLES.createCustomer as Record<string, unknown>;
    expect(z.safeParse(route.request.body!, withoutContacts).success).toBe(false);
    expect(z.safeParse(route.request.body!, { ...withoutContacts, email: "old@acme.example" }).success).toBe(false);
  });
});

describe("x-d1-bookmark in the document", () => {
  const bookmarkParameter = (operation: Operation) =>
    operation.parameters?.find((parameter: any) => parameter.in === "header" && parameter.name === "x-d1-bookmark");

  it("is a request header of every operation an API key signs, and of no other (admin requests always read the primary)", async () => {
    const operations = operationsOf(await documentOfTable());
    for (const operation of operations) {
      const keyed = operation["x-permissions"] !== undefined;
      expect(bookmarkParameter(operation) !== undefined, `${operation.method} ${operation.path}`).toBe(keyed);
    }
    const create = bookmarkParameter(operations.find((operation) => operation.operationId === "createSeatMetric")!);
    expect(create).toMatchObject({ schema: { type: "string", pattern: expect.any(String) } });
    expect(create.required).not.toBe(true);
    expect(new RegExp(create.schema.pattern).test("00000085-0000024c-00004c6d-8e61a0ab7e8c1b3c2f1d5e6a7b8c9d0e")).toBe(true);
    expect(new RegExp(create.schema.pattern).test("latest")).toBe(false);
  });

  it("is a response header of every answer to a signed-in or admin request, errors included", async () => {
    const document = await documentOfTable();
    const signedIn = operationsOf(document).filter((operation) => operation.security.length > 0);
    expect(signedIn.length).toBeGreaterThan(50);
    for (const operation of signedIn) {
      for (const [status, response] of Object.entries<any>(operation.responses)) {
        const resolved = response.$ref ? document.components.responses[response.$ref.split("/").at(-1)] : response;
        expect(resolved.headers?.["x-d1-bookmark"], `${operation.operationId} ${status}`).toMatchObject({ schema: { type: "string" } });
        expect(resolved.headers["x-d1-bookmark"].required, `${operation.operationId} ${status}`).toBeUndefined();
      }
    }
    expect(document.paths["/health"].get.responses["200"].headers["x-d1-bookmark"]).toBeUndefined();
  });

  it("lists 400 on every operation an API key signs: a malformed bookmark is refused", async () => {
    const document = await documentOfTable();
    const keyed = operationsOf(document).filter((operation) => operation["x-permissions"] !== undefined);
    expect(keyed.filter((operation) => !operation.responses["400"]).map((operation) => operation.operationId)).toEqual([]);
    expect(document.components.responses.SeamBadRequest.description).toContain("invalid_bookmark");
  });
});
