import type { RateLimit } from "@tiktok-army/db";

/** What a budget counts: every call, or runs started. */
export type Budget = "calls" | "runs";

/** How a call proved who it is: its own key, or the dashboard's cookie (the local workspace's key). */
export interface Caller {
  via: "bearer" | "cookie";
  keyId: string;
  workspaceId: string;
}

/**
 * A key (or the dashboard's session) spent its budget for the minute. The API answers
 * TOO_MANY_REQUESTS with `data.retryAfterSeconds`; the server adds a `retry-after` header.
 */
export class RateLimitedError extends Error {
  override name = "RateLimitedError";
  constructor(
    readonly budget: Budget,
    readonly perMinute: number,
    readonly retryAfterSeconds: number,
  ) {
    const what = budget === "calls" ? "calls" : "runs started";
    super(`Too many ${what}: the limit is ${perMinute} a minute; retry in ${retryAfterSeconds} s`);
  }
}

/**
 * Whose budget a call spends: a key's own, or for the dashboard's cookie, its workspace's (every tab
 * and window of the local session shares one budget).
 */
export function budgetKey(caller: Caller): string {
  return caller.via === "cookie" ? `workspace:${caller.workspaceId}` : `key:${caller.keyId}`;
}

/** Takes one point of `budget` for `caller`, or throws RateLimitedError saying when to retry. */
export async function spend(limit: RateLimit, budget: Budget, caller: Caller): Promise<void> {
  const verdict = await limit.take(budgetKey(caller));
  if (!verdict.ok) {
    throw new RateLimitedError(budget, limit.perMinute, Math.ceil(verdict.retryAfterMs / 1000));
  }
}
