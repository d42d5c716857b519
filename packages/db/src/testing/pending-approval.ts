import type { PrismaClient } from "../client.ts";
import { waitFor } from "./wait.ts";

/** The run's approval waiting for a decision, once the run reaches one (campaign_launch has two in turn). */
export function pendingApproval(prisma: PrismaClient, runId: string) {
  return waitFor(
    () =>
      prisma.approval
        .findFirst({ where: { runId, status: "pending" }, orderBy: { requestedAt: "asc" } })
        .then((a) => a ?? undefined),
    `a pending approval of run ${runId}`,
  );
}
