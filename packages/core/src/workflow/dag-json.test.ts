import { describe, expect, it } from "vitest";
import { SEEDED_WORKFLOWS } from "../workflows/seeded.ts";
import { fromDagJson, toDagJson } from "./dag-json.ts";
import { WorkflowDefinitionError } from "./errors.ts";

describe("DAG JSON", () => {
  it.each(SEEDED_WORKFLOWS.map((w) => [w.slug, w] as const))(
    "round-trips %s losslessly through JSON text",
    (_slug, workflow) => {
      const stored = JSON.parse(JSON.stringify(toDagJson(workflow)));
      const back = fromDagJson({
        slug: workflow.slug,
        name: workflow.name,
        description: workflow.description,
        dag: stored,
      });
      expect(back).toEqual(workflow);
      expect(toDagJson(back)).toEqual(stored);
    },
  );

  it("rejects stored JSON of the wrong shape with the path of the problem", () => {
    const run = () =>
      fromDagJson({ slug: "x", name: "X", description: "", dag: { version: 1, steps: [{ key: 3 }] } });
    expect(run).toThrow(WorkflowDefinitionError);
    expect(run).toThrow(/dag\.steps\.0\.key/);
  });

  it("re-validates the workflow it rebuilds", () => {
    const dag = { version: 1, steps: [{ key: "a", agentName: "ghost", label: "A" }] };
    expect(() => fromDagJson({ slug: "x", name: "X", description: "", dag })).toThrow("unknown agent: ghost");
  });
});
