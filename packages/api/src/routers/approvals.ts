import { APPROVAL_STATUS } from "@tiktok-army/core/model";
import { decideApproval, type Engine } from "@tiktok-army/db";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { editedValueSchema, runIdSchema } from "../inputs.ts";
import { protectedProcedure } from "../trpc.ts";

/** What the list reads of a run's DAG snapshot step. */
interface GateStepJson {
  key: string;
  label: string;
  dependsOn?: string[];
  options?: { editable?: string[]; evidence?: string };
}

/** A step of a run, as one map key. */
const stepId = (runId: string, stepKey: string) => `${runId}\u0000${stepKey}`;

export const approvalsRouter = {
  /** The workspace's approvals, newest first, with what a reviewer needs to decide. */
  list: protectedProcedure
    .input(
      z
        .object({
          status: z.enum(APPROVAL_STATUS).optional(),
          /** One run's approvals: how the run view finds a decision however old it is. */
          runId: runIdSchema.optional(),
        })
        .default({}),
    )
    .query(async ({ ctx, input }) => {
      const rows = await ctx.deps.engine.prisma.approval.findMany({
        where: { workspaceId: ctx.workspace.id, status: input.status, runId: input.runId },
        orderBy: { requestedAt: "desc" },
        take: 200,
        include: { run: { select: { workflowSlug: true, workflowName: true, brief: true, dag: true } } },
      });
      const listed = rows.map((a) => {
        const steps = (a.run.dag as unknown as { steps: GateStepJson[] }).steps;
        const gate = steps.find((s) => s.key === a.stepKey);
        const reviewedStep = gate?.dependsOn?.[0] ?? null;
        const evidenceField = gate?.options?.evidence;
        return {
          a,
          gate,
          reviewedStep,
          evidenceOf:
            reviewedStep && evidenceField
              ? { runId: a.runId, stepKey: reviewedStep, field: evidenceField }
              : null,
          // Direct dependents: the steps that start once the gate is approved.
          unlocks: steps.filter((s) => s.dependsOn?.includes(a.stepKey)).map((s) => s.label),
        };
      });
      const outputs = await readOutputs(
        ctx.deps.engine.prisma,
        listed.flatMap((l) => (l.evidenceOf ? [l.evidenceOf] : [])),
      );
      return listed.map(({ a, gate, reviewedStep, evidenceOf, unlocks }) => ({
        id: a.id,
        runId: a.runId,
        workflowSlug: a.run.workflowSlug,
        workflowName: a.run.workflowName,
        handle: (a.run.brief as { handle?: string }).handle ?? null,
        stepKey: a.stepKey,
        label: gate?.label ?? a.stepKey,
        reviewedStep,
        field: a.field,
        /** Paths inside `value` a reviewer may change (`*`: any list index); `[]` none; null any. */
        editable: gate?.options?.editable ?? null,
        // JSON columns leave as `unknown`: Prisma's recursive JsonValue is too deep for clients to infer.
        value: a.value as unknown,
        /** The gate's `evidence` field of the reviewed step's output: why the proposal is what it is. */
        evidence: evidenceOf
          ? fieldOf(outputs.get(stepId(a.runId, evidenceOf.stepKey)), evidenceOf.field)
          : null,
        /** Labels of the steps that wait on this gate. */
        unlocks,
        status: a.status,
        editedValue: (a.editedValue ?? null) as unknown,
        decidedBy: a.decidedBy,
        comment: a.comment,
        requestedAt: a.requestedAt.toISOString(),
        decidedAt: a.decidedAt?.toISOString() ?? null,
        expiresAt: a.expiresAt?.toISOString() ?? null,
      }));
    }),

  /** Approve (optionally with an edited value) or reject; deciding twice is a CONFLICT. */
  decide: protectedProcedure
    .input(
      z.object({
        approvalId: z.string().min(1).max(200),
        decision: z.enum(["approve", "reject"]),
        editedValue: editedValueSchema.optional(),
        comment: z.string().max(2000, "comment must be at most 2000 characters").optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const { state } = await decideApproval(ctx.deps.engine.store, ctx.workspace.id, {
        approvalId: input.approvalId,
        decision: input.decision,
        editedValue: input.editedValue,
        comment: input.comment,
        decidedBy: `workspace:${ctx.workspace.name}`,
      });
      return { runId: state.id, runStatus: state.status };
    }),
} satisfies TRPCRouterRecord;

/** The stored outputs of the given steps, in one query, keyed by `stepId`. */
async function readOutputs(
  prisma: Engine["prisma"],
  steps: readonly { runId: string; stepKey: string }[],
): Promise<Map<string, unknown>> {
  if (steps.length === 0) return new Map();
  const rows = await prisma.stepRun.findMany({
    where: { OR: steps.map(({ runId, stepKey }) => ({ runId, stepKey })) },
    select: { runId: true, stepKey: true, output: true },
  });
  return new Map(rows.map((r) => [stepId(r.runId, r.stepKey), r.output]));
}

/** A field of a step's output, or null when the output has none (or the step wrote no output yet). */
function fieldOf(output: unknown, field: string): unknown {
  if (typeof output !== "object" || output === null || !Object.hasOwn(output, field)) return null;
  return (output as Record<string, unknown>)[field] ?? null;
}
