import { randomUUID } from "node:crypto";
import {
  type ApprovalDecision,
  ApprovalValueError,
  approvalDecisionEvent,
  describeError,
  parseRunParams,
  type RunBrief,
  type RunParams,
  RunParamsError,
  RunTransitionError,
  runBriefSchema,
  runStep,
  toDagJson,
  valueAtPath,
  type WorkflowDef,
} from "@tiktok-army/core";
import { type StartRunInput, startRunInputSchema } from "@tiktok-army/core/model";
import { z } from "zod";
import type { Tx } from "./client.ts";
import { DataError, invalidField, notFound } from "./errors.ts";
import { type PgRunStore, TX_OPTIONS } from "./run-store.ts";
import { materialiseWorkflow, runnableWorkflow } from "./workflows.ts";

/**
 * Creates a run and queues its first steps in one transaction: a bad input, an unknown brief or a
 * brief whose outcome is not the workflow's slug writes nothing. The input is checked with the
 * schema the API takes it with: callers other than the API get the same refusals.
 */
export async function startRun(
  store: PgRunStore,
  workspaceId: string,
  input: StartRunInput,
): Promise<{ runId: string }> {
  const parsed = parseInput(startRunInputSchema, input);
  const runId = randomUUID();
  await store.prisma.$transaction(async (tx) => {
    const def = await runnableWorkflow(tx, workspaceId, parsed.slug, store.registry);
    let brief: RunBrief;
    let briefId: string | undefined;
    let brandId: string | undefined;
    let params: unknown;
    if ("briefId" in parsed) {
      const row = await tx.brief.findFirst({ where: { id: parsed.briefId, workspaceId } });
      if (!row) throw new DataError("not_found", `No brief with id '${parsed.briefId}'`, "briefId");
      if (row.outcome !== parsed.slug)
        throw new DataError(
          "invalid_input",
          `brief ${row.id} asks for outcome "${row.outcome}", which workflow "${parsed.slug}" does not serve`,
          "slug",
        );
      brief = runBriefSchema.parse({
        handle: row.handle,
        targetType: row.targetType,
        outcome: row.outcome,
        notes: row.notes ?? undefined,
      });
      briefId = row.id;
      brandId = row.brandId ?? undefined;
      params = row.params ?? undefined;
    } else {
      brief = { handle: parsed.handle, targetType: parsed.targetType, notes: parsed.notes };
      params = parsed.params;
    }
    params = await withLatestRunParams(tx, workspaceId, def, brief.handle, params);
    brief = { ...brief, params: runParams(def, params) };
    const workflowId = await materialiseWorkflow(tx, workspaceId, def);
    const workflow = { id: workflowId, def };
    const dag = toDagJson(def);
    await tx.workflowRun.create({
      data: {
        id: runId,
        workspaceId,
        workflowId: workflow.id,
        briefId,
        brandId,
        workflowSlug: workflow.def.slug,
        workflowName: workflow.def.name,
        brief: brief as object,
        dag: dag as object,
        dataSource: store.dataSource,
        status: "running",
      },
    });
    await store.commitIn(
      tx,
      runId,
      [
        {
          type: "run_created",
          workspaceId,
          brandId,
          workflowSlug: workflow.def.slug,
          workflowName: workflow.def.name,
          brief,
          dag,
          dataSource: store.dataSource,
        },
      ],
      { isNew: true },
    );
  }, TX_OPTIONS);
  return { runId };
}

/** The run's params checked against its workflow, as the data layer's error when refused. */
export function runParams(
  def: WorkflowDef,
  params: unknown,
  options?: Parameters<typeof parseRunParams>[2],
): RunParams | undefined {
  try {
    return parseRunParams(def, params, options);
  } catch (error) {
    if (error instanceof RunParamsError) throw invalidField(error.field, error.reason);
    throw error;
  }
}

/**
 * Fills the params a run left out that its workflow takes from the latest succeeded run of another
 * workflow about the same handle (post_launch_loop reviews the campaign the last launch built).
 */
async function withLatestRunParams(
  tx: Tx,
  workspaceId: string,
  def: WorkflowDef,
  handle: string,
  given: unknown,
): Promise<unknown> {
  const sources = Object.entries(def.paramsFromLatestRun ?? {});
  if (sources.length === 0 || (given !== undefined && (typeof given !== "object" || given === null)))
    return given;
  const params: Record<string, unknown> = { ...(given as Record<string, unknown> | undefined) };
  for (const [field, source] of sources) {
    if (params[field] !== undefined && params[field] !== "") continue;
    const [stepKey = "", , ...path] = source.path.split(".");
    const step = await tx.stepRun.findFirst({
      where: {
        stepKey,
        status: "succeeded",
        run: {
          workspaceId,
          workflowSlug: source.workflow,
          status: "succeeded",
          brief: { path: ["handle"], equals: handle },
        },
      },
      orderBy: { finishedAt: "desc" },
      select: { output: true },
    });
    const found = step ? valueAtPath(step.output, path) : { found: false as const };
    if (!found.found)
      throw invalidField(
        `params.${field}`,
        `no succeeded ${source.workflow} run for @${handle} to take it from; give ${field}`,
      );
    params[field] = found.value;
  }
  return params;
}

/** Loads a run of this workspace or throws not_found (another workspace's run is not found either). */
export async function runOfWorkspace(store: PgRunStore, workspaceId: string, runId: string) {
  const state = z.uuid().safeParse(runId).success ? await store.load(runId, { traces: false }) : undefined;
  if (!state || state.workspaceId !== workspaceId) throw notFound("run", runId);
  return state;
}

/** Records a decision; approving queues what follows in the same transaction. Deciding twice is a conflict. */
export async function decideApproval(
  store: PgRunStore,
  workspaceId: string,
  input: ApprovalDecision & { approvalId: string },
) {
  const approval = await store.prisma.approval.findFirst({ where: { id: input.approvalId, workspaceId } });
  if (!approval) throw notFound("approval", input.approvalId);
  const state = await runOfWorkspace(store, workspaceId, approval.runId);
  return translate(async () => {
    const event = approvalDecisionEvent(state, input, store.registry);
    return store.commit(state.id, [event]);
  });
}

/** Re-runs a failed step and everything downstream of it, keeping the outputs upstream. */
export async function retryStep(store: PgRunStore, workspaceId: string, runId: string, stepKey: string) {
  const state = await runOfWorkspace(store, workspaceId, runId);
  if (!runStep(state, stepKey))
    throw new DataError("not_found", `Run '${runId}' has no step '${stepKey}'`, "stepKey");
  return translate(() => store.commit(runId, [{ type: "step_retried", stepKey }]));
}

export async function cancelRun(store: PgRunStore, workspaceId: string, runId: string) {
  await runOfWorkspace(store, workspaceId, runId);
  return translate(() => store.commit(runId, [{ type: "run_cancelled", reason: "cancelled by a user" }]));
}

/** The engine's refusals, as the data layer's errors. */
async function translate<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ApprovalValueError) throw editedValueError(error);
    if (error instanceof RunTransitionError) throw new DataError("conflict", error.message);
    throw error;
  }
}

/**
 * An edited value the gate refused, as a refusal of the part it names, so a form shows it under that
 * part's input: `editedValue.campaign.budget`, with "must be at least 50 …" as the reason.
 */
function editedValueError(error: ApprovalValueError): DataError {
  const field = error.path ? `editedValue.${error.path}` : "editedValue";
  // The problem names its parts as `path: message`; the first is the one `field` already names.
  const reason = error.path ? stripPrefix(error.problem, `${error.path}: `) : error.problem;
  return invalidField(field, reason);
}

const stripPrefix = (text: string, prefix: string) =>
  text.startsWith(prefix) ? text.slice(prefix.length) : text;

/** The input as `schema` parses it, or a DataError naming the first field refused, with all issues as its cause. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const first = parsed.error.issues[0];
  const field = first?.path.join(".") || undefined;
  throw new DataError("invalid_input", describeError(parsed.error), field, {
    reason: first?.message,
    cause: parsed.error,
  });
}

/**
 * Ends the runs whose approvals expired unanswered (gates with `expires_in_hours`): each as
 * rejected, with "approval expired unanswered". Worker processes call it periodically; any number
 * may run it at once, since the run's row lock lets only one of them record each expiry.
 */
export async function expireApprovals(store: PgRunStore, now: Date = new Date()): Promise<number> {
  const due = await store.prisma.approval.findMany({
    where: { status: "pending", expiresAt: { lte: now } },
    select: { id: true, runId: true, stepKey: true },
    take: 100,
  });
  let expired = 0;
  for (const approval of due) {
    try {
      await store.commit(approval.runId, [
        { type: "approval_expired", stepKey: approval.stepKey, approvalId: approval.id },
      ]);
      expired += 1;
    } catch (error) {
      if (!(error instanceof RunTransitionError)) throw error; // decided or expired meanwhile
    }
  }
  return expired;
}
