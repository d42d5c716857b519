import pg from "pg";
import type { Log } from "../logger.ts";
import { createRateLimitTable, postgresLimit, type RateLimit, unlimited } from "../rate-limits.ts";

/** A connection's requests for the minute are spent and the wait is longer than a caller may sleep. */
export class TokenBudgetExhaustedError extends Error {
  override readonly name = "TokenBudgetExhaustedError";
  readonly code = "token_budget_exhausted";
  readonly retriable = true;
  constructor(readonly retryAfterMs: number) {
    super(
      `this TikTok connection's request budget is spent for the minute; retry in ${Math.ceil(retryAfterMs / 1000)} s`,
    );
  }
}

/** What the TikTok client asks before each request: resolves when the token may send one. */
export interface TokenBudget {
  take(tokenKey: string): Promise<void>;
}

export interface TokenBudgets extends TokenBudget {
  close(): Promise<void>;
}

/**
 * Request budgets per TikTok token (keyed by connection id), shared by every process over the
 * database: the same PostgreSQL counters (`rate-limiter-flexible`) as the API's per-key limits.
 * `take` waits for the next window when the budget is spent, up to `maxWaitMs`, then throws
 * `TokenBudgetExhaustedError` (retriable: the step tries again later).
 * @example
 * const budgets = await openTokenBudgets(url, { perMinute: 600 });
 * await budgets.take(connectionId);
 */
export async function openTokenBudgets(
  connectionString: string,
  options: { perMinute: number; maxWaitMs?: number; sleep?: (ms: number) => Promise<void> },
  log: Log = () => {},
): Promise<TokenBudgets> {
  const maxWaitMs = options.maxWaitMs ?? 60_000;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const pool = new pg.Pool({ connectionString, max: 4, connectionTimeoutMillis: 2000, query_timeout: 2000 });
  pool.on("error", (error) => log({ level: "warn", msg: "token budget pool error", error: error.message }));
  let limit: RateLimit = unlimited;
  if (options.perMinute > 0) {
    try {
      await createRateLimitTable(pool);
    } catch (error) {
      await pool.end();
      throw error;
    }
    limit = postgresLimit(pool, "tiktok-token", options.perMinute, log);
  }
  return {
    async take(tokenKey) {
      let waited = 0;
      for (;;) {
        const verdict = await limit.take(tokenKey);
        if (verdict.ok) return;
        if (waited + verdict.retryAfterMs > maxWaitMs)
          throw new TokenBudgetExhaustedError(verdict.retryAfterMs);
        waited += verdict.retryAfterMs;
        await sleep(verdict.retryAfterMs);
      }
    },
    close: () => pool.end(),
  };
}
