import { randomUUID } from "node:crypto";

/** What `runs.get` answers (`runView` in packages/api/src/views.ts), as plain JSON. */
export interface RunViewJson {
  id: string;
  workflowSlug: string;
  workflowName: string;
  brief: { handle: string; targetType: "brand" | "creator" | "competitor" };
  status: "running";
  report: null;
  error: null;
  createdAt: string;
  finishedAt: null;
  usage: {
    inputTokens: number;
    outputTokens: number;
    cacheReadTokens: number;
    cacheWriteTokens: number;
    costUsd: number;
    estimate: boolean;
  };
  steps: StepJson[];
  approvals: { id: string; stepKey: string; field: string; status: "pending" }[];
}

interface StepJson {
  key: string;
  label: string;
  kind: "agent" | "approval" | "synthesis";
  agentName: string | null;
  dependsOn: string[];
  status: StepStatus;
  attempts: number;
  error: string | null;
  startedAt: string | null;
  finishedAt: string | null;
}

type StepStatus = "pending" | "queued" | "running" | "waiting_approval" | "succeeded" | "failed";

// 7 layers, 40 steps: a market expansion fanning out from one account audit to per-market trends,
// plans, campaign drafts, their approvals and reviews, back into one report.
const LAYERS = [
  { key: "audit", kind: "agent", agentName: "account_health", label: "Account audit", count: 1 },
  { key: "trends", kind: "agent", agentName: "trend_watcher", label: "Trends", count: 5 },
  { key: "plan", kind: "agent", agentName: "content_planner", label: "Content plan", count: 8 },
  { key: "campaign", kind: "agent", agentName: "campaign_builder", label: "Campaign draft", count: 10 },
  { key: "approve", kind: "approval", agentName: null, label: "Approve campaign", count: 8 },
  { key: "review", kind: "agent", agentName: "performance_reviewer", label: "Performance review", count: 7 },
  { key: "report", kind: "synthesis", agentName: null, label: "Report", count: 1 },
] as const;

/** The campaign drafts (layer 3) are mid-flight: 6 done, 1 out of attempts, 3 still running. */
const CAMPAIGN_STATUSES: StepStatus[] = [
  ...Array<StepStatus>(6).fill("succeeded"),
  "failed",
  ...Array<StepStatus>(3).fill("running"),
];

/**
 * A running 40-step run with a uuid id: the first three layers succeeded, the campaign drafts are
 * mixed (one failed), later steps are queued, waiting for approval or pending as their
 * dependencies allow.
 */
export function syntheticRun(now = Date.now()): RunViewJson {
  const keys = LAYERS.map((layer) =>
    Array.from({ length: layer.count }, (_, i) => (layer.count === 1 ? layer.key : `${layer.key}_${i + 1}`)),
  );
  const status = new Map<string, StepStatus>();
  const createdAt = now - 10 * 60_000;
  const steps = LAYERS.flatMap((layer, l) =>
    (keys[l] as string[]).map((key, i): StepJson => {
      const dependsOn = dependenciesOf(keys, l, i);
      const ready = dependsOn.every((d) => status.get(d) === "succeeded");
      const own = l < 3 ? "succeeded" : l === 3 ? (CAMPAIGN_STATUSES[i] as StepStatus) : undefined;
      const waiting = layer.kind === "approval" ? "waiting_approval" : "queued";
      const stepStatus: StepStatus = own ?? (ready ? waiting : "pending");
      status.set(key, stepStatus);
      const started = createdAt + l * 90_000 + i * 2_000;
      const begun = stepStatus === "succeeded" || stepStatus === "failed" || stepStatus === "running";
      const finished = stepStatus === "succeeded" || stepStatus === "failed";
      return {
        key,
        label: layer.count === 1 ? layer.label : `${layer.label} ${i + 1}`,
        kind: layer.kind,
        agentName: layer.agentName,
        dependsOn,
        status: stepStatus,
        attempts: stepStatus === "failed" ? 3 : begun ? 1 : 0,
        error: stepStatus === "failed" ? "TikTok Ads API answered 429 (rate limited) on every attempt" : null,
        startedAt: begun ? new Date(started).toISOString() : null,
        finishedAt: finished ? new Date(started + 45_000).toISOString() : null,
      };
    }),
  );
  return {
    id: randomUUID(),
    workflowSlug: "market_expansion",
    workflowName: "Market expansion",
    brief: { handle: "lakucosmetics", targetType: "brand" },
    status: "running",
    report: null,
    error: null,
    createdAt: new Date(createdAt).toISOString(),
    finishedAt: null,
    usage: {
      inputTokens: 121_560,
      outputTokens: 60_780,
      cacheReadTokens: 410_000,
      cacheWriteTokens: 24_000,
      costUsd: 1.87,
      estimate: false,
    },
    steps,
    approvals: steps
      .filter((s) => s.status === "waiting_approval")
      .map((s) => ({ id: randomUUID(), stepKey: s.key, field: "campaign", status: "pending" })),
  };
}

/**
 * Two neighbours in the layer before, and every third step also one two layers back (a plan that
 * reads the audit as well as the trends); the report reads every review.
 */
function dependenciesOf(keys: string[][], layer: number, i: number): string[] {
  const before = keys[layer - 1];
  if (!before) return [];
  if (layer === keys.length - 1) return before;
  const deps = new Set([pick(before, i), pick(before, i + 1)]);
  const twoBack = keys[layer - 2];
  if (twoBack && i % 3 === 0) deps.add(pick(twoBack, i));
  return [...deps];
}

function pick(list: string[], i: number): string {
  return list[i % list.length] as string;
}
