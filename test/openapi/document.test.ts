import { readdirSync } from "node:fs";
import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, inject, it } from "vitest";
import { unstable_readConfig } from "wrangler";
import { openApiJson } from "../../scripts/build-openapi.mjs";

const fetchDocument = async () => (await (await fetch(`${inject("baseUrl")}/openapi.json`)).json()) as Record<string, any>;

describe("the served OpenAPI document", () => {
  it("is valid OpenAPI 3.1", async () => {
    const validator = new Validator();
    const result = await validator.validate(await fetchDocument());
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
  });

  it("has a contract suite per tag: test/openapi/contract/<tag>.test.ts", async () => {
    const tags = ((await fetchDocument()).tags as { name: string }[]).map((tag) => `${tag.name.toLowerCase()}.test.ts`);
    expect(readdirSync("test/openapi/contract")).toEqual(expect.arrayContaining(tags));
  });

  it("shows every numeric query parameter as an integer with its range and default, not as digits", async () => {
    const parameters = Object.values<any>((await fetchDocument()).paths)
      .flatMap((item) => Object.values<any>(item))
      .flatMap((operation) => operation.parameters ?? [])
      .filter((parameter: any) => parameter.in === "query" && /^(limit|offset|page\[limit\])$/.test(parameter.name));
    expect(parameters.length).toBeGreaterThanOrEqual(14);
    for (const { name, schema } of parameters) {
      if (schema.exclusiveMinimum === 0) continue; // Seam's limit: a JSON number in its POST body, digits in a GET query
      expect({ name, schema }).toEqual({ name, schema: { type: "integer", minimum: expect.any(Number), maximum: expect.any(Number), default: expect.any(Number), ...(schema.description && { description: expect.any(String) }) } });
    }
  });

  it("would be refused by the validator if it were broken", async () => {
    const broken = await fetchDocument();
    broken.paths["/health"].get.responses = { 200: { content: {} } }; // a response needs a description
    expect((await new Validator().validate(broken)).valid).toBe(false);
  });
});

describe("GET /openapi.json", () => {
  it("is the route table's document as of now, built at build time (the harness runs wrangler's [build])", async () => {
    // Built afresh from src/ here: a stale public/openapi.json differs.
    const fresh = JSON.parse(await openApiJson());
    expect(await fetchDocument()).toEqual(fresh);
  });

  it("would tell a stale document from a fresh one", async () => {
    const stale = JSON.parse(await openApiJson());
    delete stale.paths["/health"];
    expect(await fetchDocument()).not.toEqual(stale);
  });

  it("is a static asset, served without credentials and revalidated by its ETag", async () => {
    const response = await fetch(`${inject("baseUrl")}/openapi.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    // The assets layer's validator (the Worker sets none) lets clients revalidate for free.
    const etag = response.headers.get("etag");
    expect(etag).toBeTruthy();
    const again = await fetch(`${inject("baseUrl")}/openapi.json`, { headers: { "if-none-match": etag! } });
    expect(again.status).toBe(304);
  });

  it("is answered by the assets layer without running the Worker, in every environment", () => {
    const config = unstable_readConfig({ config: "./wrangler.toml" }, { hideWarnings: true });
    const preview = unstable_readConfig({ config: "./wrangler.toml", env: "preview" }, { hideWarnings: true });
    for (const { assets } of [config, preview]) expect(assets?.run_worker_first).toContain("!/openapi.json");
    expect(config.build.command).toBe("node scripts/build-worker.mjs && node scripts/build-openapi.mjs");
  });
});

describe("the Worker's static assets", () => {
  it("serve Scalar's bundle without running the Worker", async () => {
    const response = await fetch(`${inject("baseUrl")}/scalar/standalone.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/javascript/);
    expect(await response.text()).toContain("createApiReference");
  });

  it("answer a missing file under /scalar/ with a plain 404", async () => {
    const response = await fetch(`${inject("baseUrl")}/scalar/nothing-here.js`);
    expect(response.status).toBe(404);
  });

  it("leave every other path to the Worker", async () => {
    const response = await fetch(`${inject("baseUrl")}/nothing-here.js`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: { type: "route_not_found", message: expect.any(String) } });
  });
});
