import pg from "pg";
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import type { Log } from "./logger.ts";

/** The counters live here, outside `public`: schema.prisma and its drift test never see them. */
export const RATE_LIMITS_SCHEMA = "rate_limits";
const TABLE = "counters";

/** Allowed, or refused until `retryAfterMs` from now. */
export type RateVerdict = { ok: true } | { ok: false; retryAfterMs: number };

/** A budget of `perMinute` points per key, renewed each minute (a fixed window per key). */
export interface RateLimit {
  /** 0: no limit. */
  readonly perMinute: number;
  /** Takes `points` (1 by default) from `key`'s budget, or says how long until it has them. */
  take(key: string, points?: number): Promise<RateVerdict>;
}

export interface RateLimits {
  /** Every API call. */
  calls: RateLimit;
  /** Runs started. */
  runs: RateLimit;
  close(): Promise<void>;
}

/** A limit that never refuses; what a limit of 0 means. */
export const unlimited: RateLimit = { perMinute: 0, take: async () => ({ ok: true }) };

/**
 * The API's rate limits, counted in PostgreSQL so that every API process over the same database
 * shares them. Creates the `rate_limits` schema and its table on first use. When PostgreSQL does not
 * answer, each process counts in memory instead (`log` hears of it) rather than failing calls.
 *
 * @example
 * const limits = await openRateLimits(url, { callsPerMinute: 600, runsPerMinute: 30 });
 * const verdict = await limits.calls.take(`key:${keyId}`);
 */
export async function openRateLimits(
  connectionString: string,
  perMinute: { calls: number; runs: number },
  log: Log = () => {},
): Promise<RateLimits> {
  // Its own small pool: a counter is one statement, and a stuck one must not hold a call for long.
  const pool = new pg.Pool({ connectionString, max: 4, connectionTimeoutMillis: 2000, query_timeout: 2000 });
  pool.on("error", (error) => log({ level: "warn", msg: "rate limit pool error", error: error.message }));
  try {
    if (perMinute.calls > 0 || perMinute.runs > 0) await createRateLimitTable(pool);
  } catch (error) {
    await pool.end();
    throw error;
  }
  const limit = (name: string, points: number) =>
    points > 0 ? postgresLimit(pool, name, points, log) : unlimited;
  return {
    calls: limit("calls", perMinute.calls),
    runs: limit("runs", perMinute.runs),
    close: () => pool.end(),
  };
}

/**
 * A budget of `perMinute` points per key over `pool`, counted in the shared `rate_limits.counters`
 * table (keys of different budgets apart by `name`); `createRateLimitTable` must have run.
 */
export function postgresLimit(pool: pg.Pool, name: string, perMinute: number, log: Log): RateLimit {
  const options = { keyPrefix: name, points: perMinute, duration: 60 };
  const limiter = new RateLimiterPostgres({
    ...options,
    storeClient: pool,
    storeType: "pool",
    schemaName: RATE_LIMITS_SCHEMA,
    tableName: TABLE,
    tableCreated: true,
    // Once a key is over its budget, this process refuses it without asking PostgreSQL again until
    // the window ends: a flood from one key costs the database nothing.
    inMemoryBlockOnConsumed: perMinute + 1,
    insuranceLimiter: new RateLimiterMemory(options),
  });
  let warned = false;
  return {
    perMinute,
    async take(key, points = 1) {
      try {
        await limiter.consume(key, points);
        return { ok: true };
      } catch (refusal) {
        if (refusal instanceof RateLimiterRes) {
          return { ok: false, retryAfterMs: Math.max(refusal.msBeforeNext, 1) };
        }
        // Only reached if the in-memory insurance itself fails: never refuse a call for that.
        if (!warned) log({ level: "error", msg: "rate limit failed", error: String(refusal) });
        warned = true;
        return { ok: true };
      }
    },
  };
}

/** The table rate-limiter-flexible expects, made once (an advisory lock serialises racing processes). */
export async function createRateLimitTable(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [RATE_LIMITS_SCHEMA]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${RATE_LIMITS_SCHEMA}`);
    await client.query(`CREATE TABLE IF NOT EXISTS ${RATE_LIMITS_SCHEMA}.${TABLE} (
      key varchar(255) PRIMARY KEY,
      points integer NOT NULL DEFAULT 0,
      expire bigint
    )`);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
