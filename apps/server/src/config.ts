import path from "node:path";
import { fileURLToPath } from "node:url";
import { type LlmConfig, llmConfigFromEnv } from "@tiktok-army/core";
import { DEFAULT_MAX_BATCH_SIZE } from "@tiktok-army/core/model";
import { type EngineEnv, engineEnv, type TikTokSettings, tiktokSettingsFromEnv } from "@tiktok-army/db";
import type { LogLevel } from "@tiktok-army/db/logger";
import { z } from "zod";

const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));
/** Where `apps/web` builds the dashboard to. */
export const DEFAULT_WEB_DIST = fileURLToPath(new URL("../../web/dist", import.meta.url));

const MIB = 1024 * 1024;

const storageEnvSchema = z.object({
  /** Local state: the embedded PostgreSQL's files (`pg/`) and the local API key. Relative to the repo root. */
  DATA_DIR: z
    .string()
    .default(".data")
    .transform((dir) => path.resolve(REPO_ROOT, dir)),
  /** The embedded PostgreSQL's port on 127.0.0.1; 0: any free one. */
  EMBEDDED_PG_PORT: z.coerce.number().int().min(0).max(65_535).default(0),
});

const serverEnvSchema = storageEnvSchema.extend({
  PORT: z.coerce.number().int().min(0).max(65_535).default(3001),
  HOST: z.string().default("127.0.0.1"),
  /** Larger request bodies are refused with 413 before they are read in full. */
  MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(100 * MIB)
    .default(MIB),
  /** The workspace of the default set-up, whose key `/api/session` hands to the dashboard on this machine. */
  LOCAL_WORKSPACE: z.string().min(1).max(100).default("local"),
  /** After SIGTERM, keep serving (with /readyz at 503) this long so load balancers stop sending traffic. */
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(120_000).default(0),
  /** Procedures one batched request may call; larger batches get 400. 0: no cap. */
  MAX_BATCH_SIZE: z.coerce.number().int().min(0).max(10_000).default(DEFAULT_MAX_BATCH_SIZE),
  /** API calls a key (the dashboard's session: its workspace) may make a minute. 0: no limit. */
  RATE_LIMIT_CALLS_PER_MINUTE: z.coerce.number().int().min(0).max(1_000_000).default(600),
  /** Runs a key (the dashboard's session: its workspace) may start a minute. 0: no limit. */
  RATE_LIMIT_RUNS_PER_MINUTE: z.coerce.number().int().min(0).max(1_000_000).default(30),
});

export interface StorageConfig {
  dataDir: string;
  /** Unset: an embedded PostgreSQL in `dataDir/pg`. */
  databaseUrl: string | undefined;
  /** The embedded PostgreSQL's port; undefined: any free one. */
  embeddedPgPort: number | undefined;
  /** `LOG_LEVEL`: the least severe log lines written. */
  logLevel: LogLevel;
}

export interface ServerConfig extends StorageConfig {
  port: number;
  host: string;
  maxBodyBytes: number;
  localWorkspace: string;
  shutdownGraceMs: number;
  /** Undefined: batches of any size. */
  maxBatchSize: number | undefined;
  /** API calls and runs started per key (per workspace for the dashboard's cookie); 0: no limit. */
  rateLimitsPerMinute: { calls: number; runs: number };
  /** The built dashboard; served with an SPA fallback to its index.html. */
  webDist: string;
  engine: EngineEnv;
  llm: LlmConfig;
  /** The TikTok app, TOKEN_ENCRYPTION_KEY and TIKTOK_SANDBOX (see docs/tiktok.md). */
  tiktok: TikTokSettings;
}

/**
 * The server's settings, read once from the environment and validated (throws a ZodError naming
 * the bad variable). Blank variables count as unset.
 *
 * @example
 * const config = serverConfigFromEnv(process.env);
 * const server = await startServer({ ...config, port: 0 });
 */
export function serverConfigFromEnv(env: Record<string, string | undefined>): ServerConfig {
  const clean = withoutBlanks(env);
  const server = serverEnvSchema.parse(clean);
  const engine = engineEnv(clean);
  return {
    dataDir: server.DATA_DIR,
    databaseUrl: engine.DATABASE_URL,
    embeddedPgPort: server.EMBEDDED_PG_PORT || undefined,
    logLevel: engine.LOG_LEVEL,
    port: server.PORT,
    host: server.HOST,
    maxBodyBytes: server.MAX_BODY_BYTES,
    localWorkspace: server.LOCAL_WORKSPACE,
    shutdownGraceMs: server.SHUTDOWN_GRACE_MS,
    maxBatchSize: server.MAX_BATCH_SIZE || undefined,
    rateLimitsPerMinute: {
      calls: server.RATE_LIMIT_CALLS_PER_MINUTE,
      runs: server.RATE_LIMIT_RUNS_PER_MINUTE,
    },
    webDist: DEFAULT_WEB_DIST,
    engine,
    llm: llmConfigFromEnv(clean),
    tiktok: tiktokSettingsFromEnv(clean),
  };
}

/** What the CLI needs: where the database is. */
export function storageConfigFromEnv(env: Record<string, string | undefined>): StorageConfig {
  const clean = withoutBlanks(env);
  const storage = storageEnvSchema.parse(clean);
  const engine = engineEnv(clean);
  return {
    dataDir: storage.DATA_DIR,
    databaseUrl: engine.DATABASE_URL,
    embeddedPgPort: storage.EMBEDDED_PG_PORT || undefined,
    logLevel: engine.LOG_LEVEL,
  };
}

/** `PORT=` in a .env file means "default", not 0 (which z.coerce.number would make of ""). */
function withoutBlanks(env: Record<string, string | undefined>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(env).map(([name, value]) => [name, value?.trim() || undefined]));
}
