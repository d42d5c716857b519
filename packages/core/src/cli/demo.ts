// Runs a seeded workflow in this process and prints its Markdown report. The composition root of
// the CLI: the only place here that reads the environment.
import { parseArgs } from "node:util";
import { z } from "zod";
import { createOfflineAds } from "../data/offline-ads-port.ts";
import { createLlm, llmConfigFromEnv } from "../llm/index.ts";
import { InMemoryRunStore } from "../runner/memory-store.ts";
import { resumeWorkflowInline, runWorkflowInline } from "../runner/run-workflow-inline.ts";
import { runBriefSchema, TARGET_TYPES } from "../workflow/brief.ts";
import { parseRunParams, RunParamsError } from "../workflow/params.ts";
import type { WorkflowDef } from "../workflow/types.ts";
import { SEEDED_WORKFLOWS_BY_SLUG } from "../workflows/seeded.ts";

function parseParam(raw: string): [string, unknown] {
  const at = raw.indexOf("=");
  if (at < 1) {
    console.error(`--param takes name=value, not "${raw}"`);
    process.exit(2);
  }
  const value = raw.slice(at + 1);
  try {
    return [raw.slice(0, at), JSON.parse(value)];
  } catch {
    return [raw.slice(0, at), value];
  }
}

/** The params a workflow takes, one line each, for the error of a run started without them. */
function paramsHint(workflow: WorkflowDef): string {
  const fields = Object.entries(workflow.params?.shape ?? {});
  const lines = fields.map(([name, schema]) =>
    `  --param ${name}=...  ${schema.description ?? ""}`.trimEnd(),
  );
  return lines.length > 0 ? `${workflow.slug} takes:\n${lines.join("\n")}` : "";
}

const usage = `usage: pnpm demo --handle <tiktok handle> [--workflow ${[...SEEDED_WORKFLOWS_BY_SLUG.keys()].join("|")}]
                 [--target-type ${TARGET_TYPES.join("|")}] [--notes <text>] [--param name=value ...] [--auto-approve]
       a param's value is read as JSON when it parses (--param 'competitors=["a","b"]'), else as text`;

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== "--"),
  options: {
    handle: { type: "string" },
    workflow: { type: "string", default: "profile_audit" },
    "target-type": { type: "string", default: "brand" },
    notes: { type: "string" },
    param: { type: "string", multiple: true, default: [] },
    "auto-approve": { type: "boolean", default: false },
    help: { type: "boolean", default: false },
  },
});

if (values.help || !values.handle) {
  console.error(usage);
  process.exit(values.help ? 0 : 2);
}
const workflow = SEEDED_WORKFLOWS_BY_SLUG.get(values.workflow);
if (!workflow) {
  console.error(
    `unknown workflow "${values.workflow}"; one of: ${[...SEEDED_WORKFLOWS_BY_SLUG.keys()].join(", ")}`,
  );
  process.exit(2);
}
const brief = runBriefSchema.safeParse({
  handle: values.handle,
  targetType: values["target-type"],
  notes: values.notes,
  params: values.param.length > 0 ? Object.fromEntries(values.param.map(parseParam)) : undefined,
});
if (!brief.success) {
  console.error(z.prettifyError(brief.error));
  process.exit(2);
}
const params = (() => {
  try {
    return parseRunParams(workflow, brief.data.params);
  } catch (error) {
    if (!(error instanceof RunParamsError)) throw error;
    console.error(`${error.message}\n${paramsHint(workflow)}`);
    process.exit(2);
  }
})();
const llmConfig = llmConfigFromEnv(process.env);
const llm = createLlm(llmConfig);
const store = new InMemoryRunStore();
const runId = `cli-${Date.now()}`;
// One offline ads port for the run and its resumes: nothing is created at TikTok from the demo.
const adsFor = createOfflineAds();

let report = await runWorkflowInline({
  workspaceId: "local",
  workflow,
  brief: { ...brief.data, params },
  store,
  llm,
  adsFor,
  workflowRunId: runId,
});
// campaign_launch asks twice (the campaign, then enabling it): approve each gate in turn.
for (;;) {
  const state = await store.load(runId);
  const pending = Object.values(state?.approvals ?? {}).find((a) => a.status === "pending");
  if (report !== null || !pending) break;
  console.error(
    `Approval needed at "${pending.stepKey}": ${pending.field} = ${JSON.stringify(pending.value)}`,
  );
  if (!values["auto-approve"]) {
    console.error("Re-run with --auto-approve to approve it as proposed.");
    process.exit(0);
  }
  report = await resumeWorkflowInline({
    store,
    llm,
    adsFor,
    workflowRunId: runId,
    decision: { approvalId: pending.id, decision: "approve", decidedBy: "cli" },
  });
}
console.log(report ?? "");
const usageTotals = Object.values((await store.load(runId))?.steps ?? {})
  .flatMap((s) => s.trace)
  .flatMap((t) => (t.kind === "llm_call" ? [t.usage] : []));
const total = (pick: (u: (typeof usageTotals)[number]) => number) =>
  usageTotals.reduce((sum, u) => sum + pick(u), 0);
const tokens = `${total((u) => u.inputTokens)} in, ${total((u) => u.outputTokens)} out, ${total((u) => u.cacheReadTokens)} cache read, ${total((u) => u.cacheWriteTokens)} cache write`;
const cost = `$${total((u) => u.costUsd).toFixed(4)}`;
// Mock replies are priced as real ones would be: an estimate, not spend.
console.error(
  `\n${llm.mode} mode (${llm.model}): ${usageTotals.length} model calls, tokens ${tokens}, ${llm.mode === "mock" ? `≈ ${cost} (estimate)` : cost}`,
);
