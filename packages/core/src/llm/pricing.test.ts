import { describe, expect, it } from "vitest";
import { costUsd, DEFAULT_MODEL, findModelPrice, modelPrice, UnknownModelError } from "./pricing.ts";

const usage = (inputTokens: number, outputTokens: number, cacheReadTokens = 0, cacheWriteTokens = 0) => ({
  inputTokens,
  outputTokens,
  cacheReadTokens,
  cacheWriteTokens,
});

describe("costUsd", () => {
  it("prices input and output per million tokens", () => {
    expect(costUsd("claude-sonnet-5-5", usage(1000, 500))).toBe(0.007);
    expect(costUsd("claude-opus-5-5", usage(1_000_000, 1_000_000))).toBe(24);
  });

  it("prices cache reads and 5-minute cache writes at their own rates", () => {
    // Sonnet 4.6: writes 3.75, reads 0.30 per million.
    expect(costUsd("claude-sonnet-4-6", usage(0, 0, 1_000_000, 0))).toBe(0.3);
    expect(costUsd("claude-sonnet-4-6", usage(0, 0, 0, 1_000_000))).toBe(3.75);
  });

  it("bills a whole Haiku 5.5 request at the long-prompt rates once its prompt passes 100k tokens", () => {
    expect(costUsd("claude-haiku-5-5", usage(100_000, 1_000_000))).toBe(0.01 + 0.5);
    // Cache reads count toward the prompt length, and the output is billed at the higher rate too.
    expect(costUsd("claude-haiku-5-5", usage(1, 1_000_000, 100_000))).toBeCloseTo(0.0000005 + 2.5 + 0.005, 9);
  });

  it("prices a dated snapshot id like its alias", () => {
    expect(costUsd("claude-haiku-4-5-20251001", usage(1000, 0))).toBe(
      costUsd("claude-haiku-4-5", usage(1000, 0)),
    );
  });

  it("throws UnknownModelError naming the model and the known ones", () => {
    expect(() => costUsd("claude-imaginary-9", usage(1, 1))).toThrow(UnknownModelError);
    expect(() => modelPrice("claude-imaginary-9")).toThrow(/"claude-imaginary-9".*claude-sonnet-5-5/);
    expect(findModelPrice("toString")).toBeUndefined();
  });

  it("knows the default model", () => {
    expect(findModelPrice(DEFAULT_MODEL)).toBeDefined();
  });
});
