import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { createAnthropicLlm } from "../llm/anthropic.ts";
import { LlmOutputError } from "../llm/errors.ts";
import { genericReport } from "../llm/fixtures/reports.ts";
import { SYNTHESIS_FIXTURES } from "../llm/fixtures.ts";
import { createMockLlm } from "../llm/mock.ts";
import { costUsd } from "../llm/pricing.ts";
import { type AnthropicStub, messageReply, startAnthropicStub } from "../testing/anthropic-stub.ts";
import { fakeAgent } from "../testing/fake-agent.ts";
import { createFixtureLlm } from "../testing/fake-llm.ts";
import { SYNTHESIS_NODE } from "../workflow/nodes.ts";
import { TraceRecorder } from "./trace.ts";
import { agentCaller, reportCaller, tracedLlm } from "./traced-llm.ts";

const MODEL = "claude-sonnet-5-5";
const caller = { agent: "scout", workflowSlug: "scouting", mockReply: () => ({ ideas: ["duet"] }) };
const request = {
  system: "You find trends.",
  prompt: "Ideas",
  schema: z.object({ ideas: z.array(z.string()) }),
};

let stub: AnthropicStub | undefined;
afterEach(async () => {
  await stub?.close();
  stub = undefined;
});

describe("tracedLlm", () => {
  it("stamps every request with its caller, which agent code never writes, and traces the caller", async () => {
    const trace = new TraceRecorder();
    const port = createFixtureLlm();
    await tracedLlm(port, trace, caller).structured(request);
    expect(port.calls[0]).toMatchObject({ agent: "scout", workflowSlug: "scouting", prompt: "Ideas" });
    expect(trace.entries[0]).toMatchObject({ kind: "llm_call", agent: "scout", workflowSlug: "scouting" });
  });

  it("records a billed reply that fails validation with its real tokens and cost, then rethrows", async () => {
    const usage = { input_tokens: 1200, output_tokens: 300, cache_read_input_tokens: 4000 };
    stub = await startAnthropicStub(() => messageReply("Sure! Here are some ideas", { usage }));
    const trace = new TraceRecorder();
    const llm = tracedLlm(
      createAnthropicLlm({ apiKey: "k", model: MODEL, baseURL: stub.url }),
      trace,
      caller,
    );

    await expect(llm.structured(request)).rejects.toBeInstanceOf(LlmOutputError);

    const counts = { inputTokens: 1200, outputTokens: 300, cacheReadTokens: 4000, cacheWriteTokens: 0 };
    expect(trace.entries).toEqual([
      expect.objectContaining({
        kind: "llm_call",
        mode: "real",
        model: MODEL,
        response: "Sure! Here are some ideas",
        usage: { ...counts, costUsd: costUsd(MODEL, counts) },
        error: expect.stringContaining("is not valid JSON"),
      }),
    ]);
    expect(costUsd(MODEL, counts)).toBeGreaterThan(0);
  });

  it("records a call that never got a reply as costing nothing", async () => {
    const trace = new TraceRecorder();
    const closed = await startAnthropicStub(() => messageReply("never"));
    await closed.close();
    const llm = tracedLlm(
      createAnthropicLlm({ apiKey: "k", model: MODEL, baseURL: closed.url, maxRetries: 0 }),
      trace,
      caller,
    );
    await expect(llm.text(request)).rejects.toThrow("could not reach");
    expect(trace.entries[0]).toMatchObject({ kind: "llm_call", model: MODEL, response: "" });
    expect(trace.entries[0]).toMatchObject({ usage: { inputTokens: 0, outputTokens: 0, costUsd: 0 } });
  });

  it("marks each call with the port's mode, so mock costs read as estimates", async () => {
    const trace = new TraceRecorder();
    await tracedLlm(createMockLlm(), trace, caller).structured(request);
    expect(trace.entries[0]).toMatchObject({ kind: "llm_call", mode: "mock" });
    expect(trace.entries[0]).toMatchObject({ usage: { costUsd: expect.any(Number) } });
  });

  it("gives an agent's calls the agent's own mock reply", () => {
    const scout = fakeAgent({ name: "scout" });
    const mockReply = () => ({ value: "mock" });
    expect(agentCaller({ ...scout, mockReply }, "scouting")).toEqual({
      agent: "scout",
      workflowSlug: "scouting",
      mockReply,
    });
  });

  it("gives the report the workflow's mock report, else the generic one", () => {
    expect(reportCaller("profile_audit")).toEqual({
      agent: SYNTHESIS_NODE,
      workflowSlug: "profile_audit",
      mockReply: SYNTHESIS_FIXTURES.profile_audit,
    });
    expect(reportCaller("my_custom_flow").mockReply).toBe(genericReport);
    expect(reportCaller("constructor").mockReply).toBe(genericReport);
  });
});
