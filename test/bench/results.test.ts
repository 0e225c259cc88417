// bench/RESULTS.md is written by the bench from the same run as bench/results.json,
// never by hand: the committed pair must agree, so no figure can be edited alone.
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { readOptions } from "../../bench/options.ts";
import { resultsPage, type Results } from "../../bench/report.ts";

const ROOT = resolve(import.meta.dirname, "../..");

describe("bench: the results file and its report", () => {
  it("bench/RESULTS.md is the report of bench/results.json (npm run bench -- --report-only rewrites it)", async () => {
    const results = JSON.parse(await readFile(resolve(ROOT, "bench/results.json"), "utf8")) as Results;
    const page = await readFile(resolve(ROOT, "bench/RESULTS.md"), "utf8");
    expect(page).toBe(resultsPage(results));
    expect(page).toContain(results.date);
  });

  it("writes the report beside the results by default, or where --report says", () => {
    expect(readOptions([])).toMatchObject({ out: "bench/results.json", report: "bench/RESULTS.md", reportOnly: false });
    expect(readOptions(["--report-only", "--report", "/tmp/r.md"])).toMatchObject({ report: "/tmp/r.md", reportOnly: true });
    // A partial run leaves the committed results alone.
    const partials = [["--quick"], ["--only", "seats"], ["--skip", "cost"], ["--mode", "harness"], ["--driver", "dispatch"], ["--connections", "4"]];
    for (const partial of partials) {
      expect(readOptions(partial), partial.join(" ")).toMatchObject({ out: "bench/out/results.json", report: "bench/out/RESULTS.md" });
    }
    // The report goes beside the results it reports, wherever --out puts them.
    expect(readOptions(["--out", "/tmp/r.json"])).toMatchObject({ out: "/tmp/r.json", report: "/tmp/RESULTS.md" });
    expect(readOptions(["--report-only", "--out", "bench/out/results.json"])).toMatchObject({ report: "bench/out/RESULTS.md" });
  });
});
