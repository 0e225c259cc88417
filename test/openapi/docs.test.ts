// /docs in a real browser: Scalar renders every operation of /openapi.json
// from this origin only, and its "try it" client calls the API with a pasted key.
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createWorkspaceWithKey } from "../sdk/workspace";
import { browserMissing, openBrowser } from "./browser";

if (browserMissing) console.warn(`SKIPPED: ${browserMissing}`);

const METHODS = ["get", "put", "post", "delete", "patch"];

describe.skipIf(browserMissing)("GET /docs in Chromium", () => {
  const baseUrl = inject("baseUrl");
  let browser: BrowserContext;
  let closeBrowser: (() => Promise<void>) | undefined;
  let page: Page;
  const requests: string[] = [];
  const failures: string[] = [];

  beforeAll(async () => {
    ({ browser, close: closeBrowser } = await openBrowser());
    page = await browser.newPage();
    page.on("request", (request) => requests.push(request.url()));
    page.on("response", (response) => {
      if (response.status() >= 400) failures.push(`${response.status()} ${response.url()}`);
    });
    page.on("console", (message) => {
      if (/content security policy/i.test(message.text())) failures.push(message.text());
    });
    await page.goto(`${baseUrl}/docs`);
    await page.getByRole("button", { name: /^Test Request/ }).first().waitFor();
  });

  afterAll(async () => {
    await closeBrowser?.();
  });

  it("shows every operation of the document", async () => {
    const document = (await (await fetch(`${baseUrl}/openapi.json`)).json()) as { paths: Record<string, Record<string, any>> };
    const operations = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([method]) => METHODS.includes(method))
        .map(([method, operation]) => ({ method, path, tag: operation.tags[0] as string, summary: operation.summary as string })),
    );
    expect(operations.length).toBeGreaterThan(0);
    for (const { method, path, tag, summary } of operations) {
      // Scalar's anchor for an operation: .../tag/<tag>/<METHOD><path>
      const section = page.locator(`[id$="/tag/${tag.toLowerCase()}/${method.toUpperCase()}${path}"]`);
      await expect.poll(() => section.count(), { message: `${method} ${path}` }).toBeGreaterThan(0);
      await expect.poll(() => section.first().innerText(), { message: `${method} ${path}` }).toContain(summary);
    }
  });

  // Scalar lays out the whole document around the client: this takes 40 s and more on a busy 2-core machine.
  it("sends a request with a pasted key through its try-it client and shows the answer", { timeout: 120_000 }, async () => {
    const key = await createWorkspaceWithKey();
    const basic = `Basic ${btoa(`${key.keyId}:${key.secret}`)}`;
    await fetch(`${baseUrl}/api/seat-metrics`, {
      method: "POST",
      headers: { authorization: basic, "content-type": "application/json" },
      body: JSON.stringify({ seatType: "browser_seat", label: "Seen in the browser" }),
    });

    await page.getByRole("button", { name: "Test Request (get /api/seat-metrics)" }).click();
    const client = page.getByRole("dialog");
    await client.locator("tr", { hasText: "Username" }).getByRole("textbox").click();
    await page.keyboard.type(key.keyId);
    await client.locator("tr", { hasText: "Password" }).locator("input").fill(key.secret);
    const answered = page.waitForResponse((response) => new URL(response.url()).pathname === "/api/seat-metrics");
    await client.getByRole("button", { name: /^Send get request/ }).click();

    const response = await answered;
    expect(response.status()).toBe(200);
    expect(await response.request().headerValue("authorization")).toBe(basic);
    await expect.poll(() => client.innerText()).toContain("200 OK");
    await expect.poll(() => client.innerText()).toContain("Seen in the browser");
  });

  it("loads everything from this origin, without failures or CSP violations", () => {
    expect(requests.filter((url) => !url.startsWith(`${baseUrl}/`) && !url.startsWith("data:"))).toEqual([]);
    expect(failures).toEqual([]);
  });
});
