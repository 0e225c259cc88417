// GET /docs: Scalar's page, a static asset built with the document (scripts/build-openapi.mjs),
// as the harness serves it (the workers pool cannot see static assets).
import { describe, expect, inject, it } from "vitest";

describe("GET /docs", () => {
  it("answers Scalar's page without credentials, pointed at /openapi.json", async () => {
    const response = await fetch(`${inject("baseUrl")}/docs`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const html = await response.text();
    expect(html).toContain('<script src="/scalar/standalone.js"></script>');
    expect(html).toContain("&quot;url&quot;:&quot;/openapi.json&quot;");
  });

  it("loads nothing from another origin", async () => {
    const response = await fetch(`${inject("baseUrl")}/docs`);
    expect(await response.text()).not.toMatch(/(https?:)?\/\/[a-z]/i);
    const policy = response.headers.get("content-security-policy") ?? "";
    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("script-src 'self';");
    expect(policy).toContain("connect-src 'self';");
  });
});
