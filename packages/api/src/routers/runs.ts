import { RUN_STATUS, slugSchema, stepKeySchema } from "@tiktok-army/core/model";
import { apiKeyIsLive, cancelRun, retryStep, runOfWorkspace } from "@tiktok-army/db";
import { TRPCError, type TRPCRouterRecord, tracked } from "@trpc/server";
import { z } from "zod";
import { runIdSchema } from "../inputs.ts";
import { protectedProcedure, toTRPCError } from "../trpc.ts";
import { noUsage, usageByRun, usageOfRun } from "../usage.ts";
import { runView, stepView } from "../views.ts";

export const runsRouter = {
  list: protectedProcedure
    .input(
      z
        .object({
          status: z.enum(RUN_STATUS).optional(),
          workflowSlug: slugSchema.optional(),
          cursor: runIdSchema.optional(),
          limit: z.number().int().min(1).max(100).default(25),
        })
        .default({ limit: 25 }),
    )
    .query(async ({ ctx, input }) => {
      // A cursor is one of this workspace's runs; anything else is not found, like every foreign id.
      if (input.cursor) await runOfWorkspace(ctx.deps.engine.store, ctx.workspace.id, input.cursor);
      const rows = await ctx.deps.engine.prisma.workflowRun.findMany({
        where: { workspaceId: ctx.workspace.id, status: input.status, workflowSlug: input.workflowSlug },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: input.limit + 1,
        ...(input.cursor ? { cursor: { id: input.cursor }, skip: 0 } : {}),
        // Whitelisted so that outputs and snapshots never leak into a list.
        select: {
          id: true,
          workflowSlug: true,
          workflowName: true,
          brief: true,
          dataSource: true,
          status: true,
          error: true,
          createdAt: true,
          finishedAt: true,
        },
      });
      const page = rows.slice(0, input.limit);
      const usage = await usageByRun(
        ctx.deps.engine.prisma,
        page.map((r) => r.id),
      );
      return {
        items: page.map(({ brief, ...r }) => ({
          ...r,
          handle: (brief as { handle?: string }).handle ?? null,
          createdAt: r.createdAt.toISOString(),
          finishedAt: r.finishedAt?.toISOString() ?? null,
          durationMs: r.finishedAt ? r.finishedAt.getTime() - r.createdAt.getTime() : null,
          usage: usage.get(r.id) ?? noUsage(ctx.deps.mode),
        })),
        nextCursor: rows[input.limit]?.id ?? null,
      };
    }),

  get: protectedProcedure.input(z.object({ runId: runIdSchema })).query(async ({ ctx, input }) => {
    const state = await runOfWorkspace(ctx.deps.engine.store, ctx.workspace.id, input.runId);
    return runView(state, await usageOfRun(ctx.deps.engine.prisma, state.id, ctx.deps.mode));
  }),

  step: protectedProcedure
    .input(z.object({ runId: runIdSchema, stepKey: stepKeySchema }))
    .query(async ({ ctx, input }) => {
      await runOfWorkspace(ctx.deps.engine.store, ctx.workspace.id, input.runId);
      const state = await ctx.deps.engine.store.load(input.runId, { traces: true });
      const view = state && stepView(state, input.stepKey);
      if (!view)
        throw new TRPCError({
          code: "NOT_FOUND",
          message: `Run '${input.runId}' has no step '${input.stepKey}'`,
        });
      return view;
    }),

  retryStep: protectedProcedure
    .input(z.object({ runId: runIdSchema, stepKey: stepKeySchema }))
    .mutation(async ({ ctx, input }) => {
      const { state } = await retryStep(ctx.deps.engine.store, ctx.workspace.id, input.runId, input.stepKey);
      return runView(state, await usageOfRun(ctx.deps.engine.prisma, state.id, ctx.deps.mode));
    }),

  cancel: protectedProcedure.input(z.object({ runId: runIdSchema })).mutation(async ({ ctx, input }) => {
    const { state } = await cancelRun(ctx.deps.engine.store, ctx.workspace.id, input.runId);
    return runView(state, await usageOfRun(ctx.deps.engine.prisma, state.id, ctx.deps.mode));
  }),

  /**
   * Every event of the run after `lastEventId`, then live ones as they are committed by any
   * process. Ids are the run event ids, so a client that reconnects resumes where it stopped. The
   * stream ends with UNAUTHORIZED once its key is revoked.
   */
  events: protectedProcedure
    .input(
      z.object({
        runId: runIdSchema,
        lastEventId: z
          .string()
          .regex(/^\d{1,18}$/, "lastEventId must be an event id")
          .nullish(),
      }),
    )
    .subscription(async function* ({ ctx, input, signal }) {
      // A generator's errors escape the procedure's middleware, so map this one here.
      await runOfWorkspace(ctx.deps.engine.store, ctx.workspace.id, input.runId).catch((error) => {
        throw toTRPCError(error) ?? error;
      });
      // Watch before reading the backlog: an event committed in between then wakes us.
      const watch = ctx.deps.events.watch(input.runId);
      signal?.addEventListener("abort", () => watch.close(), { once: true });
      let last = Number(input.lastEventId ?? 0);
      try {
        while (!signal?.aborted && !ctx.deps.events.stopped) {
          for (const event of await watch.read(last, (after) =>
            ctx.deps.engine.store.events(input.runId, after),
          )) {
            last = event.id;
            yield tracked(String(event.id), event);
          }
          await watch.wait();
          // A key revoked while its stream is open gets nothing more (one lookup by id per wake-up).
          if (!signal?.aborted && !(await apiKeyIsLive(ctx.deps.engine.prisma, ctx.apiKey.id)))
            throw new TRPCError({ code: "UNAUTHORIZED", message: "The API key was revoked" });
        }
      } finally {
        watch.close();
      }
    }),
} satisfies TRPCRouterRecord;
