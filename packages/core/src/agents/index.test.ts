import { describe, expect, it } from "vitest";
import { AGENT_FIXTURES } from "../llm/fixtures.ts";
import { AGENT_REGISTRY, BUILT_IN_AGENTS } from "./index.ts";

describe("built-in agents", () => {
  it("registers the six agents by name", () => {
    expect(BUILT_IN_AGENTS.map((a) => a.name)).toEqual([
      "account_health",
      "trend_watcher",
      "content_planner",
      "campaign_builder",
      "performance_reviewer",
      "competitor_benchmark",
    ]);
    for (const agent of BUILT_IN_AGENTS) expect(AGENT_REGISTRY.get(agent.name)).toBe(agent);
  });

  it("gives every agent a mock fixture and every option a default", () => {
    for (const agent of BUILT_IN_AGENTS) {
      expect(AGENT_FIXTURES[agent.name]).toBeTypeOf("function");
      expect(agent.options.strict().safeParse({}).success).toBe(true);
    }
  });

  it("lets only the campaign builder spend", () => {
    expect(BUILT_IN_AGENTS.filter((a) => a.sideEffects !== "none").map((a) => a.name)).toEqual([
      "campaign_builder",
    ]);
  });
});
