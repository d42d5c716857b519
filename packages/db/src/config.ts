import { createLlm, createMockLlm, type LlmPort, llmConfigFromEnv } from "@tiktok-army/core";
import { z } from "zod";

/** Worker and queue settings from the environment, validated once at start. */
export const engineEnvSchema = z.object({
  DATABASE_URL: z.string().min(1).optional(),
  WORKER_CONCURRENCY: z.coerce.number().int().min(0).max(64).default(4),
  /** A step attempt running longer is presumed dead and handed to another worker. */
  STEP_EXPIRE_SECONDS: z.coerce.number().int().min(1).max(86_400).default(300),
  QUEUE_MAINTENANCE_SECONDS: z.coerce.number().int().min(1).max(3600).default(5),
  STEP_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(3),
  STEP_RETRY_BACKOFF_MS: z.coerce.number().int().min(0).max(600_000).default(1000),
  /** Mock mode only: how long each fixture reply takes, to watch runs move in real time. */
  MOCK_LLM_LATENCY_MS: z.coerce.number().int().min(0).max(60_000).default(0),
});
export type EngineEnv = z.infer<typeof engineEnvSchema>;

export function engineEnv(env: Record<string, string | undefined>): EngineEnv {
  return engineEnvSchema.parse(env);
}

/** The LLM the environment asks for: CLAUDE_MODE=real with a key, else mock fixtures. */
export function llmFromEnv(env: Record<string, string | undefined>, engine: EngineEnv): LlmPort {
  const config = llmConfigFromEnv(env);
  return config.mode === "mock"
    ? createMockLlm({ latencyMs: engine.MOCK_LLM_LATENCY_MS })
    : createLlm(config);
}
