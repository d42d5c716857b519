import { getWorkflow, listWorkflows, type StartRunInput, startRun } from "@tiktok-army/db";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { slugSchema } from "../inputs.ts";
import { protectedProcedure } from "../trpc.ts";

const workflowSummary = (w: Awaited<ReturnType<typeof getWorkflow>>) => ({
  slug: w.slug,
  name: w.name,
  description: w.description,
  stepCount: w.steps.length,
  steps: w.steps.map((s) => ({
    key: s.key,
    label: s.label,
    agentName: s.agentName,
    dependsOn: [...(s.dependsOn ?? [])],
    targetOutputField: s.targetOutputField ?? null,
  })),
});

export const workflowsRouter = {
  list: protectedProcedure.query(async ({ ctx }) =>
    (await listWorkflows(ctx.deps.engine.prisma, ctx.workspace.id, ctx.deps.engine.registry)).map(
      workflowSummary,
    ),
  ),
  get: protectedProcedure
    .input(z.object({ slug: slugSchema }))
    .query(async ({ ctx, input }) =>
      workflowSummary(
        await getWorkflow(ctx.deps.engine.prisma, ctx.workspace.id, input.slug, ctx.deps.engine.registry),
      ),
    ),
  /**
   * `{ slug, briefId }` runs a stored brief; `{ slug, handle, targetType, notes? }` runs ad hoc. Only
   * sizes are checked here: the data layer validates the rest and names the field it refuses.
   */
  run: protectedProcedure
    .input(
      z
        .object({
          slug: slugSchema,
          briefId: z.string().max(64).optional(),
          handle: z.string().max(64).optional(),
          targetType: z.string().max(32).optional(),
          notes: z.string().max(4000, "notes must be at most 4000 characters").optional(),
        })
        .strict(),
    )
    .mutation(({ ctx, input }) => startRun(ctx.deps.engine.store, ctx.workspace.id, input as StartRunInput)),
} satisfies TRPCRouterRecord;
