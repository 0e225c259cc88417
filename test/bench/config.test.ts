import { dirname, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { unstable_readConfig } from "wrangler";

/** What a config gives the Worker at run time: its bindings, migrations, flags and assets, with paths resolved. */
function runtimeOf(configPath: string) {
  const config = unstable_readConfig({ config: configPath }, { hideWarnings: true });
  const from = (path: string | undefined) => (path === undefined ? undefined : resolve(dirname(configPath), path));
  return {
    compatibility: [config.compatibility_date, config.compatibility_flags],
    minify: config.minify,
    keepNames: config.keep_names,
    define: config.define,
    vars: config.vars,
    secrets: config.secrets,
    d1: config.d1_databases.map((database: { migrations_dir?: string }) => ({ ...database, migrations_dir: from(database.migrations_dir) })),
    durableObjects: config.durable_objects,
    migrations: config.migrations,
    assets: config.assets && { ...config.assets, directory: from(config.assets.directory) },
    ratelimits: config.ratelimits,
  };
}

describe("the bench's Worker config (bench/worker/wrangler.toml)", () => {
  it("gives the Worker exactly what the real config gives it; only the entry module differs", () => {
    const bench = unstable_readConfig({ config: "./bench/worker/wrangler.toml" }, { hideWarnings: true });
    expect(bench.main).toBe(resolve("bench/worker/index.ts"));
    expect(runtimeOf("./bench/worker/wrangler.toml")).toEqual(runtimeOf("./wrangler.toml"));
  });
});

describe("the bench's baseline Workers (bench/baselines/)", () => {
  it.each(["./bench/baselines/constant.toml", "./bench/baselines/d1.toml"])("%s is served as Seatkeeper is: same runtime, same assets in front", (configPath) => {
    const { compatibility, minify, assets } = runtimeOf(configPath);
    const real = runtimeOf("./wrangler.toml");
    expect({ compatibility, minify, assets }).toEqual({ compatibility: real.compatibility, minify: real.minify, assets: real.assets });
  });

  it("the D1 baseline asks the same Rate Limiting binding on every request, as Seatkeeper does", () => {
    expect(runtimeOf("./bench/baselines/d1.toml").ratelimits).toEqual(runtimeOf("./wrangler.toml").ratelimits);
  });
});
