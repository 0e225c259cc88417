/**
 * Drives one row's load and condenses the result: autocannon over loopback,
 * or Miniflare#dispatchFetch (in-process mode, --driver dispatch). Either
 * way the CPU time of the serving workerd processes and of this process
 * (the load generator) is read around the run.
 */
import autocannon, { type RawRequest } from "autocannon";
import { encode } from "./api.ts";
import { cpuMs } from "./cpu.ts";
import type { Step } from "./scenarios/types.ts";
import type { Dispatch } from "./servers.ts";

export interface LoadSpec {
  base: string;
  headers: Record<string, string>;
  steps: Step[];
  connections: number;
  /** Seconds, unless `amount` fixes the request count. */
  duration: number;
  amount?: number | undefined;
  expect?: number[] | undefined;
  /** The workerd processes serving `base`, whose CPU time the result reports. */
  pids?: number[] | undefined;
  /** Send through Miniflare#dispatchFetch instead of autocannon. */
  dispatch?: Dispatch | undefined;
}

export interface LoadResult {
  requests: number;
  seconds: number;
  rps: number;
  p50: number;
  p99: number;
  /** Unexpected statuses plus connection errors and timeouts. */
  errors: number;
  statuses: Record<string, number>;
  /** CPU time of the serving workerd processes during the run, in ms (absent without /proc). */
  cpuMs?: number;
  /** CPU time of the bench's own process (the load generator) during the run, in ms. */
  driverCpuMs?: number;
}

/** What a driver returns; runLoad adds the CPU times. */
type Driven = Omit<LoadResult, "cpuMs" | "driverCpuMs" | "errors"> & { failures: number };

const SAMPLE_MS = 50;

/** Runs the load; `n` keeps counting across calls made with the same counter (warm-up, then measure). */
export async function runLoad(spec: LoadSpec, counter = { n: 0 }): Promise<LoadResult> {
  const serverBefore = cpuMs(spec.pids ?? []);
  const driverBefore = process.cpuUsage();
  const driven = spec.dispatch ? await dispatchLoad(spec, spec.dispatch, counter) : await autocannonLoad(spec, counter);
  const serverAfter = cpuMs(spec.pids ?? []);
  const driver = process.cpuUsage(driverBefore);
  const ok = (status: number) => (spec.expect ? spec.expect.includes(status) : status >= 200 && status < 300);
  const unexpected = Object.entries(driven.statuses).reduce((sum, [code, count]) => sum + (ok(Number(code)) ? 0 : count), 0);
  const { failures, ...result } = driven;
  return {
    ...result,
    errors: unexpected + failures,
    ...(serverBefore !== undefined && serverAfter !== undefined ? { cpuMs: serverAfter - serverBefore } : {}),
    driverCpuMs: (driver.user + driver.system) / 1000,
  };
}

async function autocannonLoad(spec: LoadSpec, counter: { n: number }): Promise<Driven> {
  const requests = spec.steps.map((step) => ({
    setupRequest(request: RawRequest, cycle: Record<string, unknown>) {
      const next = step(counter.n++, cycle);
      const encoded = encode(next, spec.headers);
      const built: RawRequest = { ...request, method: next.method, path: next.path, headers: encoded.headers };
      if (encoded.body !== undefined) built.body = encoded.body;
      return built;
    },
  }));
  const result = await autocannon({
    url: spec.base,
    connections: spec.connections,
    ...(spec.amount ? { amount: spec.amount } : { duration: spec.duration }),
    timeout: 10,
    // autocannon stops only on a sample tick (default every second): a run of
    // 0.5 s, or a fixed amount done in 0.3 s, would count as a whole second.
    sampleInt: SAMPLE_MS,
    requests,
  });
  const total = result.requests.total;
  return {
    requests: total,
    seconds: result.duration,
    rps: result.duration > 0 ? total / result.duration : 0,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failures: result.errors,
    statuses: Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, { count }]) => [code, Number(count)])),
  };
}

/** `connections` loops, each sending its steps in turn through dispatchFetch until the time or the amount is spent. */
async function dispatchLoad(spec: LoadSpec, dispatch: Dispatch, counter: { n: number }): Promise<Driven> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let failures = 0;
  let started = 0;
  const begin = performance.now();
  const deadline = begin + spec.duration * 1000;
  const more = () => (spec.amount ? started < spec.amount : performance.now() < deadline);
  const connection = async () => {
    while (more()) {
      const cycle = {};
      for (const step of spec.steps) {
        if (!more()) return;
        started++;
        const next = step(counter.n++, cycle);
        const encoded = encode(next, spec.headers);
        const sent = performance.now();
        try {
          const response = await dispatch(`${spec.base}${next.path}`, { method: next.method, ...encoded });
          await response.arrayBuffer();
          statuses[response.status] = (statuses[response.status] ?? 0) + 1;
          latencies.push(performance.now() - sent);
        } catch {
          failures++;
        }
      }
    }
  };
  await Promise.all(Array.from({ length: spec.connections }, connection));
  const seconds = (performance.now() - begin) / 1000;
  return {
    requests: latencies.length + failures,
    seconds,
    rps: seconds > 0 ? (latencies.length + failures) / seconds : 0,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    failures,
    statuses,
  };
}

/** The value below which `fraction` of the values lie (nearest rank), 0 for none. */
export function percentile(values: number[], fraction: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)]!;
}
