import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { TraceEntry } from "../api/trpc.ts";
import { TraceView, traceByAttempt } from "./trace-view.tsx";

const AT = "2025-01-01T10:00:00.000Z";
const usage = {
  inputTokens: 800,
  outputTokens: 120,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  costUsd: 0.0028,
};

function call(attempt: number, response: string, error?: string, mode: "mock" | "real" = "real"): TraceEntry {
  return {
    kind: "llm_call",
    at: AT,
    attempt,
    mode,
    model: "claude-sonnet-5-5",
    system: "",
    prompt: "Ideas",
    response,
    usage,
    latencyMs: 900,
    ...(error && { error }),
  };
}

const log = (attempt: number, message: string): TraceEntry => ({
  kind: "log",
  at: AT,
  attempt,
  level: "info",
  message,
});

const render = (trace: TraceEntry[]) => renderToStaticMarkup(createElement(TraceView, { trace }));

describe("traceByAttempt", () => {
  it("groups entries by attempt, oldest attempt first, keeping their order", () => {
    const trace = [log(2, "b1"), call(1, "x"), log(1, "a2"), log(2, "b2")];
    expect(traceByAttempt(trace).map((g) => [g.attempt, g.entries.length])).toEqual([
      [1, 2],
      [2, 2],
    ]);
    expect(traceByAttempt(trace)[1]?.entries.map((e) => e.kind === "log" && e.message)).toEqual(["b1", "b2"]);
  });
});

describe("TraceView", () => {
  it("shows every attempt's model calls, the failed ones with their error and cost", () => {
    const html = render([
      call(1, "not json", 'reply for agent "scout" is not valid JSON'),
      call(2, "still not json", 'reply for agent "scout" is not valid JSON'),
      call(3, '{"ideas":["duet"]}'),
    ]);
    expect(html.match(/data-testid="trace-attempt"/g)).toHaveLength(3);
    for (const attempt of [1, 2, 3]) expect(html).toContain(`<h3>Attempt ${attempt}</h3>`);
    expect(html).toContain("not json");
    expect(html).toContain("still not json");
    expect(html.match(/is not valid JSON/g)).toHaveLength(2);
    expect(html.match(/\$0\.0028/g)).toHaveLength(3);
  });

  it("labels the cost of a mock-mode call as an estimate, and a real one as spend", () => {
    expect(render([call(1, "{}", undefined, "mock")])).toContain("≈ $0.0028 (estimate, mock mode)");
    expect(render([call(1, "{}")])).not.toContain("estimate");
  });

  it("shows each TikTok API attempt on one line, with its own attempt number and a failure's outcome", () => {
    const api = (callAttempt: number, status: number, outcome: string): TraceEntry => ({
      kind: "api_call",
      at: AT,
      attempt: 2,
      endpoint: "/v2/video/list/",
      method: "GET",
      params: { max_count: 20 },
      status,
      latencyMs: 143.4,
      itemsRead: status === 200 ? 20 : 0,
      callAttempt,
      outcome,
    });
    const html = render([api(1, 429, "TikTokRateLimitError"), api(2, 200, "ok")]);
    expect(html).toContain("TikTok API calls (2)");
    expect(html).toContain("GET /v2/video/list/ · 200 · 20 items · 143 ms · attempt 2");
    expect(html).toContain("GET /v2/video/list/ · 429 · 0 items · 143 ms · attempt 1 · TikTokRateLimitError");
    expect(html).toContain("max_count");
  });

  it("says so when nothing is recorded yet", () => {
    expect(render([])).toContain("Nothing recorded yet.");
  });
});
