import { describe, expect, it } from "vitest";
import { call } from "./helpers";

// GET /docs and GET /openapi.json are static assets, which the assets layer serves on their exact
// paths. Any other spelling (a trailing slash) reaches the Worker, whose routes pass it to the same
// assets: the answer still goes through the Worker's finish, request id and all.
describe("the API reference's routes, as the Worker serves them", () => {
  for (const [method, path] of [
    ["GET", "/docs/"],
    ["HEAD", "/docs/"],
    ["GET", "/docs//"],
    ["GET", "/docs/?x"],
    ["GET", "/openapi.json/"],
  ] as const) {
    it(`${method} ${path} answers as the assets layer does, with a request id`, async () => {
      const response = await call(method, path, {});
      await response.arrayBuffer();
      expect(response.status).toBeLessThan(500);
      expect(response.headers.get("x-request-id")).toMatch(/\S/);
    });
  }
});
