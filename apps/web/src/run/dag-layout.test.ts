import { describe, expect, it } from "vitest";
import { layoutDag, NODE_HEIGHT, NODE_WIDTH } from "./dag-layout.ts";

const CAMPAIGN_LAUNCH = [
  { key: "account_health", dependsOn: [] },
  { key: "trends", dependsOn: ["account_health"] },
  { key: "content_plan", dependsOn: ["account_health", "trends"] },
  { key: "approve_hashtags", dependsOn: ["content_plan"] },
  { key: "campaign", dependsOn: ["account_health", "approve_hashtags"] },
  { key: "report", dependsOn: ["account_health", "trends", "content_plan", "campaign"] },
];

function at(positions: Map<string, { x: number; y: number }>, key: string) {
  const position = positions.get(key);
  if (!position) throw new Error(`no position for ${key}`);
  return position;
}

describe("layoutDag", () => {
  it("places every step to the right of each step it depends on", () => {
    const { positions } = layoutDag(CAMPAIGN_LAUNCH);
    for (const step of CAMPAIGN_LAUNCH) {
      for (const dep of step.dependsOn) {
        expect(at(positions, step.key).x, `${dep} -> ${step.key}`).toBeGreaterThanOrEqual(
          at(positions, dep).x + NODE_WIDTH,
        );
      }
    }
  });

  it("draws one edge per dependency", () => {
    const { edges } = layoutDag(CAMPAIGN_LAUNCH);
    expect(edges).toHaveLength(10);
    expect(edges).toContainEqual({ id: "trends->content_plan", source: "trends", target: "content_plan" });
  });

  it("stacks independent steps without overlapping them", () => {
    const { positions } = layoutDag([
      { key: "performance", dependsOn: [] },
      { key: "account_health", dependsOn: [] },
    ]);
    const a = at(positions, "performance");
    const b = at(positions, "account_health");
    expect(a.x).toBe(b.x);
    expect(Math.abs(a.y - b.y)).toBeGreaterThanOrEqual(NODE_HEIGHT);
  });

  it("drops dependencies on steps the DAG does not have", () => {
    const { edges, positions } = layoutDag([{ key: "a", dependsOn: ["ghost"] }]);
    expect(edges).toEqual([]);
    expect(positions.size).toBe(1);
  });

  it("reports the size of the drawing", () => {
    const { width, height } = layoutDag(CAMPAIGN_LAUNCH);
    expect(width).toBeGreaterThanOrEqual(5 * NODE_WIDTH);
    expect(height).toBeGreaterThanOrEqual(NODE_HEIGHT);
  });
});
