import { z } from "zod";
import { createAnthropicLlm } from "./anthropic.ts";
import { createMockLlm } from "./mock.ts";
import type { LlmPort } from "./port.ts";
import { DEFAULT_MODEL, findModelPrice, MODEL_PRICES } from "./pricing.ts";

/** How the product talks to a model; validated once at the composition root. */
export const llmConfigSchema = z
  .object({
    mode: z.enum(["mock", "real"]).default("mock"),
    apiKey: z.string().min(1).optional(),
    model: z
      .string()
      .min(1)
      .default(DEFAULT_MODEL)
      .refine((model) => findModelPrice(model) !== undefined, {
        message: `unknown model: costs are priced per model, use one of ${Object.keys(MODEL_PRICES).join(", ")}`,
      }),
    baseURL: z.url().optional(),
  })
  .refine((config) => config.mode === "mock" || config.apiKey !== undefined, {
    message: "real mode needs an API key: set ANTHROPIC_API_KEY (or use CLAUDE_MODE=mock)",
    path: ["apiKey"],
  });

export type LlmConfig = z.infer<typeof llmConfigSchema>;

/**
 * The LlmPort a config asks for.
 * @example const llm = createLlm(llmConfigFromEnv(process.env)); // in the app's composition root
 */
export function createLlm(config: LlmConfig): LlmPort {
  if (config.mode === "mock") return createMockLlm({ model: config.model });
  if (!config.apiKey) throw new Error("real mode needs an API key: set ANTHROPIC_API_KEY");
  return createAnthropicLlm({ apiKey: config.apiKey, model: config.model, baseURL: config.baseURL });
}

/**
 * Reads and validates the LLM settings from an environment the caller hands over (core never reads process.env);
 * throws a ZodError naming the bad variable. Blank variables count as unset, so `ANTHROPIC_MODEL=` in a .env file
 * falls back to the default.
 * @example llmConfigFromEnv({ CLAUDE_MODE: "real", ANTHROPIC_API_KEY: "sk-..." })
 */
export function llmConfigFromEnv(env: Record<string, string | undefined>): LlmConfig {
  const read = (name: string) => env[name]?.trim() || undefined;
  return llmConfigSchema.parse({
    mode: read("CLAUDE_MODE")?.toLowerCase(),
    apiKey: read("ANTHROPIC_API_KEY"),
    model: read("ANTHROPIC_MODEL"),
    baseURL: read("ANTHROPIC_BASE_URL"),
  });
}
