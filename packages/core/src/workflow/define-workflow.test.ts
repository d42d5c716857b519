import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AgentRegistry } from "../agents/registry.ts";
import { fakeAgent } from "../testing/fake-agent.ts";
import { CAMPAIGN_LAUNCH } from "../workflows/campaign-launch.ts";
import { SEEDED_WORKFLOWS } from "../workflows/seeded.ts";
import { defineWorkflow, validateWorkflow } from "./define-workflow.ts";
import { WorkflowDefinitionError } from "./errors.ts";
import type { AgentStepDef, ApprovalStepDef, WorkflowDef, WorkflowStepDef } from "./types.ts";

const registry = new AgentRegistry([
  fakeAgent({
    name: "source",
    input: z.object({ handle: z.string() }),
    output: z.object({
      category: z.string(),
      tags: z.array(z.string()),
      nested: z.object({ score: z.number() }),
    }),
  }),
  fakeAgent({
    name: "sink",
    input: z.object({ category: z.string(), tags: z.array(z.string()).optional() }),
  }),
  fakeAgent({ name: "spender", input: z.object({ tags: z.array(z.string()) }), sideEffects: "spends" }),
]);

const source: AgentStepDef = {
  key: "source",
  kind: "agent",
  agentName: "source",
  label: "S",
  inputMap: { handle: "brief.handle" },
};
const sink = (extra: Partial<AgentStepDef> = {}): AgentStepDef => ({
  key: "sink",
  kind: "agent",
  agentName: "sink",
  label: "Sink",
  dependsOn: ["source"],
  inputMap: { category: "source.output.category" },
  ...extra,
});

function problems(steps: WorkflowStepDef[]) {
  return validateWorkflow({ slug: "test", name: "Test", description: "", steps } as WorkflowDef, registry);
}

describe("defineWorkflow", () => {
  it("accepts a valid workflow and returns it unchanged", () => {
    const def = { slug: "ok", name: "Ok", description: "", steps: [source, sink()] };
    expect(defineWorkflow(def, registry)).toBe(def);
  });

  it("reports an unknown dependency with the step key", () => {
    expect(problems([source, sink({ dependsOn: ["source", "nope"] })])).toContainEqual(
      expect.objectContaining({
        code: "unknown_dependency",
        stepKey: "sink",
        message: expect.stringContaining("nope"),
      }),
    );
  });

  it("names the keys of a cycle", () => {
    const found = problems([{ ...source, dependsOn: ["sink"] }, sink()]).find((p) => p.code === "cycle");
    expect(found?.message).toMatch(/cycle/);
    expect(found?.message).toContain("source");
    expect(found?.message).toContain("sink");
  });

  it("reports an unknown agent by name", () => {
    expect(problems([source, sink({ agentName: "ghost" })])).toContainEqual(
      expect.objectContaining({ code: "unknown_agent", stepKey: "sink", message: "unknown agent: ghost" }),
    );
  });

  it("rejects an approval gate with an empty targetOutputField", () => {
    const gate: WorkflowStepDef = {
      key: "gate",
      kind: "approval",
      label: "Gate",
      dependsOn: ["source"],
      targetOutputField: "",
    };
    expect(problems([source, gate])).toContainEqual(
      expect.objectContaining({ code: "approval_missing_target", stepKey: "gate" }),
    );
  });

  it("rejects an approval gate whose field is not in the upstream output schema", () => {
    const gate: WorkflowStepDef = {
      key: "gate",
      kind: "approval",
      label: "Gate",
      dependsOn: ["source"],
      targetOutputField: "hashtags",
    };
    expect(problems([source, gate])).toContainEqual(
      expect.objectContaining({
        code: "approval_target_not_found",
        stepKey: "gate",
        message: expect.stringContaining("hashtags"),
      }),
    );
  });

  it("rejects a gate whose evidence names no field of the reviewed step's output, and takes one that does", () => {
    const gate = (evidence: string): WorkflowStepDef => ({
      key: "gate",
      kind: "approval",
      label: "Gate",
      dependsOn: ["source"],
      targetOutputField: "tags",
      options: { evidence },
    });
    expect(problems([source, gate("why")])).toContainEqual(
      expect.objectContaining({
        code: "approval_evidence_not_found",
        stepKey: "gate",
        message: 'evidence "why" is not a field of the output of "source"',
      }),
    );
    expect(problems([source, gate("tags")])).toEqual([]);
  });

  it("rejects an approval gate that does not review exactly one step", () => {
    const other = { ...source, key: "other" };
    const gate: WorkflowStepDef = {
      key: "gate",
      kind: "approval",
      label: "Gate",
      dependsOn: ["source", "other"],
      targetOutputField: "tags",
    };
    expect(problems([source, other, gate])).toContainEqual(
      expect.objectContaining({ code: "approval_needs_one_dependency", stepKey: "gate" }),
    );
  });

  it("checks an approval gate's options", () => {
    const gate: ApprovalStepDef = {
      key: "gate",
      kind: "approval",
      label: "Gate",
      dependsOn: ["source"],
      targetOutputField: "tags",
      options: { expires_in_hours: -1 },
    };
    expect(problems([source, gate])).toContainEqual(
      expect.objectContaining({
        code: "invalid_options",
        stepKey: "gate",
        message: expect.stringContaining("expires_in_hours"),
      }),
    );
    expect(problems([source, { ...gate, options: { expires_in_hours: 48 } }])).toEqual([]);
  });

  it.each(SEEDED_WORKFLOWS)("finds no problem in the seeded workflow $slug", (workflow) => {
    expect(validateWorkflow(workflow)).toEqual([]);
  });

  it("reports duplicate step keys", () => {
    expect(problems([source, source])).toContainEqual(
      expect.objectContaining({ code: "duplicate_step_key", stepKey: "source" }),
    );
  });

  it("catches a typo in an output path against the agent's output schema", () => {
    expect(problems([source, sink({ inputMap: { category: "source.output.categroy" } })])).toContainEqual(
      expect.objectContaining({
        code: "input_path_not_found",
        stepKey: "sink",
        message: expect.stringContaining("source.output.categroy"),
      }),
    );
  });

  it("follows nested and array paths in output schemas", () => {
    const ok = problems([source, sink({ inputMap: { category: "source.output.tags.0" } })]);
    expect(ok).toEqual([]);
    expect(problems([source, sink({ inputMap: { category: "source.output.nested.scroe" } })])).toContainEqual(
      expect.objectContaining({ code: "input_path_not_found" }),
    );
  });

  it("rejects a path into a step that is not an ancestor", () => {
    const sibling = { ...source, key: "sibling" };
    expect(
      problems([source, sibling, sink({ inputMap: { category: "sibling.output.category" } })]),
    ).toContainEqual(expect.objectContaining({ code: "input_path_not_ancestor", stepKey: "sink" }));
  });

  it("rejects malformed paths and unknown brief fields", () => {
    const found = problems([
      source,
      sink({ inputMap: { category: "source.category" as never, tags: "brief.hashtags" } }),
    ]);
    expect(found).toContainEqual(expect.objectContaining({ code: "input_path_malformed", stepKey: "sink" }));
    expect(found).toContainEqual(
      expect.objectContaining({ code: "input_path_not_found", message: expect.stringContaining("hashtags") }),
    );
  });

  it("reports a required input that nothing maps, and an input the agent does not take", () => {
    const found = problems([source, sink({ inputMap: { categories: "source.output.category" } as never })]);
    expect(found).toContainEqual(
      expect.objectContaining({
        code: "input_missing_required",
        message: expect.stringContaining('"category"'),
      }),
    );
    expect(found).toContainEqual(expect.objectContaining({ code: "input_unknown_field" }));
  });

  it("rejects options the agent does not understand or that fail its schema", () => {
    const found = problems([source, sink({ options: { delay_ms: "soon", colour: "red" } })]);
    expect(found.filter((p) => p.code === "invalid_options")).toHaveLength(2);
  });

  it("reports a step that cannot reach the synthesis step", () => {
    const report: WorkflowStepDef = {
      key: "report",
      kind: "synthesis",
      label: "R",
      dependsOn: ["source"],
    };
    expect(problems([source, sink(), report])).toContainEqual(
      expect.objectContaining({ code: "synthesis_unreachable", stepKey: "sink" }),
    );
  });

  it("requires an approval gate upstream of a side-effecting agent", () => {
    const spend: WorkflowStepDef = {
      key: "spend",
      kind: "agent",
      agentName: "spender",
      label: "Spend",
      dependsOn: ["source"],
      inputMap: { tags: "source.output.tags" },
    };
    expect(problems([source, spend])).toContainEqual(
      expect.objectContaining({ code: "side_effect_without_approval", stepKey: "spend" }),
    );
    const gate: WorkflowStepDef = {
      key: "gate",
      kind: "approval",
      label: "Gate",
      dependsOn: ["source"],
      targetOutputField: "tags",
    };
    expect(
      problems([source, gate, { ...spend, dependsOn: ["gate"], inputMap: { tags: "gate.output.tags" } }]),
    ).toEqual([]);
  });

  describe("reading around an approval gate", () => {
    const gate: WorkflowStepDef = {
      key: "gate",
      kind: "approval",
      label: "Gate",
      dependsOn: ["source"],
      targetOutputField: "tags",
    };
    const spend = (tags: string): AgentStepDef => ({
      key: "spend",
      kind: "agent",
      agentName: "spender",
      label: "Spend",
      dependsOn: ["gate"],
      inputMap: { tags } as AgentStepDef["inputMap"],
    });

    it("refuses a step after the gate that reads the reviewed field, naming the gate's path instead", () => {
      expect(problems([source, gate, spend("source.output.tags")])).toEqual([
        {
          code: "reads_around_approval",
          stepKey: "spend",
          message: expect.stringMatching(/"source\.output\.tags".*"gate".*read "gate\.output\.tags" instead/),
        },
      ]);
    });

    it("refuses a publisher that sends the drafted payload rather than the approved one", () => {
      const steps = CAMPAIGN_LAUNCH.steps.map((s) =>
        s.key === "publish" && s.kind === "agent"
          ? { ...s, inputMap: { payload: "campaign.output.payload" as const } }
          : s,
      );
      expect(validateWorkflow({ ...CAMPAIGN_LAUNCH, steps })).toEqual([
        expect.objectContaining({ code: "reads_around_approval", stepKey: "publish" }),
      ]);
    });

    it("refuses a path inside the reviewed field too", () => {
      const after = sink({ dependsOn: ["gate"], inputMap: { category: "source.output.tags.0" } });
      expect(problems([source, gate, after])).toContainEqual(
        expect.objectContaining({
          code: "reads_around_approval",
          stepKey: "sink",
          message: expect.stringContaining('read "gate.output.tags.0" instead'),
        }),
      );
    });

    it("accepts reading the gate's value, and fields of the reviewed step the gate does not review", () => {
      const after = sink({
        dependsOn: ["gate"],
        inputMap: { category: "source.output.category", tags: "gate.output.tags" },
      });
      expect(problems([source, gate, after])).toEqual([]);
      expect(problems([source, gate, spend("gate.output.tags")])).toEqual([]);
    });

    it("lets a step that does not wait for the gate read the proposal", () => {
      const beside = sink({ inputMap: { category: "source.output.category", tags: "source.output.tags" } });
      expect(problems([source, gate, beside])).toEqual([]);
    });
  });

  describe("input types", () => {
    const typed = new AgentRegistry([
      fakeAgent({
        name: "typed",
        output: z.object({
          followers: z.number().int(),
          engagement: z.number(),
          tier: z.enum(["nano", "micro"]),
          tags: z.array(z.string()),
          stats: z.object({ score: z.number(), label: z.string(), extra: z.boolean() }),
          stats_as_text: z.object({ score: z.string(), label: z.string() }),
          note: z.string().optional(),
        }),
      }),
      fakeAgent({
        name: "reader",
        input: z.object({
          text: z.string(),
          amount: z.number().optional(),
          tags: z.array(z.string()).optional(),
          stats: z.object({ score: z.number(), label: z.string() }).optional(),
        }),
      }),
    ]);
    const reader = (inputMap: Record<string, string>) =>
      validateWorkflow(
        {
          slug: "test",
          name: "Test",
          description: "",
          steps: [
            { key: "typed", kind: "agent", agentName: "typed", label: "T" },
            { key: "reader", kind: "agent", agentName: "reader", label: "R", dependsOn: ["typed"], inputMap },
          ],
        } as WorkflowDef,
        typed,
      );

    it("refuses a number mapped into a string input, naming the input, the path and both types", () => {
      expect(reader({ text: "typed.output.engagement" })).toEqual([
        {
          code: "input_type_mismatch",
          stepKey: "reader",
          message:
            'input "text": "typed.output.engagement" is number, but agent reader\'s input "text" takes string',
        },
      ]);
    });

    it("accepts a string enum into a string, an integer into a number, string arrays and compatible objects", () => {
      expect(
        reader({
          text: "typed.output.tier",
          amount: "typed.output.followers",
          tags: "typed.output.tags",
          stats: "typed.output.stats",
        }),
      ).toEqual([]);
      expect(reader({ text: "brief.targetType" })).toEqual([]);
    });

    it("refuses an optional value, from a step or the brief, for an input that requires one", () => {
      for (const path of ["typed.output.note", "brief.notes"])
        expect(reader({ text: path })).toContainEqual(
          expect.objectContaining({
            code: "input_type_mismatch",
            message: expect.stringContaining(`"${path}" is optional string`),
          }),
        );
    });

    it("says where inside an object the types differ", () => {
      expect(reader({ text: "typed.output.tier", stats: "typed.output.stats_as_text" })).toEqual([
        expect.objectContaining({
          code: "input_type_mismatch",
          message: expect.stringMatching(/takes optional object; at score it is string, not number$/),
        }),
      ]);
    });
  });

  it("reports every problem at once in one WorkflowDefinitionError", () => {
    const def = {
      slug: "Bad Slug",
      name: "",
      description: "",
      steps: [source, sink({ agentName: "ghost", dependsOn: ["source", "nope"] })],
    };
    const error = (() => {
      try {
        defineWorkflow(def, registry);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(WorkflowDefinitionError);
    const codes = (error as WorkflowDefinitionError).problems.map((p) => p.code);
    expect(codes).toEqual(expect.arrayContaining(["invalid_slug", "unknown_dependency", "unknown_agent"]));
    expect((error as Error).message).toContain("unknown agent: ghost");
  });
});
