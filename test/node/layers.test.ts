// The import direction of src/ (.dependency-cruiser.cjs): every import points
// at its own layer or one below, resource folders stay apart, no cycles, and
// what the Worker runs builds its schemas with zod/mini.
import { execFileSync } from "node:child_process";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");
const CONFIG = resolve(ROOT, ".dependency-cruiser.cjs");
const DEPCRUISE = resolve(ROOT, "node_modules/.bin/depcruise");

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
}

/** The rule violations dependency-cruiser finds in `dir`/src with the project's rules. */
function violations(dir: string): string[] {
  const output = execFileSync(DEPCRUISE, ["src", "--config", CONFIG, "--output-type", "json"], {
    cwd: dir,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "ignore"],
  });
  const result = JSON.parse(output) as { summary: { violations: Violation[]; totalCruised: number } };
  expect(result.summary.totalCruised).toBeGreaterThan(0);
  return result.summary.violations.map((violation) => `${violation.rule.name}: ${violation.from} -> ${violation.to}`);
}

describe("the layers of src/", () => {
  it("import only their own layer or one below", () => {
    expect(violations(ROOT)).toEqual([]);
  });

  it("are checked by rules that refuse an upward import, a resource importing another, bench code and classic zod", () => {
    expect(violations(resolve(import.meta.dirname, "fixtures/layers")).sort()).toEqual([
      "resources-stay-apart: src/resources/a/handlers.ts -> src/resources/b/schemas.ts",
      "service-carries-no-bench: src/objects/metered.ts -> bench/meter.ts",
      "shared-imports-down: src/shared/errors.ts -> src/db/rows.ts",
      "worker-builds-with-zod-mini: src/resources/b/classic.ts -> ../../../../node_modules/zod/index.cjs",
    ]);
  });
});
