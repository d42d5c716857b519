import { createHash, randomUUID } from "node:crypto";
import {
  AGENT_REGISTRY,
  type AgentRegistry,
  type DagJson,
  fromDagJson,
  SEEDED_WORKFLOWS,
  SEEDED_WORKFLOWS_BY_SLUG,
  toDagJson,
  type WorkflowDef,
  WorkflowDefinitionError,
  type WorkflowProblem,
} from "@tiktok-army/core";
import type { PrismaClient, Tx } from "./client.ts";
import { DataError } from "./errors.ts";

/**
 * A workflow as a workspace sees it. `code`: defined in the code, always run from its current
 * definition (a stored row of the same slug never shadows it). `stored`: exists only in this
 * workspace's database; when its DAG no longer validates (a renamed agent...) it is listed with
 * its problems and cannot be started.
 */
export type WorkflowListing = {
  slug: string;
  name: string;
  description: string;
  source: "code" | "stored";
  /** Content hash of the definition's DAG JSON: two runs of different definitions can be told apart. */
  version: string;
} & ({ def: WorkflowDef; problems?: undefined } | { def?: undefined; problems: readonly WorkflowProblem[] });

/**
 * A short, stable hash of a DAG: the same definition gives the same version whatever the key order
 * PostgreSQL's jsonb stored it in.
 */
export function definitionVersion(dag: DagJson | unknown): string {
  return createHash("sha256").update(JSON.stringify(dag, sortedKeys)).digest("hex").slice(0, 12);
}

function sortedKeys(_key: string, value: unknown): unknown {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function codeListing(def: WorkflowDef): WorkflowListing {
  return {
    slug: def.slug,
    name: def.name,
    description: def.description,
    source: "code",
    version: definitionVersion(toDagJson(def)),
    def,
  };
}

function storedListing(
  row: { slug: string; name: string; description: string; dag: unknown },
  registry: AgentRegistry,
): WorkflowListing {
  const base = {
    slug: row.slug,
    name: row.name,
    description: row.description,
    source: "stored" as const,
    version: definitionVersion(row.dag),
  };
  try {
    return { ...base, def: fromDagJson(row, registry) };
  } catch (error) {
    if (!(error instanceof WorkflowDefinitionError)) throw error;
    return { ...base, problems: error.problems };
  }
}

/** A workspace's workflows: the code's, then those only its database holds, valid or not. */
export async function listWorkflows(
  db: PrismaClient | Tx,
  workspaceId: string,
  registry: AgentRegistry = AGENT_REGISTRY,
): Promise<WorkflowListing[]> {
  const rows = await db.workflow.findMany({
    where: { workspaceId, slug: { notIn: [...SEEDED_WORKFLOWS_BY_SLUG.keys()] } },
    orderBy: { createdAt: "asc" },
  });
  return [...SEEDED_WORKFLOWS.map(codeListing), ...rows.map((row) => storedListing(row, registry))];
}

export async function getWorkflow(
  db: PrismaClient | Tx,
  workspaceId: string,
  slug: string,
  registry: AgentRegistry = AGENT_REGISTRY,
): Promise<WorkflowListing> {
  const code = SEEDED_WORKFLOWS_BY_SLUG.get(slug);
  if (code) return codeListing(code);
  const row = await db.workflow.findUnique({ where: { workspaceId_slug: { workspaceId, slug } } });
  if (!row) throw new DataError("not_found", `No workflow with slug '${slug}'`, "slug");
  return storedListing(row, registry);
}

/** The definition a new run of `slug` uses; a stored definition that no longer validates cannot start. */
export async function runnableWorkflow(
  db: PrismaClient | Tx,
  workspaceId: string,
  slug: string,
  registry: AgentRegistry,
): Promise<WorkflowDef> {
  const listing = await getWorkflow(db, workspaceId, slug, registry);
  if (listing.def) return listing.def;
  const problems = listing.problems.map((p) => `${p.stepKey ? `[${p.stepKey}] ` : ""}${p.message}`);
  throw new DataError("invalid_input", `workflow "${slug}" cannot start: ${problems.join("; ")}`, "slug");
}

/**
 * The workflow's row, which runs point at: created on a workspace's first run of a code workflow
 * and kept equal to the code's current definition, so what the database shows is what runs.
 */
export async function materialiseWorkflow(tx: Tx, workspaceId: string, def: WorkflowDef): Promise<string> {
  const fields = { name: def.name, description: def.description, dag: toDagJson(def) as object };
  const existing = await tx.workflow.findUnique({
    where: { workspaceId_slug: { workspaceId, slug: def.slug } },
    select: { id: true, dag: true },
  });
  if (existing) {
    if (
      SEEDED_WORKFLOWS_BY_SLUG.has(def.slug) &&
      definitionVersion(existing.dag) !== definitionVersion(fields.dag)
    )
      await tx.workflow.update({ where: { id: existing.id }, data: fields });
    return existing.id;
  }
  const rows = await tx.workflow.createManyAndReturn({
    data: [{ id: randomUUID(), workspaceId, slug: def.slug, ...fields }],
    skipDuplicates: true,
    select: { id: true },
  });
  // A concurrent first run may have inserted it between our read and write.
  const row =
    rows[0] ??
    (await tx.workflow.findUniqueOrThrow({
      where: { workspaceId_slug: { workspaceId, slug: def.slug } },
      select: { id: true },
    }));
  return row.id;
}
