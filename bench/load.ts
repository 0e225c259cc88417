/** Drives one row's load with autocannon over loopback and condenses the result. */
import autocannon, { type RawRequest } from "autocannon";
import { encode } from "./api.ts";
import type { Step } from "./scenarios/types.ts";

export interface LoadSpec {
  base: string;
  headers: Record<string, string>;
  steps: Step[];
  connections: number;
  /** Seconds, unless `amount` fixes the request count. */
  duration: number;
  amount?: number | undefined;
  expect?: number[] | undefined;
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
}

const SAMPLE_MS = 50;

/** Runs the load; `n` keeps counting across calls made with the same counter (warm-up, then measure). */
export async function runLoad(spec: LoadSpec, counter = { n: 0 }): Promise<LoadResult> {
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
  const statuses = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, { count }]) => [code, Number(count)]));
  const ok = (status: number) => (spec.expect ? spec.expect.includes(status) : status >= 200 && status < 300);
  const unexpected = Object.entries(statuses).reduce((sum, [code, count]) => sum + (ok(Number(code)) ? 0 : count), 0);
  const total = result.requests.total;
  return {
    requests: total,
    seconds: result.duration,
    rps: result.duration > 0 ? total / result.duration : 0,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: unexpected + result.errors,
    statuses,
  };
}
