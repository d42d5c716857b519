import { randomUUID } from "node:crypto";
import { AGENT_REGISTRY } from "@tiktok-army/core";
import { type CreateBriefInput, createBriefSchema } from "@tiktok-army/core/model";
import { z } from "zod";
import type { PrismaClient } from "./client.ts";
import { DataError } from "./errors.ts";
import { BriefOutcome } from "./generated/prisma/enums.ts";
import { parseInput, runParams } from "./runs.ts";
import { runnableWorkflow } from "./workflows.ts";

/**
 * What a brief can ask for, in the order the database enum declares them: each is the slug of the
 * workflow that serves it. Adding one is a migration (docs/adding-a-workflow.md, section 4).
 */
export const BRIEF_OUTCOMES: readonly string[] = Object.values(BriefOutcome);

/** A brief as the data layer takes it: what the API takes, and the brand it is for. */
const briefInputSchema = createBriefSchema.extend({ brandId: z.uuid().optional() });

/** Stores a brief after checking its fields and its outcome's workflow params. */
export async function createBrief(
  prisma: PrismaClient,
  workspaceId: string,
  input: CreateBriefInput & { brandId?: string },
) {
  const { params, ...data } = parseInput(briefInputSchema, input);
  if (!BRIEF_OUTCOMES.includes(data.outcome))
    throw new DataError("invalid_input", `outcome must be one of ${BRIEF_OUTCOMES.join(", ")}`, "outcome");
  // The outcome names the workflow that serves it: its params are checked now, not when it runs.
  const workflow = await runnableWorkflow(prisma, workspaceId, data.outcome, AGENT_REGISTRY);
  const checked = runParams(workflow, params, { beforeLatestRunFill: true });
  return prisma.brief.create({
    data: {
      id: randomUUID(),
      workspaceId,
      ...data,
      outcome: data.outcome as BriefOutcome,
      ...(checked && { params: checked }),
    },
  });
}

export function listBriefs(prisma: PrismaClient, workspaceId: string, options: { limit?: number } = {}) {
  return prisma.brief.findMany({
    where: { workspaceId },
    orderBy: { createdAt: "desc" },
    take: options.limit ?? 50,
  });
}
