import { describe, expect, it } from "vitest";
import { POST_LAUNCH_LOOP } from "../workflows/post-launch-loop.ts";
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
      // Params come back as a schema rebuilt from JSON Schema: equal as JSON, not as zod objects.
      const { params: backParams, ...backRest } = back;
      const { params, ...rest } = workflow;
      expect(backRest).toEqual(rest);
      expect(backParams === undefined).toBe(params === undefined);
      expect(toDagJson(back)).toEqual(
        stored.params ? { ...stored, params: expect.objectContaining(stored.params) } : stored,
      );
    },
  );

  it("rejects stored JSON of the wrong shape with the path of the problem", () => {
    const run = () =>
      fromDagJson({ slug: "x", name: "X", description: "", dag: { version: 1, steps: [{ key: 3 }] } });
    expect(run).toThrow(WorkflowDefinitionError);
    expect(run).toThrow(/dag\.steps\.0\.key/);
  });

  it("rebuilds a params schema that refuses what the code's schema refuses", () => {
    const stored = JSON.parse(JSON.stringify(toDagJson(POST_LAUNCH_LOOP)));
    const back = fromDagJson({ ...POST_LAUNCH_LOOP, dag: stored });
    expect(back.params?.safeParse({ campaignId: "cmp_1" }).success).toBe(true);
    expect(back.params?.safeParse({ campaignId: "no spaces" }).success).toBe(false);
    expect(back.params?.safeParse({}).success).toBe(false);
  });

  it("refuses stored params that are not an object's JSON Schema", () => {
    const dag = { ...toDagJson(POST_LAUNCH_LOOP), params: { type: "string" } };
    expect(() => fromDagJson({ ...POST_LAUNCH_LOOP, dag })).toThrow(/dag\.params/);
  });

  it("re-validates the workflow it rebuilds", () => {
    const dag = { version: 1, steps: [{ key: "a", agentName: "ghost", label: "A" }] };
    expect(() => fromDagJson({ slug: "x", name: "X", description: "", dag })).toThrow("unknown agent: ghost");
  });
});
