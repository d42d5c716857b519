import { randomUUID } from "node:crypto";
import { AGENT_REGISTRY } from "../agents/index.ts";
import type { AgentRegistry } from "../agents/registry.ts";
import type { AdsPortFor } from "../data/ads.ts";
import { type DataFor, fixedData } from "../data/data-scope.ts";
import type { DataSource } from "../data/data-source.ts";
import { createOfflineAds } from "../data/offline-ads-port.ts";
import { createOfflineProvider } from "../data/offline-provider.ts";
import type { TikTokDataProvider } from "../data/provider.ts";
import { createMockLlm } from "../llm/mock.ts";
import type { LlmPort } from "../llm/port.ts";
import { type RunBrief, runBriefSchema } from "../workflow/brief.ts";
import { toDagJson } from "../workflow/dag-json.ts";
import { parseRunParams } from "../workflow/params.ts";
import type { WorkflowDef } from "../workflow/types.ts";
import { type ApprovalDecision, approvalDecisionEvent } from "./approvals.ts";
import { DEFAULT_RETRY, type DriveDeps, driveRun, type RetryPolicy } from "./drive-run.ts";
import { StepFailedError } from "./errors.ts";
import { InMemoryRunStore } from "./memory-store.ts";
import type { RunState } from "./run-state.ts";
import type { RunStore } from "./store.ts";

/** What an in-process run talks to; every part has an offline default. */
export interface InlineRunDeps {
  /** Keep the store to resume the run after an approval: the default one lives only in this call. */
  store?: RunStore;
  llm?: LlmPort;
  /** One provider for every step; the offline one by default. */
  data?: TikTokDataProvider;
  /** Resolves the provider per step instead (wins over `data`); give `dataSource` with it. */
  dataFor?: DataFor;
  /** What the run records as its source; by default `data`'s, or "offline". */
  dataSource?: DataSource;
  /** Keep one across a run and its resumes: the offline default remembers what it "created" only in itself. */
  adsFor?: AdsPortFor;
  registry?: AgentRegistry;
  now?: () => Date;
  retry?: RetryPolicy;
  signal?: AbortSignal;
}

export interface RunWorkflowInlineOptions extends InlineRunDeps {
  workspaceId: string;
  workflow: WorkflowDef;
  brief: RunBrief;
  workflowRunId?: string;
  brandId?: string;
}

/**
 * Runs a workflow in this process. Returns the synthesis Markdown, or `null` when the run stopped
 * at an approval gate (decide it with resumeWorkflowInline), was rejected or cancelled. Throws
 * StepFailedError when a step runs out of attempts.
 * @example
 * const store = new InMemoryRunStore();
 * const report = await runWorkflowInline({ workspaceId: "local", workflow: PROFILE_AUDIT,
 *   brief: { handle: "lakucosmetics", targetType: "brand" }, store });
 */
export async function runWorkflowInline(options: RunWorkflowInlineOptions): Promise<string | null> {
  const deps = withDefaults(options);
  const runId = options.workflowRunId ?? randomUUID();
  const brief = runBriefSchema.parse({
    ...options.brief,
    params: parseRunParams(options.workflow, options.brief.params),
  });
  await deps.store.commit(runId, [
    {
      type: "run_created",
      workspaceId: options.workspaceId,
      brandId: options.brandId,
      workflowSlug: options.workflow.slug,
      workflowName: options.workflow.name,
      brief,
      dag: toDagJson(options.workflow),
      dataSource: deps.dataSource,
    },
  ]);
  return outcome(await driveRun(runId, deps));
}

/** Records an approval decision and continues the run; downstream steps see the approved (edited) value. */
export async function resumeWorkflowInline(
  options: InlineRunDeps & { store: RunStore; workflowRunId: string; decision: ApprovalDecision },
): Promise<string | null> {
  const deps = withDefaults(options);
  const state = await deps.store.load(options.workflowRunId);
  if (!state) throw new Error(`no run ${options.workflowRunId}`);
  await deps.store.commit(state.id, [approvalDecisionEvent(state, options.decision, deps.registry)]);
  return outcome(await driveRun(state.id, deps));
}

function outcome(state: RunState): string | null {
  if (state.status === "succeeded") return state.report ?? "";
  if (state.status === "failed") {
    const failed = Object.values(state.steps).find((s) => s.status === "failed");
    throw new StepFailedError(state.id, failed?.key ?? "?", failed?.error ?? state.error ?? "unknown error");
  }
  return null;
}

function withDefaults(options: InlineRunDeps): DriveDeps & { dataSource: DataSource } {
  const data = options.data ?? createOfflineProvider({ now: options.now });
  return {
    store: options.store ?? new InMemoryRunStore(options.now),
    llm: options.llm ?? createMockLlm(),
    dataFor: options.dataFor ?? fixedData(data),
    dataSource: options.dataSource ?? data.source,
    adsFor: options.adsFor ?? createOfflineAds(),
    registry: options.registry ?? AGENT_REGISTRY,
    now: options.now ?? (() => new Date()),
    retry: options.retry ?? DEFAULT_RETRY,
    signal: options.signal ?? new AbortController().signal,
  };
}
