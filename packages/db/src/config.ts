import { createLlm, createMockLlm, type LlmConfig, type LlmPort, LlmRequestError } from "@tiktok-army/core";
import { z } from "zod";
import type { EngineOptions } from "./engine.ts";
import { LOG_LEVELS } from "./logger.ts";
import { secretValues } from "./secrets.ts";

/** Worker and queue settings from the environment, validated once at start. */
export const engineEnvSchema = z.object({
  DATABASE_URL: z.string().min(1).optional(),
  /** The least severe log lines written: fatal, error, warn, info, debug, trace, or silent. */
  LOG_LEVEL: z.enum(LOG_LEVELS).default("info"),
  WORKER_CONCURRENCY: z.coerce.number().int().min(0).max(64).default(4),
  /** A step attempt running longer is presumed dead and handed to another worker. */
  STEP_EXPIRE_SECONDS: z.coerce.number().int().min(1).max(86_400).default(300),
  QUEUE_MAINTENANCE_SECONDS: z.coerce.number().int().min(1).max(3600).default(5),
  STEP_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(3),
  STEP_RETRY_BACKOFF_MS: z.coerce.number().int().min(0).max(600_000).default(1000),
  /** Mock mode only: how long each fixture reply takes, to watch runs move in real time. */
  MOCK_LLM_LATENCY_MS: z.coerce.number().int().min(0).max(60_000).default(0),
  /**
   * Mock mode only: agents (comma-separated names) whose model calls fail as an overloaded API
   * would, to rehearse failures, retries and "retry from this step" without a real outage.
   */
  MOCK_FAIL_AGENTS: z
    .string()
    .default("")
    .transform((list) =>
      list
        .split(",")
        .map((name) => name.trim())
        .filter(Boolean),
    ),
});
export type EngineEnv = z.infer<typeof engineEnvSchema>;

export function engineEnv(env: Record<string, string | undefined>): EngineEnv {
  return engineEnvSchema.parse(env);
}

/**
 * The engine's options as the environment sets them: the one mapping from settings to the engine,
 * used by the server and by worker processes alike. `secrets` are the configured secret values
 * (the API key, DATABASE_URL's password), which the run store never stores; loggers take the same.
 * @example
 * const engine = await startEngine({ connectionString, log, ...engineOptionsFor(engineEnv(env), llmConfigFromEnv(env)) });
 */
export function engineOptionsFor(engine: EngineEnv, llm: LlmConfig) {
  return {
    llm: llmFor(llm, engine),
    concurrency: engine.WORKER_CONCURRENCY,
    retry: { maxAttempts: engine.STEP_MAX_ATTEMPTS, backoffMs: engine.STEP_RETRY_BACKOFF_MS },
    queue: {
      expireInSeconds: engine.STEP_EXPIRE_SECONDS,
      maintenanceIntervalSeconds: engine.QUEUE_MAINTENANCE_SECONDS,
    },
    secrets: secretValues({ apiKey: llm.apiKey, databaseUrl: engine.DATABASE_URL }),
  } satisfies Partial<EngineOptions>;
}

/** The LLM of a validated config, with the mock-mode settings of the engine's env applied. */
export function llmFor(config: LlmConfig, engine: EngineEnv): LlmPort {
  if (config.mode !== "mock") return createLlm(config);
  const mock = createMockLlm({ model: config.model, latencyMs: engine.MOCK_LLM_LATENCY_MS });
  const failing = new Set(engine.MOCK_FAIL_AGENTS);
  if (failing.size === 0) return mock;
  const overloaded = (agent: string) =>
    Promise.reject(
      new LlmRequestError(`Anthropic API answered 529: overloaded (mock failure for ${agent})`, 529),
    );
  return {
    ...mock,
    text: (request) => (failing.has(request.agent) ? overloaded(request.agent) : mock.text(request)),
    structured: (request) =>
      failing.has(request.agent) ? overloaded(request.agent) : mock.structured(request),
  };
}
