// wrangler.toml repeats each environment's rate limit in vars (the binding tells a request only
// whether it is within the limit; the headers that describe the limit need its numbers).
import { unstable_readConfig } from "wrangler";
import { describe, expect, it } from "vitest";

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
