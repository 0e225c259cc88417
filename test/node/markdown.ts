// Reading the project's markdown (README.md, docs/*.md) for the checks in
// docs.test.ts and examples.test.ts, and the README's endpoint table as the
// OpenAPI document (the route table's) makes it.
import { readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";

export const ROOT = resolve(import.meta.dirname, "../..");

/** README.md and every docs/*.md, as paths relative to the root. */
export function markdownFiles(): string[] {
  const docs = readdirSync(resolve(ROOT, "docs")).filter((name) => name.endsWith(".md"));
  return ["README.md", ...docs.sort().map((name) => `docs/${name}`)];
}

export function readMarkdown(file: string): string {
  return readFileSync(resolve(ROOT, file), "utf8");
}

/** A fenced code block: its info string (`ts example=seam`) and its text. */
export interface Fence {
  info: string;
  code: string;
}

const FENCE = /^```([^\n`]*)\n([\s\S]*?)^```\s*$/gm;

export function fences(markdown: string): Fence[] {
  return [...markdown.matchAll(FENCE)].map((match) => ({ info: match[1]!.trim(), code: match[2]! }));
}

/** The markdown with its fenced blocks and inline code removed: links and headings are read from prose only. */
export function prose(markdown: string): string {
  return markdown.replace(FENCE, "").replace(/`[^`\n]*`/g, "");
}

/**
 * Words as `wc -w` counts them: every whitespace-separated token, table
 * pipes and code included (the count the team's checklist uses).
 */
export function wordCount(markdown: string): number {
  // As `wc -w` counts: every run of non-white-space, table pipes included.
  return markdown.split(/\s+/).filter((token) => token.length > 0).length;
}

/** The targets of the markdown's links and images that are not absolute URLs. */
export function relativeLinks(markdown: string): string[] {
  const targets = [...prose(markdown).matchAll(/!?\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((match) => match[1]!);
  return targets.filter((target) => !/^[a-z][a-z0-9+.-]*:/i.test(target));
}

/** The anchors GitHub gives the markdown's headings (lower case, punctuation dropped, spaces as hyphens). */
export function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const result = new Set<string>();
  for (const [, heading] of markdown.replace(FENCE, "").matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const slug = heading!
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, "")
      .replace(/\s/g, "-");
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    result.add(count ? `${slug}-${count}` : slug);
  }
  return result;
}

/** What the README's table reads of an OpenAPI operation. */
interface Operation {
  summary: string;
  tags: string[];
  security?: Record<string, string[]>[];
  "x-permissions"?: { anyOf: string[] };
}

const METHODS = ["get", "post", "put", "patch", "delete"] as const;

type OpenApi = { paths: Record<string, Partial<Record<string, Operation>>> };

/** Every operation of the document, in its order: one per path and method. */
function operations(document: OpenApi): { method: string; path: string; operation: Operation }[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method, operation]) => operation && (METHODS as readonly string[]).includes(method))
      .map(([method, operation]) => ({ method: method.toUpperCase(), path, operation: operation! })),
  );
}

/**
 * The README's endpoint table, from the OpenAPI document (which is built
 * from the route table and holds exactly its routes): one row per path,
 * with its methods, in the table's order. docs/endpoints.md has the rest.
 */
export function endpointTable(document: OpenApi): string {
  const rows = new Map<string, { vendor: string; methods: string[] }>();
  for (const { method, path, operation } of operations(document)) {
    const row = rows.get(path) ?? { vendor: operation.tags[0]!, methods: [] };
    row.methods.push(method);
    rows.set(path, row);
  }
  return [
    "| path | methods | vendor |",
    "|---|---|---|",
    ...[...rows].map(([path, row]) => `| \`${path}\` | ${row.methods.join(", ")} | ${row.vendor} |`),
  ].join("\n");
}

/**
 * docs/endpoints.md's table: one row per path and method, with who may
 * call it and what it does; a Seam action's two methods share a row.
 */
export function endpointDetails(document: OpenApi): string {
  const rows: { methods: string[]; path: string; vendor: string; who: string; summary: string }[] = [];
  for (const { method, path, operation } of operations(document)) {
    const row = { path, vendor: operation.tags[0]!, who: who(operation), summary: operation.summary.replace(/ \(POST\)$/, "") };
    const last = rows.at(-1);
    if (last && last.path === row.path && last.who === row.who && last.summary === row.summary) last.methods.push(method);
    else rows.push({ ...row, methods: [method] });
  }
  return [
    "| method | path | vendor | who may call | what it does |",
    "|---|---|---|---|---|",
    ...rows.map((row) => `| ${row.methods.join(", ")} | \`${row.path}\` | ${row.vendor} | ${row.who} | ${row.summary} |`),
  ].join("\n");
}

function who(operation: Operation): string {
  if (!operation.security?.length) return "anyone";
  if (operation.security.some((requirement) => "AdminToken" in requirement)) return "admin token";
  const names = (operation["x-permissions"]?.anyOf ?? []).map((permission) => `\`${permission}\``);
  return names.length === 1 ? names[0]! : `any of ${names.join(", ")}`;
}

export const ENDPOINTS_START = "<!-- endpoints:start -->";
export const ENDPOINTS_END = "<!-- endpoints:end -->";

/** The text between the endpoint markers, and the markdown with `table` there instead. */
export function endpointRegion(markdown: string, table: string): { current: string; updated: string } {
  const start = markdown.indexOf(ENDPOINTS_START);
  const end = markdown.indexOf(ENDPOINTS_END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${ENDPOINTS_START} ... ${ENDPOINTS_END} region`);
  const from = start + ENDPOINTS_START.length;
  return {
    current: markdown.slice(from, end).trim(),
    updated: `${markdown.slice(0, from)}\n${table}\n${markdown.slice(end)}`,
  };
}
