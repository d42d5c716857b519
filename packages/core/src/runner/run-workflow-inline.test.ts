import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AgentRegistry } from "../agents/registry.ts";
import { fakeAgent } from "../testing/fake-agent.ts";
import { runToCompletion, sleeperRegistry } from "../testing/run-helpers.ts";
import { defineWorkflow } from "../workflow/define-workflow.ts";
import { ApprovalValueError } from "./approvals.ts";
import { RunTransitionError, StepFailedError } from "./errors.ts";
import { resumeWorkflowInline } from "./run-workflow-inline.ts";

describe("runWorkflowInline", () => {
  it("runs two independent 300 ms steps concurrently, in well under their 600 ms sum", async () => {
    const registry = sleeperRegistry();
    const workflow = defineWorkflow(
      {
        slug: "pair",
        name: "Pair",
        description: "",
        steps: [
          { key: "a", kind: "agent", agentName: "sleeper", label: "A", options: { delay_ms: 300 } },
          { key: "b", kind: "agent", agentName: "sleeper", label: "B", options: { delay_ms: 300 } },
        ],
      },
      registry,
    );
    const started = performance.now();
    const { state } = await runToCompletion(workflow, { registry });
    const wall = performance.now() - started;
    expect(state.status).toBe("succeeded");
    // Serial execution would take >= 600 ms; the bound leaves room for a slow machine.
    expect(wall).toBeLessThan(500);
  });

  it("retries a failing agent with backoff, then succeeds and keeps the attempt count", async () => {
    const registry = new AgentRegistry([
      fakeAgent({
        name: "flaky",
        run: (_input, call) => {
          if (call < 3) throw new Error(`upstream timeout ${call}`);
          return { value: "ok" };
        },
      }),
    ]);
    const workflow = defineWorkflow(
      {
        slug: "flaky",
        name: "Flaky",
        description: "",
        steps: [{ key: "f", kind: "agent", agentName: "flaky", label: "F" }],
      },
      registry,
    );
    const { state } = await runToCompletion(workflow, { registry, retry: { maxAttempts: 3, backoffMs: 1 } });
    expect(state.steps.f).toMatchObject({ status: "succeeded", attempts: 3, output: { value: "ok" } });
  });

  it("honours a step's own maxAttempts over the runner's policy", async () => {
    let calls = 0;
    const registry = new AgentRegistry([
      fakeAgent({
        name: "failing",
        run: () => {
          calls += 1;
          throw new Error("still down");
        },
      }),
    ]);
    const workflow = defineWorkflow(
      {
        slug: "once",
        name: "Once",
        description: "",
        steps: [{ key: "f", kind: "agent", agentName: "failing", label: "F", maxAttempts: 1 }],
      },
      registry,
    );
    await expect(
      runToCompletion(workflow, { registry, retry: { maxAttempts: 5, backoffMs: 1 } }),
    ).rejects.toThrow("still down");
    expect(calls).toBe(1);
  });

  it("fails the run with the step's error once attempts run out, skipping its dependents", async () => {
    const registry = new AgentRegistry([
      fakeAgent({
        name: "broken",
        run: () => {
          throw new Error("TikTok API answered 503");
        },
      }),
      fakeAgent({ name: "after" }),
    ]);
    const workflow = defineWorkflow(
      {
        slug: "broken",
        name: "Broken",
        description: "",
        steps: [
          { key: "broken", kind: "agent", agentName: "broken", label: "Broken" },
          { key: "after", kind: "agent", agentName: "after", label: "After", dependsOn: ["broken"] },
        ],
      },
      registry,
    );
    const run = runToCompletion(workflow, { registry, retry: { maxAttempts: 2, backoffMs: 1 } });
    await expect(run).rejects.toThrow(StepFailedError);
    await expect(run).rejects.toThrow('step "broken" failed: TikTok API answered 503');
  });
});

describe("approval gates", () => {
  const registry = new AgentRegistry([
    fakeAgent({
      name: "propose",
      output: z.object({ hashtags: z.array(z.string()), budget: z.number() }),
      run: () => ({ hashtags: ["#a", "#b", "#c"], budget: 50 }),
    }),
    fakeAgent({
      name: "launch",
      input: z.object({ hashtags: z.array(z.string()) }),
      output: z.object({ launched: z.array(z.string()) }),
      sideEffects: "spends",
      run: (input) => ({ launched: input.hashtags }),
    }),
  ]);
  const workflow = defineWorkflow(
    {
      slug: "gated",
      name: "Gated",
      description: "",
      steps: [
        { key: "propose", kind: "agent", agentName: "propose", label: "Propose" },
        {
          key: "review",
          kind: "approval",
          label: "Review",
          dependsOn: ["propose"],
          targetOutputField: "hashtags",
        },
        {
          key: "launch",
          kind: "agent",
          agentName: "launch",
          label: "Launch",
          dependsOn: ["review"],
          inputMap: { hashtags: "review.output.hashtags" },
        },
      ],
    },
    registry,
  );

  it("pauses at the gate and returns null without running what follows", async () => {
    const { report, state } = await runToCompletion(workflow, { registry });
    expect(report).toBeNull();
    expect(state.status).toBe("waiting_approval");
    expect(state.steps.launch?.status).toBe("pending");
    expect(Object.values(state.approvals)).toEqual([
      expect.objectContaining({
        stepKey: "review",
        field: "hashtags",
        value: ["#a", "#b", "#c"],
        status: "pending",
      }),
    ]);
  });

  it("resumes with the edited value, which the downstream step receives", async () => {
    const { store, runId } = await runToCompletion(workflow, { registry });
    await resumeWorkflowInline({
      store,
      registry,
      workflowRunId: runId,
      decision: { decision: "approve", editedValue: ["#a", "#c"], decidedBy: "maria" },
    });
    const state = await store.load(runId);
    expect(state?.status).toBe("succeeded");
    expect(state?.steps.launch?.output).toEqual({ launched: ["#a", "#c"] });
    expect(Object.values(state?.approvals ?? {})[0]).toMatchObject({
      status: "approved",
      decidedBy: "maria",
    });
  });

  it("resumes with the proposed value when approved as is", async () => {
    const { store, runId } = await runToCompletion(workflow, { registry });
    await resumeWorkflowInline({
      store,
      registry,
      workflowRunId: runId,
      decision: { decision: "approve", decidedBy: "maria" },
    });
    expect((await store.load(runId))?.steps.launch?.output).toEqual({ launched: ["#a", "#b", "#c"] });
  });

  it("ends the run on rejection and skips what follows", async () => {
    const { store, runId } = await runToCompletion(workflow, { registry });
    const report = await resumeWorkflowInline({
      store,
      registry,
      workflowRunId: runId,
      decision: { decision: "reject", decidedBy: "maria", comment: "off brand" },
    });
    const state = await store.load(runId);
    expect(report).toBeNull();
    expect(state).toMatchObject({ status: "rejected", error: "off brand" });
    expect(state?.steps.launch?.status).toBe("skipped");
  });

  it("refuses a second decision and an edited value of the wrong type, changing nothing", async () => {
    const { store, runId } = await runToCompletion(workflow, { registry });
    const decide = (editedValue?: unknown) =>
      resumeWorkflowInline({
        store,
        registry,
        workflowRunId: runId,
        decision: { decision: "approve", editedValue, decidedBy: "m" },
      });
    await expect(decide("#a, #b")).rejects.toThrow(ApprovalValueError);
    expect((await store.load(runId))?.status).toBe("waiting_approval");
    await decide();
    const approvalId = Object.keys((await store.load(runId))?.approvals ?? {})[0];
    const again = resumeWorkflowInline({
      store,
      registry,
      workflowRunId: runId,
      decision: { approvalId, decision: "reject", decidedBy: "m" },
    });
    await expect(again).rejects.toThrow(RunTransitionError);
    await expect(again).rejects.toThrow(/already/);
  });
});
