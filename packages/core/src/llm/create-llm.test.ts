import { describe, expect, it } from "vitest";
import { z } from "zod";
import { messageReply, startAnthropicStub } from "../testing/anthropic-stub.ts";
import { createLlm, llmConfigFromEnv, llmConfigSchema } from "./create-llm.ts";
import { DEFAULT_MODEL } from "./pricing.ts";

describe("llmConfigSchema", () => {
  it("defaults to mock mode and the default model", () => {
    expect(llmConfigSchema.parse({})).toEqual({ mode: "mock", model: DEFAULT_MODEL });
  });

  it("requires an API key in real mode, naming ANTHROPIC_API_KEY", () => {
    const result = llmConfigSchema.safeParse({ mode: "real" });
    expect(result.success).toBe(false);
    expect(z.prettifyError(result.error as z.ZodError)).toMatch(/ANTHROPIC_API_KEY/);
  });

  it("rejects a model it cannot price", () => {
    expect(() => llmConfigSchema.parse({ model: "gpt-6" })).toThrow(/unknown model/);
  });
});

describe("llmConfigFromEnv", () => {
  it("maps the environment variables, treating blank ones as unset", () => {
    const env = {
      CLAUDE_MODE: "Real",
      ANTHROPIC_API_KEY: "sk-test",
      ANTHROPIC_MODEL: "claude-haiku-5-5",
      ANTHROPIC_BASE_URL: "http://127.0.0.1:9999",
    };
    expect(llmConfigFromEnv(env)).toEqual({
      mode: "real",
      apiKey: "sk-test",
      model: "claude-haiku-5-5",
      baseURL: "http://127.0.0.1:9999",
    });
    expect(llmConfigFromEnv({ ANTHROPIC_MODEL: "  ", CLAUDE_MODE: "" })).toEqual({
      mode: "mock",
      model: DEFAULT_MODEL,
    });
  });

  it("fails when real mode is asked for without a key", () => {
    expect(() => llmConfigFromEnv({ CLAUDE_MODE: "real" })).toThrow(/ANTHROPIC_API_KEY/);
  });
});

describe("createLlm", () => {
  it("creates the mock port in mock mode", () => {
    const llm = createLlm(llmConfigFromEnv({}));
    expect(llm).toMatchObject({ mode: "mock", model: DEFAULT_MODEL });
  });

  it("creates a real port that calls the configured base URL with the key", async () => {
    const stub = await startAnthropicStub(() => messageReply("hi"));
    try {
      const llm = createLlm(
        llmConfigFromEnv({ CLAUDE_MODE: "real", ANTHROPIC_API_KEY: "sk-test", ANTHROPIC_BASE_URL: stub.url }),
      );
      expect(llm.mode).toBe("real");
      expect((await llm.text({ agent: "a", system: "s", prompt: "p" })).value).toBe("hi");
      expect(stub.requests[0]?.headers.authorization).toBe("Bearer sk-test");
    } finally {
      await stub.close();
    }
  });
});
