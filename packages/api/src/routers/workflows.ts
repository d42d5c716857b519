import { paramsJsonSchema } from "@tiktok-army/core";
import { slugSchema, startRunInputSchema, stepKindView } from "@tiktok-army/core/model";
import { getWorkflow, listWorkflows, startRun, type WorkflowListing } from "@tiktok-army/db";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { protectedProcedure, runStartingProcedure } from "../trpc.ts";

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
   * `{ slug, briefId }` runs a stored brief; `{ slug, handle, targetType, notes?, params? }` runs ad hoc.
   * The workflow's params and the brief itself are checked by the data layer, which names the field.
   */
  run: runStartingProcedure
    .input(startRunInputSchema)
    .mutation(({ ctx, input }) => startRun(ctx.deps.engine.store, ctx.workspace.id, input)),
} satisfies TRPCRouterRecord;
