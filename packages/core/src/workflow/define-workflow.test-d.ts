import { expectTypeOf, test } from "vitest";
import { defineWorkflow } from "./define-workflow.ts";

test("dependsOn and inputMap only accept keys of the workflow's own steps", () => {
  const def = () =>
    defineWorkflow({
      slug: "typed",
      name: "Typed",
      description: "",
      steps: [
        {
          key: "first",
          kind: "agent",
          agentName: "account_health",
          label: "First",
          inputMap: { handle: "brief.handle" },
        },
        // @ts-expect-error "frist" is not a step key
        { key: "second", kind: "agent", agentName: "trend_watcher", label: "Second", dependsOn: ["frist"] },
      ],
    });
  expectTypeOf(def).returns.toHaveProperty("steps");
  const paths = () =>
    defineWorkflow({
      slug: "typed",
      name: "Typed",
      description: "",
      steps: [
        { key: "first", kind: "agent", agentName: "account_health", label: "First" },
        {
          key: "second",
          kind: "agent",
          agentName: "trend_watcher",
          label: "Second",
          // @ts-expect-error "secnd" is not a step key
          inputMap: { category: "secnd.output.category" },
        },
      ],
    });
  expectTypeOf(paths).toBeFunction();
});
