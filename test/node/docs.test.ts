// The README and docs/ as a reader meets them: a README of at most 2,000
// words that links every page of docs/, links that lead somewhere, and an
// endpoint table that is the route table's (through /openapi.json, which
// holds exactly its routes). `npm run docs` rewrites the table.
import { existsSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { describe, expect, inject, it } from "vitest";
import { anchors, endpointDetails, endpointRegion, endpointTable, markdownFiles, readMarkdown, relativeLinks, ROOT, wordCount } from "./markdown";

const MAX_README_WORDS = 2000;

describe("README.md", () => {
  it(`has at most ${MAX_README_WORDS} words`, () => {
    expect(wordCount(readMarkdown("README.md"))).toBeLessThanOrEqual(MAX_README_WORDS);
  });

  it("links every page of docs/", () => {
    const linked = new Set(relativeLinks(readMarkdown("README.md")).map((target) => target.split("#")[0]));
    const pages = markdownFiles().filter((file) => file.startsWith("docs/"));
    expect(pages.filter((page) => !linked.has(page))).toEqual([]);
  });

  it.each([
    ["README.md", endpointTable],
    ["docs/endpoints.md", endpointDetails],
  ] as const)("%s lists every route of src/router.ts in its endpoint table (npm run docs rewrites it)", async (file, tableOf) => {
    const document = await (await fetch(`${inject("baseUrl")}/openapi.json`)).json();
    const table = tableOf(document);
    const { current, updated } = endpointRegion(readMarkdown(file), table);
    if (process.env.UPDATE_DOCS && current !== table) writeFileSync(resolve(ROOT, file), updated);
    else expect(current).toBe(table);
  });
});

describe.each(markdownFiles())("%s", (file) => {
  it("links only to files and headings that exist", () => {
    const broken = relativeLinks(readMarkdown(file)).filter((target) => {
      const [path, anchor] = target.split("#") as [string, string | undefined];
      const linked = path ? resolve(ROOT, dirname(file), decodeURIComponent(path)) : resolve(ROOT, file);
      if (!existsSync(linked)) return true;
      return anchor !== undefined && linked.endsWith(".md") && !anchors(readMarkdown(linked.slice(ROOT.length + 1))).has(anchor);
    });
    expect(broken).toEqual([]);
  });
});

describe("the link checker", () => {
  it("reads links and images outside code, GitHub's heading anchors, and words as a reader counts them", () => {
    const sample = "# Seat caps: `maxSeats`\n## Keys, and permissions\n[a](docs/x.md#y) ![b](img.png) [c](https://x.test) `[d](no.md)`\n```\n[e](no.md)\n```\n| a | --- |\n";
    expect(relativeLinks(sample)).toEqual(["docs/x.md#y", "img.png"]);
    expect([...anchors(sample)]).toEqual(["seat-caps-maxseats", "keys-and-permissions"]);
    expect(wordCount(sample)).toBe(20);
  });
});
