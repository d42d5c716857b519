import { randomUUID } from "node:crypto";
import { AGENT_REGISTRY, handleSchema, TARGET_TYPES } from "@tiktok-army/core";
import { z } from "zod";
import type { PrismaClient } from "./client.ts";
import { BriefOutcome } from "./generated/prisma/enums.ts";
import { parseInput, runParams, runParamsInputSchema } from "./runs.ts";
import { runnableWorkflow } from "./workflows.ts";

/** The outcomes a brief can ask for, in the order the database enum declares them. */
export const BRIEF_OUTCOMES = Object.values(BriefOutcome);

export const createBriefSchema = z
  .object({
    handle: handleSchema,
    targetType: z.enum(TARGET_TYPES),
    outcome: z.enum(BRIEF_OUTCOMES, { message: `outcome must be one of ${BRIEF_OUTCOMES.join(", ")}` }),
    notes: z.string().max(4000, "notes must be at most 4000 characters").optional(),
    params: runParamsInputSchema.optional(),
    brandId: z.uuid().optional(),
  })
  .strict();

export async function createBrief(
  prisma: PrismaClient,
  workspaceId: string,
  input: z.input<typeof createBriefSchema>,
) {
  const { params, ...data } = parseInput(createBriefSchema, input);
  // The outcome names the workflow that serves it: its params are checked now, not when it runs.
  const workflow = await runnableWorkflow(prisma, workspaceId, data.outcome, AGENT_REGISTRY);
  const checked = runParams(workflow, params, { beforeLatestRunFill: true });
  return prisma.brief.create({
    data: { id: randomUUID(), workspaceId, ...data, ...(checked && { params: checked }) },
  });
}

export function listBriefs(prisma: PrismaClient, workspaceId: string, options: { limit?: number } = {}) {
  return prisma.brief.findMany({
    where: { workspaceId },
    orderBy: { createdAt: "desc" },
    take: options.limit ?? 50,
  });
}
