import { APPROVAL_STATUS } from "@tiktok-army/core/model";
import { decideApproval } from "@tiktok-army/db";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { editedValueSchema } from "../inputs.ts";
import { protectedProcedure } from "../trpc.ts";

/** What the list reads of a run's DAG snapshot step. */
interface GateStepJson {
  key: string;
  label: string;
  dependsOn?: string[];
  options?: { editable?: string[] };
}

export const approvalsRouter = {
  /** The workspace's approvals, newest first, with what a reviewer needs to decide. */
  list: protectedProcedure
    .input(z.object({ status: z.enum(APPROVAL_STATUS).optional() }).default({}))
    .query(async ({ ctx, input }) => {
      const rows = await ctx.deps.engine.prisma.approval.findMany({
        where: { workspaceId: ctx.workspace.id, status: input.status },
        orderBy: { requestedAt: "desc" },
        take: 200,
        include: { run: { select: { workflowSlug: true, workflowName: true, brief: true, dag: true } } },
      });
      return rows.map((a) => {
        const steps = (a.run.dag as unknown as { steps: GateStepJson[] }).steps;
        const gate = steps.find((s) => s.key === a.stepKey);
        return {
          id: a.id,
          runId: a.runId,
          workflowSlug: a.run.workflowSlug,
          workflowName: a.run.workflowName,
          handle: (a.run.brief as { handle?: string }).handle ?? null,
          stepKey: a.stepKey,
          label: gate?.label ?? a.stepKey,
          reviewedStep: gate?.dependsOn?.[0] ?? null,
          field: a.field,
          /** Paths inside `value` a reviewer may change (`*`: any list index); `[]` none; null any. */
          editable: gate?.options?.editable ?? null,
          // JSON columns leave as `unknown`: Prisma's recursive JsonValue is too deep for clients to infer.
          value: a.value as unknown,
          status: a.status,
          editedValue: (a.editedValue ?? null) as unknown,
          decidedBy: a.decidedBy,
          comment: a.comment,
          requestedAt: a.requestedAt.toISOString(),
          decidedAt: a.decidedAt?.toISOString() ?? null,
          expiresAt: a.expiresAt?.toISOString() ?? null,
        };
      });
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
