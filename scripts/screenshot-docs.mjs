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
  await page.getByRole("button", { name: /^Test Request/ }).first().waitFor();
  await page.waitForTimeout(1000); // let the scroll to the anchor settle
  mkdirSync("docs", { recursive: true });
  await page.screenshot({ path: output });
  console.log(`wrote ${output}`);
} finally {
  await browser.close();
}
