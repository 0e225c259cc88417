// An overloaded object cannot be provoked on purpose in workerd, so the
// mapping of the runtime's overload error to Datadog's 429 is checked on
// overloadAs429 directly, with a call that fails the way the runtime's stub does.
import { describe, expect, it } from "vitest";
import { overloadAs429 } from "../../../src/objects/overload";
import { ApiError } from "../../../src/shared/errors";
import { datadog } from "../../../src/surfaces/datadog";

/** The error overloadAs429 throws for a call that fails with `error` (fails when it does not throw). */
async function thrownFor(error: Error): Promise<unknown> {
  try {
    await overloadAs429(() => Promise.reject(error));
  } catch (thrown) {
    return thrown;
  }
  throw new Error("expected overloadAs429 to throw");
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

  // Datadog's client waits X-RateLimit-Reset seconds before retrying a 429 and never reads Retry-After.
  it("tells Datadog's client to wait that 1 s, in X-RateLimit-Reset, where the key's own window would say more", async () => {
    const thrown = await thrownFor(Object.assign(new Error("Durable Object is overloaded."), { overloaded: true }));
    const response = datadog.renderError(thrown as ApiError);
    const window = { limit: 600, periodSeconds: 60, resetSeconds: 42, limited: false };
    expect(datadog.rateLimitHeaders!(window, response.headers.get("retry-after"))["X-RateLimit-Reset"]).toBe("1");
    expect(datadog.rateLimitHeaders!(window, null)["X-RateLimit-Reset"]).toBe("42");
  });

  it("while any other failure of the object stays an unexpected error", async () => {
    const failure = new Error("D1 went away");
    expect(await thrownFor(failure)).toBe(failure);
  });
});
