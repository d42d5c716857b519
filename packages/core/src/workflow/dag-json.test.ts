import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CAMPAIGN_LAUNCH } from "../workflows/campaign-launch.ts";
import { POST_LAUNCH_LOOP } from "../workflows/post-launch-loop.ts";
import { SEEDED_WORKFLOWS } from "../workflows/seeded.ts";
import { dagJsonSchema, fromDagJson, toDagJson } from "./dag-json.ts";
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

  it("loads a snapshot stored before steps had a kind, and writes it back with kinds", () => {
    const snapshots = JSON.parse(
      readFileSync(new URL("../workflows/seeded-dags.snapshot.json", import.meta.url), "utf8"),
    );
    const old = snapshots.campaign_launch;
    expect(old.steps.find((s: { key: string }) => s.key === "approve_campaign")).toMatchObject({
      agentName: "__approval__",
    });
    expect(old.steps.some((s: object) => "kind" in s)).toBe(false);

    const { params, ...back } = fromDagJson({ ...CAMPAIGN_LAUNCH, dag: old });
    const { params: _params, ...launch } = CAMPAIGN_LAUNCH;
    expect(back).toEqual(launch);
    // The params schema is rebuilt, not the same object: it still reads the same params.
    expect(params?.parse({ country: "GB" })).toEqual({ country: "GB" });
    const written = toDagJson({ ...back, params }).steps;
    expect(written.map((s) => s.kind)).toEqual([
      "agent",
      "agent",
      "agent",
      "approval",
      "agent",
      "agent",
      "approval",
      "agent",
      "synthesis",
    ]);
    expect(written.find((s) => s.key === "approve_campaign")).toEqual({
      key: "approve_campaign",
      kind: "approval",
      label: "Approve campaign",
      dependsOn: ["campaign"],
      targetOutputField: "payload",
      options: { editable: ["campaign.budget", "ad_groups.*.hashtags"], evidence: "hashtag_evidence" },
    });
  });

  it("reads an old step by its agent name: the reserved names are gates and reports, any other an agent", () => {
    const steps = dagJsonSchema.parse({
      version: 1,
      steps: [
        { key: "a", agentName: "account_health", label: "A" },
        { key: "g", agentName: "__approval__", label: "G", dependsOn: ["a"], targetOutputField: "x" },
        { key: "r", agentName: "__synthesis__", label: "R", dependsOn: ["g"] },
      ],
    }).steps;
    expect(steps).toEqual([
      { key: "a", kind: "agent", agentName: "account_health", label: "A" },
      { key: "g", kind: "approval", label: "G", dependsOn: ["a"], targetOutputField: "x" },
      { key: "r", kind: "synthesis", label: "R", dependsOn: ["g"] },
    ]);
  });

  it("refuses a step of an unknown kind, and a gate without its field", () => {
    const parse = (step: object) => dagJsonSchema.safeParse({ version: 1, steps: [step] }).error?.issues;
    expect(parse({ key: "a", kind: "robot", label: "A" })).toEqual([
      expect.objectContaining({ path: ["steps", 0, "kind"] }),
    ]);
    expect(parse({ key: "g", kind: "approval", label: "G", dependsOn: ["a"] })).toEqual([
      expect.objectContaining({ path: ["steps", 0, "targetOutputField"] }),
    ]);
  });

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
    const dag = { version: 1, steps: [{ key: "a", kind: "agent", agentName: "ghost", label: "A" }] };
    expect(() => fromDagJson({ slug: "x", name: "X", description: "", dag })).toThrow("unknown agent: ghost");
  });
});
