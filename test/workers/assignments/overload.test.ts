// An overloaded object cannot be provoked on purpose in workerd, so the
// mapping of the runtime's overload error to Datadog's 429 is checked on
// onSeats directly, with an operation that fails the way the runtime's stub does.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { ApiError } from "../../../src/http/errors";
import { onSeats } from "../../../src/resources/seatAssignments/changes";
import { datadog } from "../../../src/surfaces/datadog";

const change = { workspaceId: crypto.randomUUID(), productCode: "apm", userIds: [crypto.randomUUID()] };

/** The error onSeats throws for an operation that fails with `error` (fails when it does not throw). */
async function thrownFor(error: Error): Promise<unknown> {
  try {
    await onSeats(env, undefined, change, () => Promise.reject(error));
  } catch (thrown) {
    return thrown;
  }
  throw new Error("expected onSeats to throw");
}

describe("an overloaded seat object", () => {
  it("becomes 429 with Retry-After, in Datadog's error body", async () => {
    const thrown = await thrownFor(Object.assign(new Error("Durable Object is overloaded."), { overloaded: true }));
    expect(thrown).toBeInstanceOf(ApiError);
    const response = datadog.renderError(thrown as ApiError);
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("1");
    expect(await response.json()).toEqual({ errors: [expect.stringMatching(/retry/i)] });
  });

  it("while any other failure of the object stays an unexpected error", async () => {
    const failure = new Error("D1 went away");
    expect(await thrownFor(failure)).toBe(failure);
  });
});
