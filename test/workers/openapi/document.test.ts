// The route table's OpenAPI document, as scripts/build-openapi.mjs builds it at build time. The
// assets layer serves it as /openapi.json, which this pool cannot reach: test/openapi/document.test.ts
// checks that the served file is this document.
import { describe, expect, it } from "vitest";
import type { AppRouter } from "../../../src/http/routing";
import { buildRouter } from "../../../src/http/routing";
import { buildDocument } from "../../../src/openapi/document";
import { router, routes } from "../../../src/router";
import { documentedRoutes } from "../../../src/shared/route";

const METHODS = ["get", "put", "post", "delete", "patch", "options", "head", "trace"];

/** `GET /api/seat-metrics/{id}` for every route the router matches. */
function servedOperations(served: AppRouter): string[] {
  return [...served.operations];
}

/** `GET /api/seat-metrics/{id}` for every operation of an OpenAPI document. */
function documentedOperations(document: { paths: Record<string, object> }): string[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.keys(item)
      .filter((key) => METHODS.includes(key))
      .map((method) => `${method.toUpperCase()} ${path}`),
  );
}

const documentOfTable = async () => JSON.parse(JSON.stringify(buildDocument(await documentedRoutes(routes))));

describe("the OpenAPI document of the route table", () => {
  it("is OpenAPI 3.1 and lists itself as GET /openapi.json, without credentials", async () => {
    const document = await documentOfTable();
    expect(document.openapi).toBe("3.1.0");
    expect(document.info.title).toBe("Seatkeeper");
    expect(document.paths["/openapi.json"].get).toMatchObject({ operationId: "getOpenApiDocument", security: [] });
  });

  it("has exactly the operations the router serves", async () => {
    const served = servedOperations(router);
    expect(new Set(served).size).toBe(served.length);
    expect(new Set(documentedOperations(await documentOfTable()))).toEqual(new Set(served));
  });

  it("would notice a route added to the router outside the table", async () => {
    const extended = buildRouter([...routes, { ...routes[0]!, path: "/extra" }]);
    expect(new Set(documentedOperations(await documentOfTable()))).not.toEqual(new Set(servedOperations(extended)));
  });

  it("has no route shadowed by an earlier one (table order is match order)", () => {
    const pattern = (path: string) => new RegExp(`^${path.replace(/\{\w+\}/g, "[^/]+")}$`);
    const shadowed = routes.flatMap((route, index) =>
      routes
        .slice(0, index)
        .filter((earlier) => earlier.method === route.method && pattern(earlier.path).test(route.path))
        .map((earlier) => `${route.method} ${route.path} behind ${earlier.path}`),
    );
    expect(shadowed).toEqual([]);
    // The check itself: Sendblue's /{seat_id} first would hide Datadog's list and /count.
    const seatRoute = routes.findIndex((route) => route.path === "/api/v2/seats/{seat_id}");
    expect(routes.findIndex((route) => route.method === "get" && route.path === "/api/v2/seats/users")).toBeLessThan(seatRoute);
    expect(routes.findIndex((route) => route.path === "/api/v2/seats/count")).toBeLessThan(seatRoute);
  });

  it("documents each method of a Seam action as its own operation, and Datadog's 429 with Retry-After", async () => {
    const document = await documentOfTable();
    const get = document.paths["/user_identities/get"];
    expect([get.get.operationId, get.post.operationId]).toEqual(["getUserIdentity", "getUserIdentityPost"]);
    expect(get.get.parameters).toContainEqual(expect.objectContaining({ in: "query", name: "user_identity_key" }));
    expect(get.post.requestBody.content["application/json"].schema.properties).toHaveProperty("user_identity_key");
    expect(document.paths["/api/v2/seats/users"].post.responses["429"]).toEqual({ $ref: "#/components/responses/DatadogTooManyRequests" });
    expect(document.components.responses.DatadogTooManyRequests.headers["Retry-After"]).toMatchObject({ required: true });
  });

  it("lists 429 with Retry-After on every operation an API key signs (its rate limit), and on no other", async () => {
    const document = await documentOfTable();
    const operations = Object.values(document.paths).flatMap((item: any) => METHODS.filter((method) => item[method]).map((method) => item[method]));
    for (const operation of operations) {
      const keyed = operation["x-permissions"] !== undefined;
      const tooMany = operation.responses["429"]?.$ref?.replace("#/components/responses/", "");
      expect(tooMany !== undefined, operation.operationId).toBe(keyed);
      if (keyed) expect(document.components.responses[tooMany].headers["Retry-After"], operation.operationId).toMatchObject({ required: true });
    }
    expect(operations.filter((operation) => operation["x-permissions"]).length).toBeGreaterThan(50);
  });

  it("says on every operation that takes an Idempotency-Key how a reused or busy key is refused (409, 422)", async () => {
    const document = await documentOfTable();
    const operations = Object.values(document.paths).flatMap((item: any) => METHODS.filter((method) => item[method]).map((method) => item[method]));
    const keyed = operations.flatMap((operation) => operation.parameters?.filter((parameter: any) => parameter.name === "Idempotency-Key") ?? []);
    expect(keyed.length).toBeGreaterThan(30);
    // Seam's reads are POSTs that ignore the header.
    for (const read of ["/user_identities/get", "/user_identities/list"]) {
      expect(document.paths[read].post.parameters?.map((parameter: any) => parameter.name) ?? []).not.toContain("Idempotency-Key");
    }
    expect(document.paths["/user_identities/create"].post.parameters.map((parameter: any) => parameter.name)).toContain("Idempotency-Key");
    for (const header of keyed) expect(header.description).toMatch(/422 \(`idempotency_key_reused`\).*409 \(`idempotency_key_in_progress`/s);
    expect(document.components.responses.SequenceUnprocessableEntity.description).toContain("idempotency_key_reused");
    expect(document.components.responses.SequenceConflict.description).toContain("idempotency_key_in_progress");
  });

  it("lists each route's permissions, credentials and auth failures", async () => {
    const document = await documentOfTable();
    const create = document.paths["/api/seat-metrics"].post;
    expect(create["x-permissions"]).toEqual({ anyOf: ["seat_metrics_write"] });
    expect(create.security).toEqual([{ SequenceBasic: [] }]);
    expect(create.description).toContain("any one of `seat_metrics_write`");
    expect(Object.keys(create.responses)).toEqual(["201", "400", "401", "403", "409", "413", "415", "429"]);
    expect(create.responses["409"]).toEqual({ $ref: "#/components/responses/SequenceConflict" });
    expect(document.paths["/health"].get.security).toEqual([]);
    expect(document.paths["/admin/workspaces"].post.security).toEqual([{ AdminToken: [] }]);
    expect(document.components.securitySchemes.SequenceBasic).toMatchObject({ type: "http", scheme: "basic" });
  });

  it("describes Sequence's version header on requests and responses", async () => {
    const document = await documentOfTable();
    const list = document.paths["/api/seat-metrics"].get;
    expect(list.parameters).toContainEqual(expect.objectContaining({ in: "header", name: "Sequence-Version" }));
    expect(list.responses["200"].headers["Sequence-Version"]).toBeDefined();
    expect(document.components.responses.SequenceNotFound.headers["Sequence-Version"]).toBeDefined();
  });
});
