import { paramsJsonSchema } from "@tiktok-army/core";
import {
  getWorkflow,
  listWorkflows,
  runParamsInputSchema,
  type StartRunInput,
  startRun,
  type WorkflowListing,
} from "@tiktok-army/db";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { slugSchema } from "../inputs.ts";
import { protectedProcedure } from "../trpc.ts";
import { stepKindView } from "../views.ts";

const workflowSummary = ({ def, ...w }: WorkflowListing) => ({
  slug: w.slug,
  name: w.name,
  description: w.description,
  source: w.source,
  version: w.version,
  /** False for a stored definition that no longer validates; `problems` says why. */
  startable: def !== undefined,
  problems: (w.problems ?? []).map((p) => ({ code: p.code, stepKey: p.stepKey ?? null, message: p.message })),
  stepCount: def?.steps.length ?? 0,
  steps: (def?.steps ?? []).map((s) => ({
    key: s.key,
    label: s.label,
    ...stepKindView(s),
    dependsOn: [...(s.dependsOn ?? [])],
    targetOutputField: s.kind === "approval" ? s.targetOutputField : null,
  })),
  /** JSON Schema of the run's params (what the forms render), or null when it takes none. */
  paramsSchema: def?.params ? paramsJsonSchema(def.params) : null,
  /** Params a run may leave out: they come from the latest run of another workflow. */
  paramsFromLatestRun: { ...def?.paramsFromLatestRun },
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
   * `{ slug, briefId }` runs a stored brief; `{ slug, handle, targetType, notes?, params? }` runs ad hoc. Only
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
          params: runParamsInputSchema.optional(),
        })
        .strict(),
    )
    .mutation(({ ctx, input }) => startRun(ctx.deps.engine.store, ctx.workspace.id, input as StartRunInput)),
} satisfies TRPCRouterRecord;
