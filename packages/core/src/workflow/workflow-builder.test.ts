import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AgentRegistry } from "../agents/registry.ts";
import { fakeAgent } from "../testing/fake-agent.ts";
import { defineWorkflow } from "./define-workflow.ts";
import { WorkflowDefinitionError } from "./errors.ts";
import { workflow } from "./workflow-builder.ts";

const source = fakeAgent({
  name: "source",
  input: z.object({ handle: z.string() }),
  output: z.object({
    tags: z.array(z.string()),
    stats: z.object({ rate: z.number() }),
    byDay: z.record(z.string(), z.number()),
  }),
});
const sink = fakeAgent({
  name: "sink",
  input: z.object({
    tags: z.array(z.string()),
    first: z.string().optional(),
    monday: z.number().optional(),
    rate: z.number().optional(),
    budget: z.number().optional(),
  }),
});
const spender = fakeAgent({
  name: "spender",
  input: z.object({ tags: z.array(z.string()) }),
  sideEffects: "spends",
});
const registry = new AgentRegistry([source, sink, spender]);
const meta = { slug: "built", name: "Built", description: "d" };

describe("workflow()", () => {
  it("builds the definition defineWorkflow is given by hand", () => {
    const built = workflow({ ...meta, params: z.object({ budget: z.number() }) })
      .agent("scan", source, { label: "Scan", input: ({ brief }) => ({ handle: brief.handle }) })
      .approval("approve", {
        label: "Approve",
        reviews: "scan",
        field: "tags",
        options: { expires_in_hours: 24 },
      })
      .agent("spend", spender, {
        label: "Spend",
        dependsOn: ["approve"],
        input: ({ steps }) => ({ tags: steps.approve.tags }),
        options: { delay_ms: 5 },
        maxAttempts: 2,
      })
      .synthesis("report", { label: "Report", dependsOn: ["scan", "spend"] })
      .build(registry);

    const byHand = defineWorkflow(
      {
        ...meta,
        params: built.params,
        steps: [
          {
            key: "scan",
            kind: "agent",
            agentName: "source",
            label: "Scan",
            inputMap: { handle: "brief.handle" },
          },
          {
            key: "approve",
            kind: "approval",
            label: "Approve",
            dependsOn: ["scan"],
            targetOutputField: "tags",
            options: { expires_in_hours: 24 },
          },
          {
            key: "spend",
            kind: "agent",
            agentName: "spender",
            label: "Spend",
            dependsOn: ["approve"],
            inputMap: { tags: "approve.output.tags" },
            options: { delay_ms: 5 },
            maxAttempts: 2,
          },
          { key: "report", kind: "synthesis", label: "Report", dependsOn: ["scan", "spend"] },
        ],
      },
      registry,
    );
    expect(built).toStrictEqual(byHand);
  });

  it("turns property reads into paths: brief and params fields, nested output fields, array items, record keys", () => {
    const { steps } = workflow({ ...meta, params: z.object({ budget: z.number() }) })
      .agent("scan", source, { label: "Scan", input: ({ brief }) => ({ handle: brief.handle }) })
      .agent("use", sink, {
        label: "Use",
        dependsOn: ["scan"],
        input: ({ params, steps }) => ({
          tags: steps.scan.tags,
          // An item or a record key may be missing, so these fit optional inputs only.
          first: steps.scan.tags[0],
          monday: steps.scan.byDay.monday,
          rate: steps.scan.stats.rate,
          budget: params.budget,
        }),
      })
      .build(registry);
    expect(steps[1]).toMatchObject({
      inputMap: {
        tags: "scan.output.tags",
        first: "scan.output.tags.0",
        monday: "scan.output.byDay.monday",
        rate: "scan.output.stats.rate",
        budget: "params.budget",
      },
    });
  });

  it("refuses a value where a path belongs, naming the input, with every other problem", () => {
    const build = () =>
      workflow(meta)
        .agent("scan", source, { label: "Scan", input: () => ({ handle: "lakucosmetics" as never }) })
        .build(registry);
    expect(build).toThrow(WorkflowDefinitionError);
    expect(build).toThrow(/\[scan\] input "handle": a value, not a path.*input_path_malformed/);
    expect(build).toThrow(/required input "handle" is not mapped/);
  });

  it("validates what it builds: a spending step without a gate upstream is refused when built", () => {
    const build = () =>
      workflow(meta)
        .agent("scan", source, { label: "Scan", input: ({ brief }) => ({ handle: brief.handle }) })
        .agent("spend", spender, {
          label: "Spend",
          dependsOn: ["scan"],
          input: ({ steps }) => ({ tags: steps.scan.tags }),
        })
        .build(registry);
    expect(build).toThrow(/\[spend\] agent spender spends: needs an approval gate upstream/);
  });

  it("refuses an agent object other than the one registered under its name", () => {
    const lookalike = fakeAgent({ name: "source", input: z.object({ handle: z.string() }) });
    const build = () =>
      workflow(meta)
        .agent("scan", lookalike, { label: "Scan", input: ({ brief }) => ({ handle: brief.handle }) })
        .build(registry);
    expect(build).toThrow(/\[scan\] agent source is registered, but not as the agent object/);
  });
});
