// wrangler.toml repeats each environment's rate limit in vars (the binding tells a request only
// whether it is within the limit; the headers that describe the limit need its numbers).
import { readdirSync } from "node:fs";
import { unstable_readConfig } from "wrangler";
import { describe, expect, it } from "vitest";
import { fences, readMarkdown } from "./markdown";

/** Every queue an environment's Worker produces to or consumes from, dead-letter queues included. */
function queuesOf(environment: string | undefined): string[] {
  const { queues } = unstable_readConfig({ config: "wrangler.toml", env: environment });
  const consumers: { queue: string; dead_letter_queue?: string }[] = queues.consumers ?? [];
  const producers: { queue: string }[] = queues.producers ?? [];
  const named = [...producers.map((p) => p.queue), ...consumers.flatMap((c) => [c.queue, c.dead_letter_queue])];
  return [...new Set(named.filter((queue) => queue !== undefined))].sort();
}

/** The queues a page's shell blocks create (`wrangler queues create NAME`). */
function queuesCreatedIn(page: string): string[] {
  const code = fences(readMarkdown(page)).filter((fence) => fence.info === "sh").map((fence) => fence.code).join("\n");
  return [...code.matchAll(/wrangler queues create (\S+)/g)].map((match) => match[1]!).sort();
}

describe.each([undefined, "preview"])("wrangler.toml, environment %s", (environment) => {
  const config = unstable_readConfig({ config: "wrangler.toml", env: environment });

  it("has one rate limiter whose limit and period the vars repeat", () => {
    expect(config.ratelimits).toHaveLength(1);
    const [limiter] = config.ratelimits;
    expect(limiter!.name).toBe("RATE_LIMITER");
    expect(config.vars.RATE_LIMIT_REQUESTS).toBe(limiter!.simple.limit);
    expect(config.vars.RATE_LIMIT_PERIOD_SECONDS).toBe(limiter!.simple.period);
  });
});

it("runs the cleanup of expired Idempotency-Key records on a cron", () => {
  expect(unstable_readConfig({ config: "wrangler.toml" }).triggers.crons).toHaveLength(1);
});

// `wrangler deploy` refuses a consumer of a queue that does not exist: the deploy steps create each one.
it("has the README's deploy steps create every queue of the top-level environment", () => {
  expect(queuesOf(undefined).length).toBeGreaterThan(0);
  expect(queuesCreatedIn("README.md")).toEqual(queuesOf(undefined));
});

it("has docs/operations.md create every queue of both environments", () => {
  expect(queuesCreatedIn("docs/operations.md")).toEqual([...queuesOf(undefined), ...queuesOf("preview")].sort());
});

it("has docs/operations.md's table name every migration", () => {
  const migrations = readdirSync("migrations").filter((file) => file.endsWith(".sql"));
  expect(migrations.length).toBeGreaterThan(20);
  const page = readMarkdown("docs/operations.md");
  expect(migrations.filter((file) => !page.includes(`\`${file}\``))).toEqual([]);
});
