import { randomUUID } from "node:crypto";
import { handleSchema, TARGET_TYPES } from "@tiktok-army/core";
import { z } from "zod";
import type { PrismaClient } from "./client.ts";
import { BriefOutcome } from "./generated/prisma/enums.ts";
import { parseInput } from "./runs.ts";

/** The outcomes a brief can ask for, in the order the database enum declares them. */
export const BRIEF_OUTCOMES = Object.values(BriefOutcome);

export const createBriefSchema = z
  .object({
    handle: handleSchema,
    targetType: z.enum(TARGET_TYPES),
    outcome: z.enum(BRIEF_OUTCOMES, { message: `outcome must be one of ${BRIEF_OUTCOMES.join(", ")}` }),
    notes: z.string().max(4000, "notes must be at most 4000 characters").optional(),
    brandId: z.uuid().optional(),
  })
  .strict();

export async function createBrief(
  prisma: PrismaClient,
  workspaceId: string,
  input: z.input<typeof createBriefSchema>,
) {
  const data = parseInput(createBriefSchema, input);
  return prisma.brief.create({ data: { id: randomUUID(), workspaceId, ...data } });
}

export function listBriefs(prisma: PrismaClient, workspaceId: string, options: { limit?: number } = {}) {
  return prisma.brief.findMany({
    where: { workspaceId },
    orderBy: { createdAt: "desc" },
    take: options.limit ?? 50,
  });
}
