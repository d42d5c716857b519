import {
  ConnectionRequiredError,
  createMockLlm,
  createOfflineProvider,
  type DataScope,
  FINISHED_RUN_STATUSES,
  type TikTokDataProvider,
} from "@tiktok-army/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Engine, startEngine } from "./engine.ts";
import { startRun } from "./runs.ts";
import { createTestDatabase } from "./testing/test-database.ts";
import { waitFor } from "./testing/wait.ts";
import { createWorkspaceWithKey } from "./workspaces.ts";

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let engine: Engine;
const scopes: string[] = [];
const offline = createOfflineProvider();

/** Reads the offline account for a workspace named "connected"; any other has no connection. */
function dataFor({ workspaceId, trace }: DataScope): TikTokDataProvider {
  scopes.push(workspaceId);
  if (workspaceId !== connectedId) {
    const fail = async (handle: string): Promise<never> => {
      throw new ConnectionRequiredError(handle, "account");
    };
    return { ...offline, source: "tiktok", getProfile: fail, listVideos: fail };
  }
  return {
    ...offline,
    source: "tiktok",
    async getProfile(handle) {
      trace.apiCall({
        endpoint: "/v2/user/info/",
        method: "GET",
        params: { fields: "display_name,follower_count" },
        status: 200,
        latencyMs: 143,
        itemsRead: 1,
        attempt: 1,
        outcome: "ok",
      });
      return offline.getProfile(handle);
    },
  };
}

let connectedId = "";
let otherId = "";
const audit = { slug: "profile_audit", handle: "lakucosmetics", targetType: "brand" } as const;

async function finished(runId: string) {
  return waitFor(async () => {
    const s = await engine.store.load(runId);
    return s && FINISHED_RUN_STATUSES.includes(s.status) ? s : undefined;
  }, "the run to finish");
}

beforeAll(async () => {
  db = await createTestDatabase();
  engine = await startEngine({
    connectionString: db.url,
    llm: createMockLlm(),
    dataFor,
    dataSource: "tiktok",
    concurrency: 2,
  });
  connectedId = (await createWorkspaceWithKey(engine.prisma, "connected")).workspace.id;
  otherId = (await createWorkspaceWithKey(engine.prisma, "unconnected")).workspace.id;
});

afterAll(async () => {
  await engine?.stop();
  await db?.drop();
});

describe("an engine that resolves the data provider per step", () => {
  it("records its data source and keeps each TikTok API call in the step's stored trace", async () => {
    expect(engine.dataSource).toBe("tiktok");
    const { runId } = await startRun(engine.store, connectedId, audit);
    const state = await finished(runId);
    expect(state).toMatchObject({ status: "succeeded", dataSource: "tiktok" });
    expect(scopes).toContain(connectedId);
    const calls = state.steps.account_health?.trace.filter((t) => t.kind === "api_call");
    expect(calls).toEqual([
      expect.objectContaining({ endpoint: "/v2/user/info/", status: 200, itemsRead: 1, callAttempt: 1 }),
    ]);
    const rows = await engine.prisma.traceEntry.count({ where: { kind: "api_call" } });
    expect(rows).toBe(1);
  });

  it("fails the first data step of a workspace without a connection once, never retried", async () => {
    const { runId } = await startRun(engine.store, otherId, audit);
    const state = await finished(runId);
    expect(state.status).toBe("failed");
    expect(state.steps.account_health).toMatchObject({ status: "failed", attempts: 1 });
    expect(state.steps.account_health?.error).toContain("connect it on the Connections page (/connections)");
  });
});
