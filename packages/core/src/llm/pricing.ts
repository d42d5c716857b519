import type { LlmUsage } from "./port.ts";

/**
 * USD per million tokens. `cacheWrite` is the 5-minute rate: the adapters only ask for
 * `cache_control: { type: "ephemeral" }`, whose default TTL is 5 minutes (1-hour writes cost more).
 */
export interface ModelPrice {
  input: number;
  output: number;
  cacheWrite: number;
  cacheRead: number;
}

/** A model's rates; a few models bill every token of a request at higher rates once its prompt is long. */
export interface ModelPriceCard extends ModelPrice {
  longPrompt?: { overTokens: number; price: ModelPrice };
}

/** Used when no model is configured: the current Sonnet, the docs' "best combination of speed and intelligence". */
export const DEFAULT_MODEL = "claude-sonnet-5-5";

const rates = (input: number, output: number, cacheWrite: number, cacheRead: number): ModelPrice => ({
  input,
  output,
  cacheWrite,
  cacheRead,
});

/**
 * List prices on the Claude API (platform.claude.com/docs/en/about-claude/pricing and each model's overview page,
 * checked November 2026). Cache reads are not always 0.1x input: Opus 5.5, Sonnet 5.5 and the Fable 5.x models
 * read cheaper. Retired models are left out; update this table when a model is released or repriced.
 */
export const MODEL_PRICES: Readonly<Record<string, ModelPriceCard>> = {
  // Fable 5.2 (released 2026-11-09) cut the Fable price by 20%; Mythos shares Fable's card.
  "claude-fable-5-2": rates(8, 40, 10, 0.2),
  "claude-mythos-5-2": rates(8, 40, 10, 0.2),
  "claude-fable-5-1": rates(10, 50, 12.5, 0.25),
  "claude-mythos-5-1": rates(10, 50, 12.5, 0.25),
  "claude-fable-5": rates(10, 50, 12.5, 1),
  "claude-mythos-5": rates(10, 50, 12.5, 1),
  "claude-opus-5-5": rates(4, 20, 5, 0.2),
  "claude-opus-5": rates(5, 25, 6.25, 0.5),
  "claude-opus-4-8": rates(5, 25, 6.25, 0.5),
  "claude-opus-4-7": rates(5, 25, 6.25, 0.5),
  "claude-opus-4-6": rates(5, 25, 6.25, 0.5),
  "claude-opus-4-5": rates(5, 25, 6.25, 0.5),
  // Sonnet 5.5 cache reads were cut from $0.20 to $0.10 on 2026-10-07, with the Haiku 5.5 launch.
  "claude-sonnet-5-5": rates(2, 10, 2.5, 0.1),
  "claude-sonnet-5": rates(2, 10, 2.5, 0.2),
  "claude-sonnet-4-6": rates(3, 15, 3.75, 0.3),
  "claude-sonnet-4-5": rates(3, 15, 3.75, 0.3),
  // Haiku 5.5 bills the whole request (output too) at 5x once input + cache reads + cache writes pass 100k tokens.
  "claude-haiku-5-5": {
    ...rates(0.1, 0.5, 0.125, 0.01),
    longPrompt: { overTokens: 100_000, price: rates(0.5, 2.5, 0.625, 0.05) },
  },
  "claude-haiku-4-5": rates(1, 5, 1.25, 0.1),
};

/** No price is known for the model; raised before any call is made, so nothing runs unpriced. */
export class UnknownModelError extends Error {
  override readonly name = "UnknownModelError";
  readonly code = "llm_unknown_model" as const;
  constructor(readonly model: string) {
    super(
      `no price is known for model "${model}"; use one of ${Object.keys(MODEL_PRICES).join(", ")}, ` +
        "or add it to MODEL_PRICES in packages/core/src/llm/pricing.ts",
    );
  }
}

// Pre-4.6 snapshots carry a date (claude-haiku-4-5-20251001) and cost what their alias costs.
const withoutSnapshotDate = (model: string) => model.replace(/-\d{8}$/, "");

/** The price card of a model id (dated snapshot ids included), or undefined when none is known. */
export function findModelPrice(model: string): ModelPriceCard | undefined {
  const id = withoutSnapshotDate(model);
  return Object.hasOwn(MODEL_PRICES, id) ? MODEL_PRICES[id] : undefined;
}

/** The price card of a model id; throws UnknownModelError when none is known. */
export function modelPrice(model: string): ModelPriceCard {
  const card = findModelPrice(model);
  if (!card) throw new UnknownModelError(model);
  return card;
}

/**
 * What one call cost in USD. `inputTokens` is the uncached part of the prompt, as the API reports it.
 * @example costUsd("claude-sonnet-5-5", { inputTokens: 1000, outputTokens: 500, cacheReadTokens: 0, cacheWriteTokens: 0 }) // 0.007
 */
export function costUsd(model: string, usage: Omit<LlmUsage, "costUsd">): number {
  const card = modelPrice(model);
  const promptTokens = usage.inputTokens + usage.cacheReadTokens + usage.cacheWriteTokens;
  const price = card.longPrompt && promptTokens > card.longPrompt.overTokens ? card.longPrompt.price : card;
  const micros =
    usage.inputTokens * price.input +
    usage.outputTokens * price.output +
    usage.cacheWriteTokens * price.cacheWrite +
    usage.cacheReadTokens * price.cacheRead;
  // Rounded to a billionth of a dollar so sums of many calls don't show float noise.
  return Math.round(micros * 1000) / 1e9;
}
