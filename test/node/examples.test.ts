// The client examples of README.md and docs/*.md, run as written: every
// fenced block marked `sh example=<name>` or `ts example=<name>`, in order,
// against the Worker served locally, with its origin and a fresh key in
// place of http://localhost:8787, KEY_ID, SECRET and TOKEN. A shell example
// fails on a non-2xx answer; a TypeScript example runs in Node as a user's
// script and fails on any error. What each prints is checked below.
import { execFile } from "node:child_process";
import { mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorkspaceWithKey, type TestKey } from "../sdk/workspace";
import { fences, markdownFiles, readMarkdown, ROOT } from "./markdown";

const run = promisify(execFile);
const LOCAL = "http://localhost:8787";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface Example {
  name: string;
  language: "sh" | "ts";
  code: string;
}

/** What an example's output must show; `values` carries what later examples of the same file use (USER_ID). */
const EXPECTED: Record<string, (output: string, values: Record<string, string>) => void> = {
  sequence: (output) => expect(JSON.parse(output)).toMatchObject({ seatType: "incident_response", label: "Incident Response" }),
  seam: (output, values) => {
    expect(output.trim()).toMatch(UUID);
    values.USER_ID = output.trim();
  },
  datadog: (output, values) => expect(output).toContain(values.USER_ID),
  sendblue: (output) => expect(output).toContain("Ada Lovelace"),
  customer: (output) => expect(JSON.parse(output)).toMatchObject({ id: expect.stringMatching(UUID), legalName: "FinTech Solutions Inc." }),
};

function examplesOf(file: string): Example[] {
  return fences(readMarkdown(file)).flatMap(({ info, code }) => {
    const match = /^(sh|ts) example=([\w-]+)$/.exec(info);
    return match ? [{ language: match[1] as Example["language"], name: match[2]!, code }] : [];
  });
}

/** The example with the served origin, the key and earlier examples' values in place of its placeholders. */
function substituted(code: string, key: TestKey, values: Record<string, string>): string {
  const placeholders: Record<string, string | undefined> = { KEY_ID: key.keyId, SECRET: key.secret, TOKEN: key.token, ...values };
  return code.replaceAll(LOCAL, key.baseUrl).replace(/\b(KEY_ID|SECRET|TOKEN|USER_ID)\b/g, (name) => {
    const value = placeholders[name];
    if (value === undefined) throw new Error(`${name} has no value yet: an earlier example must provide it`);
    return value;
  });
}

/** Runs an example in `dir` (which links the project's node_modules) and returns what it printed. */
async function runExample(example: Example, code: string, dir: string): Promise<string> {
  if (example.language === "sh") {
    const strict = 'set -eu\ncurl() { command curl --fail-with-body "$@"; }\n';
    return (await run("bash", ["-c", strict + code], { cwd: dir })).stdout;
  }
  const script = join(dir, `${example.name}.mts`);
  await writeFile(script, code);
  return (await run(process.execPath, [script], { cwd: dir })).stdout;
}

describe("README.md's client examples", () => {
  it("show one per vendor client, each pointed at the server with a key", () => {
    const examples = examplesOf("README.md");
    expect(examples.map((example) => example.name)).toEqual(["sequence", "seam", "datadog", "sendblue"]);
    for (const { code } of examples) {
      expect(code).toContain(LOCAL);
      expect(code).toMatch(/\b(KEY_ID|TOKEN)\b/);
    }
  });
});

describe.each(markdownFiles().filter((file) => examplesOf(file).length > 0))("the examples of %s", (file) => {
  const examples = examplesOf(file);
  const values: Record<string, string> = {};
  let key: TestKey;
  let dir: string;

  beforeAll(async () => {
    key = await createWorkspaceWithKey();
    dir = await mkdtemp(join(tmpdir(), "examples-"));
    await symlink(resolve(ROOT, "node_modules"), join(dir, "node_modules"), "dir");
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it.each(examples.map((example) => [example.name, example] as const))("%s runs as written", { timeout: 120_000 }, async (name, example) => {
    const check = EXPECTED[name];
    expect(check, `no expectation for example=${name} in ${import.meta.filename}`).toBeDefined();
    const output = await runExample(example, substituted(example.code, key, values), dir);
    check!(output, values);
  });
});
