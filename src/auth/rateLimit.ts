import type { AppRequest } from "../shared/context";
import { ApiError } from "../shared/errors";

/**
 * Counts a signed-in request against its API key's rate limit: the Workers
 * Rate Limiting binding (`[[ratelimits]]` in wrangler.toml, per
 * environment), past which the answer is 429 with `Retry-After`. Checked
 * before any D1 work, so a limited request costs none. The count is keyed
 * by the key id and the presented secret's hash: a request presenting a
 * wrong secret (the id is public) never uses up the real key's limit. The
 * binding is approximate and per Cloudflare location: it protects the
 * service, it never enforces anything a tenant pays for (seat caps).
 */
export async function countRequest(request: AppRequest, env: Env, keyId: string, secretHash: string): Promise<void> {
  const limit = Number(env.RATE_LIMIT_REQUESTS);
  const periodSeconds = Number(env.RATE_LIMIT_PERIOD_SECONDS);
  const { success } = await env.RATE_LIMITER.limit({ key: `${keyId}:${secretHash.slice(0, 16)}` });
  // The binding's window is the wall clock's: it starts again at the next multiple of the period.
  const resetSeconds = periodSeconds - (Math.floor(Date.now() / 1000) % periodSeconds);
  request.rateLimit = { limit, periodSeconds, resetSeconds, limited: !success };
  if (!success) {
    throw new ApiError(429, "rate_limited", `This API key sent more than ${limit} requests in ${periodSeconds} s; retry in ${resetSeconds} s`, {
      "Retry-After": String(resetSeconds),
    });
  }
}
