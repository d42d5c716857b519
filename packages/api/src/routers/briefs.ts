import { SEEDED_WORKFLOWS_BY_SLUG } from "@tiktok-army/core";
import { BRIEF_OUTCOMES, createBrief, listBriefs, runParamsInputSchema } from "@tiktok-army/db";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
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
  /** What a brief can ask for: the database enum's values, with the workflow that serves each. */
  outcomes: protectedProcedure.query(() =>
    BRIEF_OUTCOMES.map((value) => {
      const workflow = SEEDED_WORKFLOWS_BY_SLUG.get(value);
      return { value, label: workflow?.name ?? value, description: workflow?.description ?? "" };
    }),
  ),
  // Sizes only here; the data layer validates the fields and names the one it refuses.
  create: protectedProcedure
    .input(
      z.object({
        handle: z.string().max(64),
        targetType: z.string().max(32),
        outcome: z.string().max(64),
        notes: z.string().max(4000, "notes must be at most 4000 characters").optional(),
        params: runParamsInputSchema.optional(),
      }),
    )
    .mutation(async ({ ctx, input }) =>
      briefView(await createBrief(ctx.deps.engine.prisma, ctx.workspace.id, input as never)),
    ),
  list: protectedProcedure.query(async ({ ctx }) =>
    (await listBriefs(ctx.deps.engine.prisma, ctx.workspace.id)).map(briefView),
  ),
} satisfies TRPCRouterRecord;
