import { SEEDED_WORKFLOWS_BY_SLUG } from "@tiktok-army/core";
import { createBriefSchema } from "@tiktok-army/core/model";
import { BRIEF_OUTCOMES, createBrief, listBriefs } from "@tiktok-army/db";
import type { TRPCRouterRecord } from "@trpc/server";
import { protectedProcedure } from "../trpc.ts";

const briefView = (b: Awaited<ReturnType<typeof createBrief>>) => ({
  id: b.id,
  handle: b.handle,
  targetType: b.targetType,
  outcome: b.outcome,
  notes: b.notes,
  params: (b.params ?? null) as Record<string, unknown> | null,
  createdAt: b.createdAt.toISOString(),
});

export const briefsRouter = {
  /** What a brief can ask for, with the workflow that serves each. */
  outcomes: protectedProcedure.query(() =>
    BRIEF_OUTCOMES.map((value) => {
      const workflow = SEEDED_WORKFLOWS_BY_SLUG.get(value);
      return { value, label: workflow?.name ?? value, description: workflow?.description ?? "" };
    }),
  ),
  /** The outcome's workflow params are checked by the data layer, which names the field it refuses. */
  create: protectedProcedure
    .input(createBriefSchema)
    .mutation(async ({ ctx, input }) =>
      briefView(await createBrief(ctx.deps.engine.prisma, ctx.workspace.id, input)),
    ),
  list: protectedProcedure.query(async ({ ctx }) =>
    (await listBriefs(ctx.deps.engine.prisma, ctx.workspace.id)).map(briefView),
  ),
} satisfies TRPCRouterRecord;
