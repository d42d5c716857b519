import type { z } from "zod";
import type { AgentRegistry } from "../agents/registry.ts";
import type { AdsPortFor } from "../data/ads.ts";
import type { DataFor } from "../data/data-scope.ts";
import type { LlmPort } from "../llm/port.ts";
import { valueChanges } from "./edited-paths.ts";
import { describeError, NonRetriableError } from "./errors.ts";
import { resolveStepInput } from "./resolve-input.ts";
import type { RunState } from "./run-state.ts";
import { type ReportedDecision, type ReportedOutput, writeReport } from "./synthesis.ts";
import { type TraceEntry, TraceRecorder } from "./trace.ts";
import { agentCaller, reportCaller, tracedLlm } from "./traced-llm.ts";

export interface StepDeps {
  llm: LlmPort;
  /**
   * The data provider for one step, resolved when the step runs: the workspace's connections decide
   * which account a handle reads, and the provider records its API calls in the step's trace.
   */
  dataFor: DataFor;
  /** The ads port for one step, resolved per step so its TikTok calls land in the step's trace. */
  adsFor: AdsPortFor;
  registry: AgentRegistry;
  now: () => Date;
}

export interface PreparedStep {
  stepKey: string;
  input: Record<string, unknown>;
  options: Record<string, unknown>;
}

type AgentStep = Extract<RunState["dag"]["steps"][number], { kind: "agent" }>;

export type StepOutcome =
  | { ok: true; output: unknown; trace: TraceEntry[] }
  | { ok: false; error: string; retriable: boolean; trace: TraceEntry[] };

/**
 * Resolves a step's input from the run so far and parses its options. Throws NonRetriableError when
 * the input cannot be built or does not fit the agent: running again would not change that.
 */
export function prepareStep(state: RunState, stepKey: string, registry: AgentRegistry): PreparedStep {
  const step = state.dag.steps.find((s) => s.key === stepKey);
  if (!step) throw new NonRetriableError(`run has no step "${stepKey}"`);
  switch (step.kind) {
    case "agent":
      return prepareAgentStep(state, step, registry);
    case "approval":
      throw new NonRetriableError("an approval gate is decided, not executed");
    case "synthesis":
      return { stepKey, input: synthesisInput(state, stepKey), options: {} };
  }
}

function prepareAgentStep(state: RunState, step: AgentStep, registry: AgentRegistry): PreparedStep {
  const stepKey = step.key;
  const agent = registry.get(step.agentName);
  if (!agent) throw new NonRetriableError(`unknown agent: ${step.agentName}`);
  const outputs = Object.fromEntries(Object.values(state.steps).map((s) => [s.key, s.output]));
  try {
    const input = agent.input.parse(resolveStepInput(step, state.brief, outputs));
    const options = agent.options.parse(step.options ?? {});
    return { stepKey, input, options };
  } catch (error) {
    throw new NonRetriableError(`step "${stepKey}": ${describeError(error)}`, { cause: error });
  }
}

/** Runs a prepared step once: the agent (or the report writer), its LLM calls traced, its output checked. */
export async function executeStep(
  state: RunState,
  prepared: PreparedStep,
  deps: StepDeps,
  signal: AbortSignal,
): Promise<StepOutcome> {
  const trace = new TraceRecorder(deps.now);
  const step = state.dag.steps.find((s) => s.key === prepared.stepKey);
  try {
    if (!step) throw new NonRetriableError(`run has no step "${prepared.stepKey}"`);
    switch (step.kind) {
      case "agent":
        return await runAgent(step, state, prepared, deps, trace, signal);
      case "approval":
        throw new NonRetriableError("an approval gate is decided, not executed");
      case "synthesis": {
        const llm = tracedLlm(deps.llm, trace, reportCaller(state.workflowSlug));
        const markdown = await writeReport(llm, state, prepared.input, signal);
        return { ok: true, output: { markdown }, trace: trace.entries };
      }
    }
  } catch (error) {
    return {
      ok: false,
      error: describeError(error),
      retriable: !(error instanceof NonRetriableError),
      trace: trace.entries,
    };
  }
}

/** One attempt of an agent step; its output is checked against the agent's schema. */
async function runAgent(
  step: AgentStep,
  state: RunState,
  prepared: PreparedStep,
  deps: StepDeps,
  trace: TraceRecorder,
  signal: AbortSignal,
): Promise<StepOutcome> {
  const agent = deps.registry.get(step.agentName);
  if (!agent) throw new NonRetriableError(`unknown agent: ${step.agentName}`);
  const raw = await agent.execute(prepared.input, {
    llm: tracedLlm(deps.llm, trace, agentCaller(agent, state.workflowSlug)),
    data: deps.dataFor({ workspaceId: state.workspaceId, trace }),
    ads: deps.adsFor({ workspaceId: state.workspaceId, trace }),
    options: prepared.options,
    trace,
    signal,
    run: { workflowRunId: state.id, workflowSlug: state.workflowSlug, stepKey: prepared.stepKey },
    now: deps.now,
  });
  const parsed = (agent.output as z.ZodObject).safeParse(raw);
  if (!parsed.success)
    return {
      ok: false,
      error: `agent ${agent.name} returned output that does not match its schema: ${describeError(parsed.error)}`,
      retriable: true,
      trace: trace.entries,
    };
  return { ok: true, output: parsed.data, trace: trace.entries };
}

function synthesisInput(state: RunState, stepKey: string): Record<string, unknown> {
  const outputs: Record<string, ReportedOutput> = {};
  for (const step of state.dag.steps) {
    if (step.key === stepKey || state.steps[step.key]?.status !== "succeeded") continue;
    const { label } = step;
    const output = state.steps[step.key]?.output;
    switch (step.kind) {
      case "agent":
        outputs[step.key] = { kind: step.kind, agentName: step.agentName, label, output };
        break;
      case "approval":
        outputs[step.key] = { kind: step.kind, label, output, ...decisionOf(state, step.key) };
        break;
      case "synthesis":
        break; // a workflow has one, and it is this step
    }
  }
  return { brief: state.brief, outputs };
}

/** The decision of the gate `stepKey`: who approved, when, with which comment, and each edit as before → after. */
function decisionOf(state: RunState, stepKey: string): { decision?: ReportedDecision } {
  const approval = Object.values(state.approvals).find(
    (a) => a.stepKey === stepKey && a.status === "approved",
  );
  if (!approval?.decidedBy) return {};
  const edited = approval.editedValue !== undefined;
  const changes = edited ? valueChanges(approval.value, approval.editedValue) : [];
  // What the reviewer took out (a hashtag, an ad) must not come back through an earlier step's proposal.
  const kept = new Set(stringLeaves(approval.editedValue));
  const removed = [...new Set(changes.flatMap((c) => stringLeaves(c.before)))].filter((s) => !kept.has(s));
  return {
    decision: {
      decidedBy: approval.decidedBy,
      ...(approval.decidedAt && { decidedAt: approval.decidedAt }),
      ...(approval.comment && { comment: approval.comment }),
      changes,
      removed,
    },
  };
}

function stringLeaves(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(stringLeaves);
  if (typeof value === "object" && value !== null) return Object.values(value).flatMap(stringLeaves);
  return [];
}
