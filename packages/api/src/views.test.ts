import { CAMPAIGN_LAUNCH, dagJsonSchema, toDagJson } from "@tiktok-army/core";
import { stepKindView } from "@tiktok-army/core/model";
import { describe, expect, it } from "vitest";

describe("stepKindView", () => {
  it("says what each step does, naming the agent of agent steps only", () => {
    expect(toDagJson(CAMPAIGN_LAUNCH).steps.map((s) => [s.key, stepKindView(s)])).toEqual([
      ["account_health", { kind: "agent", agentName: "account_health" }],
      ["trends", { kind: "agent", agentName: "trend_watcher" }],
      ["campaign", { kind: "agent", agentName: "campaign_builder" }],
      ["approve_campaign", { kind: "approval", agentName: null }],
      ["content_plan", { kind: "agent", agentName: "content_planner" }],
      ["publish", { kind: "agent", agentName: "campaign_publisher" }],
      ["approve_enable", { kind: "approval", agentName: null }],
      ["enable", { kind: "agent", agentName: "campaign_enabler" }],
      ["report", { kind: "synthesis", agentName: null }],
    ]);
  });

  it("reads a run snapshot stored before steps had a kind the same way", () => {
    const old = {
      key: "gate",
      agentName: "__approval__",
      label: "G",
      dependsOn: ["a"],
      targetOutputField: "x",
    };
    const [step] = dagJsonSchema.parse({ version: 1, steps: [old] }).steps;
    expect(step && stepKindView(step)).toEqual({ kind: "approval", agentName: null });
  });
});
