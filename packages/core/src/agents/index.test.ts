import { describe, expect, it } from "vitest";
import { AGENT_REGISTRY, BUILT_IN_AGENTS } from "./index.ts";

describe("built-in agents", () => {
  it("registers every built-in agent under its own name", () => {
    expect(BUILT_IN_AGENTS.length).toBeGreaterThan(0);
    for (const agent of BUILT_IN_AGENTS) expect(AGENT_REGISTRY.get(agent.name)).toBe(agent);
  });

  it("gives every agent that writes with the model a mock reply, and every option a default", () => {
    // The publisher and the enabler act on approved values only: no model call, so no mock reply.
    const actors = new Set(["campaign_publisher", "campaign_enabler"]);
    for (const agent of BUILT_IN_AGENTS) {
      if (!actors.has(agent.name)) expect(agent.mockReply, agent.name).toBeTypeOf("function");
      expect(agent.options.strict().safeParse({}).success, agent.name).toBe(true);
    }
  });

  it("lets only the campaign publisher and enabler spend; the builder only drafts", () => {
    expect(BUILT_IN_AGENTS.filter((a) => a.sideEffects !== "none").map((a) => a.name)).toEqual([
      "campaign_publisher",
      "campaign_enabler",
    ]);
  });
});
