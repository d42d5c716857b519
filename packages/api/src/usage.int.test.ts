import {
  costUsd,
  createAnthropicLlm,
  FINISHED_RUN_STATUSES,
  type LlmUsage,
  type RunState,
} from "@tiktok-army/core";
import { type AnthropicStub, messageReply, startAnthropicStub } from "@tiktok-army/core/testing";
import { waitFor } from "@tiktok-army/db/testing";
import { afterEach, describe, expect, it } from "vitest";
import { startTestApi } from "./testing.ts";

const MODEL = "claude-sonnet-5-5";

let api: Awaited<ReturnType<typeof startTestApi>> | undefined;
let stub: AnthropicStub | undefined;
afterEach(async () => {
  await api?.stop();
  await stub?.close();
  api = stub = undefined;
});

async function finishedRun(options: Parameters<typeof startTestApi>[0] = {}) {
  api = await startTestApi(options);
  const caller = await api.caller((await api.workspace("usage")).apiKey);
  const { runId } = await caller.workflows.run({
    slug: "profile_audit",
    handle: "lakucosmetics",
    targetType: "brand",
  });
  const engine = api.engine;
  const state = await waitFor(async () => {
    const s = await engine.store.load(runId);
    return s && FINISHED_RUN_STATUSES.includes(s.status) ? s : undefined;
  }, "the run to finish");
  return { state, caller, run: await caller.runs.get({ runId }), list: await caller.runs.list() };
}

/** Every model call of every attempt, summed from the traces the store kept. */
function summed(state: RunState): LlmUsage {
  const calls = Object.values(state.steps).flatMap((s) =>
    s.trace.flatMap((t) => (t.kind === "llm_call" ? [t.usage] : [])),
  );
  const sum = (pick: (u: LlmUsage) => number) => calls.reduce((total, u) => total + pick(u), 0);
  return {
    inputTokens: sum((u) => u.inputTokens),
    outputTokens: sum((u) => u.outputTokens),
    cacheReadTokens: sum((u) => u.cacheReadTokens),
    cacheWriteTokens: sum((u) => u.cacheWriteTokens),
    costUsd: sum((u) => u.costUsd),
  };
}

describe("run totals", () => {
  it("count cache reads and writes apart from input and output, in runs.get and runs.list alike", async () => {
    const { state, caller, run, list } = await finishedRun();
    const expected = summed(state);
    expect(expected.cacheReadTokens).toBeGreaterThan(0);
    // A mock-mode run: its cost is an estimate, never to be read as spend.
    expect(run.usage).toEqual({ ...expected, costUsd: expect.closeTo(expected.costUsd, 5), estimate: true });
    expect(list.items.find((r) => r.id === run.id)?.usage).toEqual(run.usage);
    const step = await caller.runs.step({ runId: run.id, stepKey: "account_health" });
    expect(step.trace.filter((t) => t.kind === "llm_call").map((t) => t.mode)).toEqual(["mock"]);
  });

  it("include the billed replies of attempts that failed validation", async () => {
    const usage = {
      input_tokens: 800,
      output_tokens: 120,
      cache_read_input_tokens: 2000,
      cache_creation_input_tokens: 500,
    };
    stub = await startAnthropicStub(() => messageReply("Sure! Here is my analysis", { usage }));
    const llm = createAnthropicLlm({ apiKey: "k", model: MODEL, baseURL: stub.url, maxRetries: 0 });
    const { state, run } = await finishedRun({ llm, retry: { maxAttempts: 2, backoffMs: 1 } });
    expect(state.status).toBe("failed");
    const calls = stub.requests.length;
    expect(calls).toBeGreaterThanOrEqual(2);
    const counts = { inputTokens: 800, outputTokens: 120, cacheReadTokens: 2000, cacheWriteTokens: 500 };
    expect(run.usage).toEqual({
      inputTokens: 800 * calls,
      outputTokens: 120 * calls,
      cacheReadTokens: 2000 * calls,
      cacheWriteTokens: 500 * calls,
      costUsd: expect.closeTo(costUsd(MODEL, counts) * calls, 5),
      estimate: false,
    });
    expect(run.usage.costUsd).toBeGreaterThan(0);
  });
});
