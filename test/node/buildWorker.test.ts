// The Worker's source as wrangler bundles it (scripts/build-worker.mjs): the
// data layer's SQL folded onto one line per statement, the same SQL, every
// line at its number in src/ (what stack traces through the source map name).
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { parseSync } from "@swc/core";
import { describe, expect, it } from "vitest";
import { foldTemplateLines, WORKER_SOURCE } from "../../scripts/build-worker.mjs";

const SRC = resolve(import.meta.dirname, "../../src");

const sourceFiles = (folder: string) =>
  readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(folder, join(entry.parentPath, entry.name)))
    .sort();

/** The cooked text of every template literal in `source`, in order (what the strings are at run time). */
function templateStrings(source: string): string[] {
  const cooked: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (node === null || typeof node !== "object") return;
    const { type, quasis } = node as { type?: string; quasis?: { cooked: string }[] };
    if (type === "TemplateLiteral") cooked.push(...quasis!.map((quasi) => quasi.cooked));
    for (const [key, value] of Object.entries(node)) if (key !== "span") visit(value);
  };
  visit(parseSync(source, { syntax: "typescript" }));
  return cooked;
}

const oneLine = (text: string) => text.replace(/[ \t]*\n[ \t]*/g, " ");
const sqlFiles = sourceFiles(SRC).filter((file) => /^(db|objects)\/.*\.ts$/.test(file));

describe("the Worker's source (.build/src)", () => {
  it("is src/ itself, file for file, with only the data layer's templates changed", () => {
    expect(sourceFiles(WORKER_SOURCE)).toEqual(sourceFiles(SRC));
    for (const file of sourceFiles(SRC)) {
      const source = readFileSync(join(SRC, file), "utf8");
      const expected = sqlFiles.includes(file) ? foldTemplateLines(source) : source;
      expect(readFileSync(join(WORKER_SOURCE, file), "utf8"), file).toBe(expected);
    }
  });

  it.each(sqlFiles)("%s: the same strings, each on one line, and every line at its number", (file) => {
    const source = readFileSync(join(SRC, file), "utf8");
    const folded = foldTemplateLines(source);
    expect(folded.split("\n").length).toBe(source.split("\n").length);
    const strings = templateStrings(folded);
    expect(strings).toEqual(templateStrings(source).map(oneLine));
    for (const text of strings) expect(text).not.toContain("\n");
  });

  it.each(sqlFiles)("%s: no SQL string literal spans a line break (folding never changes a value)", (file) => {
    for (const text of templateStrings(readFileSync(join(SRC, file), "utf8"))) {
      for (const literal of text.match(/'(?:[^']|'')*'/g) ?? []) expect(literal).not.toContain("\n");
    }
  });
});

describe("foldTemplateLines", () => {
  it("folds untagged templates around their substitutions, after non-ASCII text, and leaves the rest alone", () => {
    const source = [
      "// café — a comment before",
      "const sql = `SELECT a",
      "    FROM t WHERE id = ${id}",
      "     AND b = 1`;",
      "const message = 'kept\\n  as is';",
      "const tagged = String.raw`x",
      "  y`;",
    ].join("\n");
    expect(foldTemplateLines(source)).toBe(
      [
        "// café — a comment before",
        "const sql = `SELECT a \\",
        "FROM t WHERE id = ${id} \\",
        "AND b = 1`;",
        "const message = 'kept\\n  as is';",
        "const tagged = String.raw`x",
        "  y`;",
      ].join("\n"),
    );
    const [head, tail] = templateStrings(foldTemplateLines(source));
    expect([head, tail]).toEqual(["SELECT a FROM t WHERE id = ", " AND b = 1"]);
  });
});
