import type { LlmUsage } from "@tiktok-army/core";
import type { PrismaClient } from "@tiktok-army/db";

/**
 * A run's model usage: every call of every attempt, cache reads and writes counted apart from fresh input.
 * `estimate`: some call was made in mock mode, so the cost is what real calls would have cost, not spend.
 */
export type RunUsage = LlmUsage & { estimate: boolean };

/** The usage of a run without model calls yet: an estimate when this server runs in mock mode. */
export function noUsage(mode: "mock" | "real"): RunUsage {
  return {
    inputTokens: 0,
    outputTokens: 0,
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    costUsd: 0,
    estimate: mode === "mock",
  };
}

type UsageRow = {
  run_id: string;
  input: bigint | null;
  output: bigint | null;
  cache_read: bigint | null;
  cache_write: bigint | null;
  cost: string | null;
  estimate: boolean | null;
};

/** Tokens and cost of the model calls of each run, from the trace rows (failed attempts included). */
export async function usageByRun(prisma: PrismaClient, runIds: string[]): Promise<Map<string, RunUsage>> {
  if (runIds.length === 0) return new Map();
  // cost_usd is per call, priced with each kind of token at its own rate (core's pricing.ts).
  const rows = await prisma.$queryRaw<UsageRow[]>`
    SELECT s.run_id, sum(t.input_tokens) AS input, sum(t.output_tokens) AS output,
      sum(t.cache_read_tokens) AS cache_read, sum(t.cache_write_tokens) AS cache_write,
      sum(t.cost_usd)::text AS cost, bool_or(t.data->>'mode' = 'mock') AS estimate
    FROM trace_entries t JOIN step_runs s ON s.id = t.step_run_id
    WHERE s.run_id = ANY(${runIds}::uuid[]) AND t.kind = 'llm_call'
    GROUP BY s.run_id`;
  return new Map(
    rows.map((r) => [
      r.run_id,
      {
        inputTokens: Number(r.input ?? 0),
        outputTokens: Number(r.output ?? 0),
        cacheReadTokens: Number(r.cache_read ?? 0),
        cacheWriteTokens: Number(r.cache_write ?? 0),
        costUsd: Number(r.cost ?? 0),
        estimate: r.estimate ?? false,
      },
    ]),
  );
}

/** One run's usage, as usageByRun counts it. */
export async function usageOfRun(
  prisma: PrismaClient,
  runId: string,
  mode: "mock" | "real",
): Promise<RunUsage> {
  return (await usageByRun(prisma, [runId])).get(runId) ?? noUsage(mode);
}
