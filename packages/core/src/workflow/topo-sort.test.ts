import { describe, expect, it } from "vitest";
import { WorkflowDefinitionError } from "./errors.ts";
import { topoSort } from "./topo-sort.ts";

const keys = (steps: { key: string }[]) => steps.map((s) => s.key);

describe("topoSort", () => {
  it("puts every step after its dependencies, keeping declaration order among ready steps", () => {
    const sorted = topoSort([
      { key: "report", dependsOn: ["plan", "trends"] },
      { key: "plan", dependsOn: ["health"] },
      { key: "health" },
      { key: "trends" },
    ]);
    expect(keys(sorted)).toEqual(["health", "trends", "plan", "report"]);
  });

  it("throws on an unknown dependency", () => {
    expect(() => topoSort([{ key: "a", dependsOn: ["b"] }])).toThrow(WorkflowDefinitionError);
    expect(() => topoSort([{ key: "a", dependsOn: ["b"] }])).toThrow(/unknown step "b"/);
  });

  it("throws on a cycle, naming its keys", () => {
    const run = () =>
      topoSort([
        { key: "a", dependsOn: ["c"] },
        { key: "b", dependsOn: ["a"] },
        { key: "c", dependsOn: ["b"] },
      ]);
    expect(run).toThrow(/cycle: a -> c -> b -> a/);
  });

  it("throws on a self-dependency", () => {
    expect(() => topoSort([{ key: "a", dependsOn: ["a"] }])).toThrow(/cycle: a -> a/);
  });
});
