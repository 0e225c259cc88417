/**
 * The bench's Worker (`npm run bench`, and the tests under test/bench/worker):
 * Seatkeeper's own Worker and Durable Object, unchanged, behind a D1 meter.
 * A request that sends `x-bench-d1-meter` runs on a metered D1 binding and a
 * metered SeatAssignments namespace, and its response reports the sums in
 * `x-d1-*` headers; any other request runs untouched. Served only from
 * ./wrangler.toml (the real config's bindings, this entry): the deployed
 * Worker (src/index.ts, /wrangler.toml) has no meter.
 */
import worker from "../../src/index";
import { METER_REQUEST_HEADER, meteredDb, newMeter, type D1Meter } from "./meter";
import { meteredSeatObjects, MeteredSeatAssignments } from "./seatAssignments";

// Bound under the real class name, so the config keeps the real binding and migrations.
// A Worker's main module exports only handlers and classes.
export { MeteredSeatAssignments as SeatAssignments };

export default {
  async fetch(request, env, ctx) {
    if (!request.headers.has(METER_REQUEST_HEADER)) return worker.fetch(request, env, ctx);
    const meter = newMeter();
    const objects = env.SEAT_ASSIGNMENTS as unknown as DurableObjectNamespace<MeteredSeatAssignments>;
    const metered = { ...env, DB: meteredDb(env.DB, meter), SEAT_ASSIGNMENTS: meteredSeatObjects(objects, meter) };
    return withMeterHeaders(await worker.fetch(request, metered, ctx), meter);
  },
} satisfies ExportedHandler<Env>;

function withMeterHeaders(response: Response, meter: D1Meter): Response {
  const reported = new Response(response.body, response);
  reported.headers.set("x-d1-calls", String(meter.calls));
  reported.headers.set("x-d1-queries", String(meter.queries));
  reported.headers.set("x-d1-rows-read", String(meter.rowsRead));
  reported.headers.set("x-d1-rows-written", String(meter.rowsWritten));
  reported.headers.set("x-d1-unmetered", String(meter.unmetered));
  return reported;
}
