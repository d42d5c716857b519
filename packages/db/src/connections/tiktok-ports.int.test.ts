import { randomBytes } from "node:crypto";
import { type CampaignPayload, createMockLlm, FINISHED_RUN_STATUSES, type RunState } from "@tiktok-army/core";
import { createTikTokOAuth, parseKeyring } from "@tiktok-army/tiktok";
import { startTikTokStub, stubAppConfig, type TikTokStub } from "@tiktok-army/tiktok/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Engine, startEngine } from "../engine.ts";
import { decideApproval, startRun } from "../runs.ts";
import { pendingApproval } from "../testing/pending-approval.ts";
import { createTestDatabase } from "../testing/test-database.ts";
import { waitFor } from "../testing/wait.ts";
import { createWorkspaceWithKey } from "../workspaces.ts";
import { tiktokProfileReader } from "./connection-profile.ts";
import { type Connections, createConnections } from "./connections.ts";
import { tiktokPorts } from "./tiktok-ports.ts";

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let stub: TikTokStub;
let engine: Engine;
let connections: Connections;
let workspaceId = "";

beforeAll(async () => {
  db = await createTestDatabase();
  stub = await startTikTokStub();
  const app = stubAppConfig(stub, "http://127.0.0.1");
  engine = await startEngine({
    connectionString: db.url,
    llm: createMockLlm(),
    dataSource: "tiktok",
    ...tiktokPorts(() => ({ connections, urls: app.urls })),
    retry: { maxAttempts: 2, backoffMs: 10 },
    concurrency: 2,
  });
  connections = createConnections({
    prisma: engine.prisma,
    keyring: parseKeyring(`k1:${randomBytes(32).toString("base64")}`),
    oauth: createTikTokOAuth(app),
    readProfile: tiktokProfileReader(app.urls),
  });
  workspaceId = (await createWorkspaceWithKey(engine.prisma, "brand-team")).workspace.id;
  const session = "session-of-the-person-connecting";
  // Connect as a person would: the authorize URL, TikTok's consent page, the callback's query.
  for (const kind of ["business", "advertiser"] as const) {
    const { authorizeUrl } = await connections.startConnect({ workspaceId, kind, sessionKeyId: session });
    const back = await stub.consent(authorizeUrl, "allow");
    await connections.finishConnect({ kind, query: back.searchParams, sessionKeyId: session });
  }
});

afterAll(async () => {
  await engine?.stop();
  await stub?.close();
  await db?.drop();
});

const settled = (runId: string, statuses: readonly string[]) =>
  waitFor(
    async () => {
      const state = await engine.store.load(runId);
      return state && statuses.includes(state.status) ? state : undefined;
    },
    `run ${runId} to reach ${statuses.join(" or ")}`,
  );

const apiCalls = (state: RunState, stepKey: string) =>
  (state.steps[stepKey]?.trace ?? []).filter((entry) => entry.kind === "api_call");

describe("runs over a workspace's TikTok connections", () => {
  it("audit the connected business account from TikTok's replies, each call in the step's trace", async () => {
    const handle = stub.account.business.username;
    const { runId } = await startRun(engine.store, workspaceId, {
      slug: "profile_audit",
      handle,
      targetType: "brand",
    });
    const state = await settled(runId, FINISHED_RUN_STATUSES);

    expect(state.status).toBe("succeeded");
    expect(state.dataSource).toBe("tiktok");
    const health = state.steps.account_health?.output as { follower_count: number };
    expect(health.follower_count).toBe(stub.account.business.followers_count);
    const calls = apiCalls(state, "account_health");
    expect(calls.map((c) => c.kind === "api_call" && c.endpoint)).toContain(
      "/open_api/v1.3/business/video/list/",
    );
    expect(JSON.stringify(state.steps.account_health?.trace)).not.toMatch(/act\.|rft\./);
    // Trends have no official API: the step says so instead of inventing them.
    expect(JSON.stringify(state.steps.trends?.output)).toContain(
      "Creative Center trends have no official API",
    );
  });

  it("fail a run about a handle nobody connected on its first data step, pointing to Connections", async () => {
    const { runId } = await startRun(engine.store, workspaceId, {
      slug: "profile_audit",
      handle: "someoneelse",
      targetType: "brand",
    });
    const state = await settled(runId, FINISHED_RUN_STATUSES);

    expect(state.status).toBe("failed");
    expect(state.steps.account_health?.attempts).toBe(1);
    expect(state.steps.account_health?.error).toMatch(
      /No TikTok account is connected for @someoneelse.*\/connections/,
    );
  });

  it("create exactly the approved campaign once, disabled, and enable it only after the second approval", async () => {
    const handle = stub.account.business.username;
    const [advertiserId] = stub.advertiserIds;
    const { runId } = await startRun(engine.store, workspaceId, {
      slug: "campaign_launch",
      handle,
      targetType: "brand",
      params: { country: "US" },
    });
    const draft = await pendingApproval(engine.prisma, runId);
    const payload = draft.value as CampaignPayload;
    expect(stub.ads.campaigns(advertiserId ?? "")).toEqual([]);

    const edited: CampaignPayload = { ...payload, campaign: { ...payload.campaign, budget: 80 } };
    await decideApproval(engine.store, workspaceId, {
      approvalId: draft.id,
      decision: "approve",
      editedValue: edited,
      decidedBy: "test",
    });
    const enableGate = await pendingApproval(engine.prisma, runId);
    expect(enableGate.id).not.toBe(draft.id);
    const [created, ...more] = stub.ads.campaigns(advertiserId ?? "");
    expect(more).toEqual([]);
    expect(created).toMatchObject({
      operation_status: "DISABLE",
      body: { budget: 80, budget_mode: "BUDGET_MODE_DAY" },
    });
    expect(created?.ad_groups.length).toBe(payload.ad_groups.length);

    await decideApproval(engine.store, workspaceId, {
      approvalId: enableGate.id,
      decision: "approve",
      decidedBy: "test",
    });
    const state = await settled(runId, FINISHED_RUN_STATUSES);
    expect(state.status).toBe("succeeded");
    expect(stub.ads.campaigns(advertiserId ?? "")).toMatchObject([{ operation_status: "ENABLE" }]);
    expect(apiCalls(state, "publish").length).toBeGreaterThan(0);
  });
});
