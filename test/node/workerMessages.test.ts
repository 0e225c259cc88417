// The Worker as deployed (bundled by wrangler, served by the harness): its schemas are zod/mini
// (src/shared/zod.ts), which has no messages of its own until zod's English locale is installed.
// The workers pool cannot show this: its test files load classic zod, which installs the locale
// for the whole isolate.
import { describe, expect, inject, it } from "vitest";

describe("the bundled Worker's validation messages", () => {
  it("are zod's English ones, naming the field", async () => {
    const response = await fetch(`${inject("baseUrl")}/admin/workspaces`, {
      method: "POST",
      headers: { authorization: `Bearer ${inject("adminToken")}`, "content-type": "application/json" },
      body: JSON.stringify({ name: "x".repeat(201) }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: { type: "invalid_input", message: "name: Too big: expected string to have <=200 characters" },
    });
  });
});
