// Takes the README's screenshot of /docs (docs/api-reference.png) with the
// same headless Chromium as the browser test. Run it against a running
// Seatkeeper: `npm start`, then `node scripts/screenshot-docs.mjs [base URL]`.
import { mkdirSync } from "node:fs";
import { chromium } from "playwright-core";

const base = process.argv[2] ?? "http://localhost:8787";
const output = "docs/api-reference.png";

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(`${base}/docs#tag/sequence/POST/api/seat-metrics`);
  await page.getByRole("heading", { name: "Create a seat metric" }).first().waitFor({ state: "visible" });
  // Rendering the whole document keeps the page busy for seconds after the DOM is
  // there (a screenshot then comes out blank): wait until it is idle and has painted.
  await page.evaluate(
    () => new Promise((resolve) => requestIdleCallback(() => requestAnimationFrame(() => requestAnimationFrame(resolve)), { timeout: 15_000 })),
  );
  mkdirSync("docs", { recursive: true });
  await page.screenshot({ path: output });
  console.log(`wrote ${output}`);
} finally {
  await browser.close();
}
