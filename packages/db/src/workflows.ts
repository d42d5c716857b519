import { randomUUID } from "node:crypto";
import {
  AGENT_REGISTRY,
  type AgentRegistry,
  fromDagJson,
  SEEDED_WORKFLOWS,
  SEEDED_WORKFLOWS_BY_SLUG,
  toDagJson,
  type WorkflowDef,
} from "@tiktok-army/core";
import type { PrismaClient, Tx } from "./client.ts";
import { DataError } from "./errors.ts";

/**
 * A workspace's workflows: its stored ones, then the seeded ones it has not stored (a workspace
 * with no rows sees exactly the seeded list; a first run stores the row of the workflow it runs).
 */
export async function listWorkflows(
  db: PrismaClient | Tx,
  workspaceId: string,
  registry: AgentRegistry = AGENT_REGISTRY,
): Promise<WorkflowDef[]> {
  const rows = await db.workflow.findMany({ where: { workspaceId }, orderBy: { createdAt: "asc" } });
  const stored = rows.map((row) => fromDagJson(row, registry));
  const slugs = new Set(stored.map((w) => w.slug));
  return [...stored, ...SEEDED_WORKFLOWS.filter((w) => !slugs.has(w.slug))];
}

export async function getWorkflow(
  db: PrismaClient | Tx,
  workspaceId: string,
  slug: string,
  registry: AgentRegistry = AGENT_REGISTRY,
): Promise<WorkflowDef> {
  const row = await db.workflow.findUnique({ where: { workspaceId_slug: { workspaceId, slug } } });
  if (row) return fromDagJson(row, registry);
  const seeded = SEEDED_WORKFLOWS_BY_SLUG.get(slug);
  if (!seeded) throw new DataError("not_found", `No workflow with slug '${slug}'`, "slug");
  return seeded;
}

/**
 * The workflow's row, created from the seeded definition on a workspace's first run of it, so
 * later runs and edits have something to point at. Returns the row id and the definition.
 */
export async function materialiseWorkflow(
  tx: Tx,
  workspaceId: string,
  slug: string,
  registry: AgentRegistry,
) {
  const existing = await tx.workflow.findUnique({ where: { workspaceId_slug: { workspaceId, slug } } });
  if (existing) return { id: existing.id, def: fromDagJson(existing, registry) };
  const def = await getWorkflow(tx, workspaceId, slug, registry);
  const rows = await tx.workflow.createManyAndReturn({
    data: [
      {
        id: randomUUID(),
        workspaceId,
        slug,
        name: def.name,
        description: def.description,
        dag: toDagJson(def) as object,
      },
    ],
    skipDuplicates: true,
  });
  // A concurrent first run may have inserted it between our read and write.
  const row =
    rows[0] ?? (await tx.workflow.findUniqueOrThrow({ where: { workspaceId_slug: { workspaceId, slug } } }));
  return { id: row.id, def };
}
