import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterEach, describe, expect, test } from "vitest";
import { actualSchema, diffSchemas, expectedSchema } from "./schema-drift.ts";
import { createTestDatabase, type TestDatabase } from "./testing/index.ts";

const SCHEMA_PATH = fileURLToPath(new URL("../../../prisma/schema.prisma", import.meta.url));

let db: TestDatabase | undefined;

afterEach(async () => {
  await db?.drop();
  db = undefined;
});

/** The differences between schema.prisma and a fresh database holding every migration, after `tamper`. */
async function driftAfter(tamper: string[] = []): Promise<string[]> {
  db = await createTestDatabase();
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    for (const sql of tamper) await client.query(sql);
    return diffSchemas(await expectedSchema(SCHEMA_PATH), await actualSchema(client));
  } finally {
    await client.end();
  }
}

describe("prisma/migrations against prisma/schema.prisma", () => {
  test("after every migration the database is exactly what schema.prisma declares", async () => {
    const drift = await driftAfter();

    expect(drift, `The migrations and schema.prisma disagree:\n  ${drift.join("\n  ")}\n`).toEqual([]);
  });

  test("the comparison reports each change made behind schema.prisma's back", async () => {
    const drift = await driftAfter([
      "ALTER TABLE briefs ADD COLUMN extra text",
      "DROP INDEX briefs_workspace_id_created_at_idx",
      "ALTER TABLE workflow_runs ALTER COLUMN status DROP NOT NULL, ALTER COLUMN status TYPE text",
      "ALTER TYPE trace_kind ADD VALUE 'tool_result'",
      "ALTER TABLE step_runs DROP CONSTRAINT step_runs_run_id_fkey",
      `ALTER TABLE step_runs ADD CONSTRAINT step_runs_run_id_fkey FOREIGN KEY (run_id)
         REFERENCES workflow_runs (id) ON DELETE RESTRICT ON UPDATE CASCADE`,
      "CREATE TABLE scratch (id int)",
    ]);

    expect(drift).toEqual([
      "enum trace_kind: expected 'llm_call', 'tool_call', 'log', 'api_call', found 'llm_call', 'tool_call', 'log', 'api_call', 'tool_result'",
      "index briefs_workspace_id_created_at_idx: missing (expected ON briefs (workspace_id, created_at DESC))",
      "column workflow_runs.status: expected run_status NOT NULL, found text NULL",
      "foreign key step_runs_run_id_fkey: expected step_runs (run_id) REFERENCES workflow_runs (id) ON DELETE CASCADE " +
        "ON UPDATE CASCADE, found step_runs (run_id) REFERENCES workflow_runs (id) ON DELETE RESTRICT ON UPDATE CASCADE",
      "column briefs.extra: not in schema.prisma (found text NULL)",
      "table scratch: not in schema.prisma",
    ]);
  });

  test("reads schema.prisma's tables, enums, keys and indexes", async () => {
    const schema = await expectedSchema(SCHEMA_PATH);

    expect(schema.enums.run_status).toEqual([
      "running",
      "waiting_approval",
      "succeeded",
      "failed",
      "rejected",
      "cancelled",
    ]);
    expect(schema.tables.trace_entries?.columns.cost_usd).toEqual({
      type: "numeric(12,6)",
      nullable: true,
      hasDefault: false,
    });
    expect(schema.tables.trace_entries?.columns.id).toEqual({
      type: "bigint",
      nullable: false,
      hasDefault: true,
    });
    expect(schema.tables.workflows?.columns.updated_at).toEqual({
      type: "timestamp(3) with time zone",
      nullable: false,
      hasDefault: true,
    });
    expect(schema.tables.briefs?.indexes.briefs_workspace_id_created_at_idx).toEqual({
      columns: ["workspace_id", "created_at DESC"],
      unique: false,
      method: "btree",
      where: null,
    });
    expect(schema.tables.workflow_runs?.foreignKeys.workflow_runs_workflow_id_fkey).toEqual({
      columns: ["workflow_id"],
      referencedTable: "workflows",
      referencedColumns: ["id"],
      onDelete: "RESTRICT",
      onUpdate: "CASCADE",
    });
  });
});
