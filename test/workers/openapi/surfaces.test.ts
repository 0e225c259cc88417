// The document's per-surface conventions, checked on a synthetic route table
// with a route on every surface (the real table grows as surfaces get routes).
import { describe, expect, it } from "vitest";
import * as z from "zod";
import { documentedRoutes, type RouteDocs, type RouteSpec } from "../../../src/shared/route";
import { buildDocument } from "../../../src/openapi/document";
import { SequencePageQuery } from "../../../src/surfaces/sequencePagination";

/** A route of the table's shape; its docs fields given alongside. */
const route = ({ method, path, auth, request, ...docs }: Pick<RouteSpec, "method" | "path" | "auth" | "request"> & Partial<RouteDocs>): RouteSpec => ({
  method, path, auth, request,
  handler: () => new Response(null),
  docs: { operationId: `${method}${path.replace(/\W/g, "_")}`, summary: "test", responses: { 200: z.object({ ok: z.boolean() }) }, ...docs },
});

/** The document of a table, built as scripts/build-openapi.mjs builds the real one. */
const documentOf = async (routes: RouteSpec[]) => buildDocument(await documentedRoutes(routes));

const document = (await documentOf([
  route({ method: "get", path: "/api/v2/seats/{seat_id}", auth: ["users_read"], errors: [404] }),
  route({
    method: "post",
    path: "/api/v2/seats/users",
    auth: ["billing_edit", "incident_write"],
    request: { body: z.object({ product_code: z.string() }) },
    errors: [422],
  }),
  route({ method: "post", path: "/user_identities/create", auth: ["users_write"], request: { body: z.object({ email: z.string().optional() }) } }),
  route({ method: "get", path: "/api/customers", auth: ["customers_read"], request: { query: SequencePageQuery } }),
  route({ method: "get", path: "/status", auth: "public" }),
])) as any;

const operation = (path: string, method: string) => document.paths[path][method];
const responseCodes = (path: string, method: string) => Object.keys(operation(path, method).responses);

describe("the OpenAPI document per surface", () => {
  it("tags each operation with its surface, in table order", () => {
    expect(document.tags.map((tag: { name: string }) => tag.name)).toEqual(["Sendblue", "Datadog", "Seam", "Sequence", "Seatkeeper"]);
    expect(operation("/api/v2/seats/users", "post").tags).toEqual(["Datadog"]);
  });

  it("Sendblue: both key headers together, its error body, path parameters from the path", () => {
    const get = operation("/api/v2/seats/{seat_id}", "get");
    expect(get.security).toEqual([{ SendblueKeyId: [], SendblueSecret: [] }]);
    expect(get.description).toContain(
      "**Credentials:** `sb-api-key-id` header (the API key id) and `sb-api-secret-key` header (the API key's secret).",
    );
    // Without a params schema, each segment is held to the text rule (docs/input-rules.md): 400 when it fails.
    expect(get.parameters).toContainEqual({ in: "path", name: "seat_id", required: true, schema: { type: "string", maxLength: 255 } });
    expect(responseCodes("/api/v2/seats/{seat_id}", "get")).toEqual(["200", "400", "401", "403", "404", "429"]);
    expect(get.responses["404"]).toEqual({ $ref: "#/components/responses/SendblueNotFound" });
    expect(document.components.responses.SendblueNotFound.content["application/json"].schema).toEqual({
      $ref: "#/components/schemas/SendblueError",
    });
    expect(document.components.schemas.SendblueError.properties.status).toMatchObject({ const: "ERROR" });
  });

  it("Datadog: 403 for bad credentials too, never 401; body failures and the handler's 422", () => {
    const post = operation("/api/v2/seats/users", "post");
    expect(post.security).toEqual([{ DatadogApiKey: [], DatadogApplicationKey: [] }]);
    expect(responseCodes("/api/v2/seats/users", "post")).toEqual(["200", "400", "403", "413", "415", "422", "429"]);
    expect(document.components.responses.DatadogForbidden.description).toMatch(/credentials.*permission/s);
    expect(post["x-permissions"]).toEqual({ anyOf: ["billing_edit", "incident_write"] });
    expect(post.description).toContain("any one of `billing_edit`, `incident_write`");
    expect(document.components.schemas.DatadogErrors.properties.errors).toMatchObject({ type: "array" });
  });

  it("Seam: Bearer, seam-request-id on every answer, validation_errors, and an optional body when {} is valid", () => {
    const create = operation("/user_identities/create", "post");
    expect(create.security).toEqual([{ SeamBearer: [] }]);
    expect(create.requestBody.required).toBe(false);
    expect(create.responses["200"].headers["seam-request-id"]).toBeDefined();
    expect(document.components.responses.SeamBadRequest.headers["seam-request-id"]).toBeDefined();
    expect(document.components.schemas.SeamError.properties.error.properties.validation_errors).toEqual({
      $ref: "#/components/schemas/SeamValidationErrors",
    });
  });

  it("Sequence: the query's parameters and a 400 for them", () => {
    const list = operation("/api/customers", "get");
    const names = list.parameters.map((parameter: { name: string }) => parameter.name);
    expect(names).toEqual(expect.arrayContaining(["limit", "after", "before", "Sequence-Version"]));
    expect(responseCodes("/api/customers", "get")).toEqual(["200", "400", "401", "403", "429"]);
  });

  it("public routes: no security and no auth failures", () => {
    expect(operation("/status", "get").security).toEqual([]);
    expect(responseCodes("/status", "get")).toEqual(["200"]);
  });

  it("declares every security scheme an operation uses", () => {
    const used = Object.values(document.paths)
      .flatMap((item: any) => Object.values(item))
      .flatMap((op: any) => op.security.flatMap((requirement: object) => Object.keys(requirement)));
    for (const name of used) expect(document.components.securitySchemes[name]).toBeDefined();
  });
});

describe("mistakes in the route table", () => {
  const base = { method: "get", path: "/api/things/{id}", auth: "public" } as const;

  it("refuse a duplicate operationId or route", async () => {
    await expect(documentOf([route({ ...base, operationId: "x" }), route({ ...base, path: "/api/other", operationId: "x" })])).rejects.toThrow(
      /duplicate operationId x/,
    );
    await expect(documentOf([route({ ...base, operationId: "a" }), route({ ...base, operationId: "b" })])).rejects.toThrow(/duplicate route/);
  });

  it("refuse a params schema that does not name the path's placeholders", async () => {
    await expect(documentOf([route({ ...base, request: { params: z.object({ thing_id: z.string() }) } })])).rejects.toThrow(
      /params must name exactly id/,
    );
    const named = (await documentOf([route({ ...base, request: { params: z.object({ id: z.uuid() }) } })])) as any;
    expect(named.paths["/api/things/{id}"].get.parameters[0]).toMatchObject({ name: "id", schema: { format: "uuid" } });
  });
});
