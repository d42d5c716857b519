import { describe, expect, it } from "vitest";
import { AGENT_REGISTRY, BUILT_IN_AGENTS } from "./index.ts";

describe("built-in agents", () => {
  it("registers every built-in agent under its own name", () => {
    expect(BUILT_IN_AGENTS.length).toBeGreaterThan(0);
    for (const agent of BUILT_IN_AGENTS) expect(AGENT_REGISTRY.get(agent.name)).toBe(agent);
  });

  it("gives every agent a mock reply and every option a default", () => {
    for (const agent of BUILT_IN_AGENTS) {
      expect(agent.mockReply, agent.name).toBeTypeOf("function");
      expect(agent.options.strict().safeParse({}).success, agent.name).toBe(true);
    }
  });

  it("lets only the campaign builder spend", () => {
    expect(BUILT_IN_AGENTS.filter((a) => a.sideEffects !== "none").map((a) => a.name)).toEqual([
      "campaign_builder",
    ]);
  });
});
