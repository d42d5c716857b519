import type { PrismaClient } from "@tiktok-army/db";
import type { RunUsage } from "./views.ts";

/** Tokens (in + out) and cost of the model calls of each run, from the trace rows. */
export async function usageByRun(prisma: PrismaClient, runIds: string[]): Promise<Map<string, RunUsage>> {
  if (runIds.length === 0) return new Map();
  const rows = await prisma.$queryRaw<{ run_id: string; tokens: bigint | null; cost: string | null }[]>`
    SELECT s.run_id, sum(t.input_tokens + t.output_tokens) AS tokens, sum(t.cost_usd)::text AS cost
    FROM trace_entries t JOIN step_runs s ON s.id = t.step_run_id
    WHERE s.run_id = ANY(${runIds}::uuid[]) AND t.kind = 'llm_call'
    GROUP BY s.run_id`;
  return new Map(
    rows.map((r) => [r.run_id, { tokens: Number(r.tokens ?? 0), costUsd: Number(r.cost ?? 0) }]),
  );
}
