import {
  applyRunEvent,
  createMockLlm,
  createOfflineProvider,
  FINISHED_RUN_STATUSES,
  OFFLINE_REPORT_NOTICE,
  type TikTokDataProvider,
} from "@tiktok-army/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Engine, startEngine } from "./engine.ts";
import { startRun } from "./runs.ts";
import { createTestDatabase } from "./testing/test-database.ts";
import { waitFor } from "./testing/wait.ts";
import { createWorkspaceWithKey } from "./workspaces.ts";

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let offline: Engine;
let workspaceId: string;

const audit = { slug: "profile_audit", handle: "lakucosmetics", targetType: "brand" } as const;

beforeAll(async () => {
  db = await createTestDatabase();
  offline = await startEngine({ connectionString: db.url, llm: createMockLlm(), concurrency: 2 });
  workspaceId = (await createWorkspaceWithKey(offline.prisma, "data-source-test")).workspace.id;
});

afterAll(async () => {
  await offline?.stop();
  await db?.drop();
});

describe("a run's data source", () => {
  it("is offline with the default provider: on the row, in run_created, in the state, atop the report", async () => {
    expect(offline.dataSource).toBe("offline");
    const { runId } = await startRun(offline.store, workspaceId, audit);
    const row = await offline.prisma.workflowRun.findUniqueOrThrow({ where: { id: runId } });
    expect(row.dataSource).toBe("offline");
    expect((await offline.store.events(runId))[0]).toMatchObject({
      type: "run_created",
      dataSource: "offline",
    });
    const state = await waitFor(async () => {
      const s = await offline.store.load(runId, { traces: false });
      return s && FINISHED_RUN_STATUSES.includes(s.status) ? s : undefined;
    }, "the run to finish");
    expect(state).toMatchObject({ status: "succeeded", dataSource: "offline" });
    expect(state.report?.split("\n")[0]).toBe(OFFLINE_REPORT_NOTICE);
  });

  it("is tiktok for every run an engine with a TikTok-sourced provider starts", async () => {
    const data: TikTokDataProvider = { ...createOfflineProvider(), source: "tiktok" };
    const engine = await startEngine({
      connectionString: db.url,
      llm: createMockLlm(),
      data,
      concurrency: 0,
    });
    try {
      expect(engine.dataSource).toBe("tiktok");
      const { runId } = await startRun(engine.store, workspaceId, audit);
      expect((await engine.store.load(runId))?.dataSource).toBe("tiktok");
      expect((await engine.store.events(runId))[0]).toMatchObject({
        type: "run_created",
        dataSource: "tiktok",
      });
    } finally {
      await engine.stop();
    }
  });

  it("reads as offline for a run stored before runs carried one, row and event alike", async () => {
    const { runId } = await startRun(offline.store, workspaceId, audit);
    // A row inserted without the column, as every row was before it: the migration's default applies.
    const [old] = await offline.prisma.$queryRaw<{ id: string }[]>`
      INSERT INTO workflow_runs (id, workspace_id, workflow_id, workflow_slug, workflow_name, brief, dag, status)
      SELECT gen_random_uuid(), workspace_id, workflow_id, workflow_slug, workflow_name, brief, dag, 'succeeded'
      FROM workflow_runs WHERE id = ${runId}::uuid
      RETURNING id::text`;
    expect((await offline.store.load(old?.id ?? ""))?.dataSource).toBe("offline");

    // An event recorded before the field existed folds to an offline run.
    const created = await offline.prisma.runEvent.findFirstOrThrow({ where: { runId, type: "run_created" } });
    const { dataSource: _dropped, ...payload } = created.payload as Record<string, unknown>;
    await offline.prisma.runEvent.update({ where: { id: created.id }, data: { payload: payload as object } });
    const [event] = await offline.store.events(runId);
    expect(event).not.toHaveProperty("dataSource");
    expect(event && applyRunEvent(undefined, event).dataSource).toBe("offline");
  });
});
