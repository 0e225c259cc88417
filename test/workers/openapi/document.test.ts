import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { AppRouter } from "../../../src/http/routing";
import { buildRouter } from "../../../src/http/routing";
import { router, routes } from "../../../src/router";
import { BASE, expectJson } from "../helpers";

const METHODS = ["get", "put", "post", "delete", "patch", "options", "head", "trace"];

/** `GET /api/seat-metrics/{id}` for every route the router matches (the catch-all aside). */
function servedOperations(served: AppRouter): string[] {
  return served.routes
    .filter(([method]) => method !== "ALL")
    .map(([method, , , path = ""]) => `${method} ${path.replace(/:(\w+)/g, "{$1}")}`);
}

/** `GET /api/seat-metrics/{id}` for every operation of an OpenAPI document. */
function documentedOperations(document: { paths: Record<string, object> }): string[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.keys(item)
      .filter((key) => METHODS.includes(key))
      .map((method) => `${method.toUpperCase()} ${path}`),
  );
}

const fetchDocument = async () => expectJson(await SELF.fetch(`${BASE}/openapi.json`), 200);

describe("GET /openapi.json", () => {
  it("answers an OpenAPI 3.1 document without credentials", async () => {
    const response = await SELF.fetch(`${BASE}/openapi.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    const document = (await response.json()) as { openapi: string; info: { title: string } };
    expect(document.openapi).toBe("3.1.0");
    expect(document.info.title).toBe("Seatkeeper");
  });

  it("answers the same document every time (generated once per isolate)", async () => {
    const first = await (await SELF.fetch(`${BASE}/openapi.json`)).text();
    const second = await (await SELF.fetch(`${BASE}/openapi.json`)).text();
    expect(second).toBe(first);
  });

  it("has exactly the operations the router serves", async () => {
    const served = servedOperations(router);
    expect(new Set(served).size).toBe(served.length);
    expect(new Set(documentedOperations(await fetchDocument()))).toEqual(new Set(served));
  });

  it("would notice a route added to the router outside the table", async () => {
    const extended = buildRouter(routes);
    extended.get("/extra", () => new Response("hi"));
    expect(new Set(documentedOperations(await fetchDocument()))).not.toEqual(new Set(servedOperations(extended)));
  });

  it("lists each route's permissions, credentials and auth failures", async () => {
    const document = await fetchDocument();
    const create = document.paths["/api/seat-metrics"].post;
    expect(create["x-permissions"]).toEqual({ anyOf: ["seat_metrics_write"] });
    expect(create.security).toEqual([{ SequenceBasic: [] }]);
    expect(create.description).toContain("any one of `seat_metrics_write`");
    expect(Object.keys(create.responses)).toEqual(["201", "400", "401", "403", "409", "413", "415"]);
    expect(create.responses["409"]).toEqual({ $ref: "#/components/responses/SequenceConflict" });
    expect(document.paths["/health"].get.security).toEqual([]);
    expect(document.paths["/admin/workspaces"].post.security).toEqual([{ AdminToken: [] }]);
    expect(document.components.securitySchemes.SequenceBasic).toMatchObject({ type: "http", scheme: "basic" });
  });

  it("describes Sequence's version header on requests and responses", async () => {
    const document = await fetchDocument();
    const list = document.paths["/api/seat-metrics"].get;
    expect(list.parameters).toContainEqual(expect.objectContaining({ in: "header", name: "Sequence-Version" }));
    expect(list.responses["200"].headers["Sequence-Version"]).toBeDefined();
    expect(document.components.responses.SequenceNotFound.headers["Sequence-Version"]).toBeDefined();
  });
});
