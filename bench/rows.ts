/** The rows a run benchmarks: which exist, which are skipped, and how to start one. */
import { authHeaders, routeExists, type Target } from "./api.ts";
import type { Fixture } from "./fixture.ts";
import { pending, scenarios } from "./scenarios/index.ts";
import { label, type Scenario, type Step } from "./scenarios/types.ts";

export interface Row {
  label: string;
  scenario: Scenario;
}

/** The rows to run, and a note for each pending row whose route is not served yet. */
export async function selectRows(target: Target, only: RegExp | undefined): Promise<{ rows: Row[]; skipped: string[] }> {
  const rows: Row[] = [];
  const skipped: string[] = [];
  for (const scenario of [...scenarios, ...pending]) {
    const name = label(scenario);
    if (only && !only.test(name)) continue;
    if (scenario.issue !== undefined && !(await routeExists(target.base, scenario.route))) {
      skipped.push(`${name}: skipped, the route answers 404 (issue ${scenario.issue} not merged)`);
      continue;
    }
    rows.push({ label: name, scenario });
  }
  return { rows, skipped };
}

/** Runs the row's prepare and returns its steps and the headers of its surface. */
export async function startRow(row: Row, fx: Fixture, count: number): Promise<{ steps: Step[]; headers: Record<string, string> }> {
  const made = await row.scenario.prepare(fx, count);
  return {
    steps: Array.isArray(made) ? made : [made],
    headers: authHeaders(row.scenario.surface, fx.tenant, fx.target.adminToken),
  };
}

/** Whether a status is a success for the row. */
export function expected(scenario: Scenario, status: number): boolean {
  return scenario.expect ? scenario.expect.includes(status) : status >= 200 && status < 300;
}

/** One line for a log or a note: the message of an error, or its text. */
export function reason(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0]!.slice(0, 300);
}
