import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createClient, type TikTokArmyClient } from "@tiktok-army/client";
import type { CampaignPayload, RunEvent } from "@tiktok-army/core";
import { createLogger } from "@tiktok-army/db/logger";
import { createTestDatabase } from "@tiktok-army/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serverConfigFromEnv } from "./config.ts";
import { type RunningServer, startServer } from "./server.ts";

const TERMINAL = new Set(["run_succeeded", "run_failed", "run_rejected", "run_cancelled"]);

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let dataDir: string;
let server: RunningServer;
let api: TikTokArmyClient;

/** Follows a run's events until `until` says stop; `onEvent` may act (e.g. decide an approval). */
function follow(
  client: TikTokArmyClient,
  runId: string,
  options: { lastEventId?: string; until?: (e: RunEvent) => boolean; onEvent?: (e: RunEvent) => void } = {},
): Promise<{ id: string; event: RunEvent }[]> {
  const until = options.until ?? ((e) => TERMINAL.has(e.type));
  const received: { id: string; event: RunEvent }[] = [];
  return new Promise((resolve, reject) => {
    const sub = client.runs.events.subscribe(
      { runId, lastEventId: options.lastEventId },
      {
        onData: ({ id, data }) => {
          received.push({ id, event: data as RunEvent });
          options.onEvent?.(data as RunEvent);
          if (until(data as RunEvent)) {
            sub.unsubscribe();
            resolve(received);
          }
        },
        onError: (error) => reject(error),
      },
    );
  });
}

beforeAll(async () => {
  db = await createTestDatabase();
  dataDir = await mkdtemp(path.join(tmpdir(), "tta-api-test-"));
  const config = serverConfigFromEnv({
    DATABASE_URL: db.url,
    DATA_DIR: dataDir,
    PORT: "0",
    WORKER_CONCURRENCY: "4",
  });
  server = await startServer(
    { ...config, webDist: path.join(dataDir, "no-dashboard") },
    {
      logger: createLogger({ level: "silent" }),
    },
  );
  api = createClient({ url: server.url, apiKey: server.localApiKey });
});

afterAll(async () => {
  await server?.stop();
  await db?.drop();
  await rm(dataDir, { recursive: true, force: true });
});

describe("the API through a real HTTP server and the real client", () => {
  it.each([
    ["profile_audit", undefined],
    ["post_launch_loop", { campaignId: "cmp_spring" }],
  ])("runs %s, followed live to its report", async (slug, params) => {
    const { runId } = await api.workflows.run.mutate({
      slug,
      handle: "lakucosmetics",
      targetType: "brand",
      ...(params && { params }),
    });
    const events = await follow(api, runId);
    expect(events.at(-1)?.event.type).toBe("run_succeeded");
    expect(events.filter((e) => e.event.type === "step_succeeded").length).toBeGreaterThanOrEqual(4);
    const run = await api.runs.get.query({ runId });
    expect(run.status).toBe("succeeded");
    expect(run.report).toContain("@lakucosmetics");
    expect(run.usage.inputTokens + run.usage.outputTokens).toBeGreaterThan(0);
  });

  it("refuses params a workflow does not take, naming the field, and lists workflows with their version", async () => {
    await expect(
      api.workflows.run.mutate({
        slug: "post_launch_loop",
        handle: "lakucosmetics",
        targetType: "brand",
        params: { campaignId: "not an id" },
      }),
    ).rejects.toMatchObject({ data: { code: "BAD_REQUEST", field: "params.campaignId" } });
    const workflows = await api.workflows.list.query();
    const loop = workflows.find((w) => w.slug === "post_launch_loop");
    expect(loop).toMatchObject({ source: "code", startable: true, problems: [] });
    expect(loop?.version).toMatch(/^[0-9a-f]{12}$/);
    expect(loop?.paramsSchema).toMatchObject({ properties: { campaignId: { type: "string" } } });
    expect(loop?.paramsFromLatestRun).toEqual({
      campaignId: { workflow: "campaign_launch", path: "publish.output.campaign.campaign_id" },
    });
  });

  it("runs campaign_launch from a brief, approving an edited budget and hashtags, and publishes exactly that", async () => {
    const brief = await api.briefs.create.mutate({
      handle: "lakucosmetics",
      targetType: "brand",
      outcome: "campaign_launch",
    });
    const { runId } = await api.workflows.run.mutate({ slug: "campaign_launch", briefId: brief.id });
    await follow(api, runId, { until: (e) => e.type === "run_waiting_approval" });
    const [approval] = await api.approvals.list.query({ status: "pending" });
    const proposed = approval?.value as CampaignPayload;
    const edited = {
      ...proposed,
      campaign: { ...proposed.campaign, budget: 80 },
      ad_groups: proposed.ad_groups.map((g) => ({ ...g, hashtags: g.hashtags.slice(1) })),
    };
    const outOfBounds = { ...proposed, campaign: { ...proposed.campaign, budget: 100_000 } };
    await expect(
      api.approvals.decide.mutate({
        approvalId: approval?.id ?? "",
        decision: "approve",
        editedValue: outOfBounds,
      }),
    ).rejects.toMatchObject({
      data: {
        field: "editedValue.campaign.budget",
        fieldErrors: { "editedValue.campaign.budget": [expect.stringMatching(/^must be at most 500 USD/)] },
      },
      message: expect.stringContaining("editedValue.campaign.budget"),
    });
    await api.approvals.decide.mutate({
      approvalId: approval?.id ?? "",
      decision: "approve",
      editedValue: edited,
    });
    const enable = await waitForPending(api, approval?.id);
    await api.approvals.decide.mutate({ approvalId: enable.id, decision: "approve" });
    const events = await follow(api, runId);
    expect(events.at(-1)?.event.type).toBe("run_succeeded");
    const publish = await api.runs.step.query({ runId, stepKey: "publish" });
    expect(publish.input).toEqual({ payload: edited });
    const campaign = await api.runs.step.query({ runId, stepKey: "campaign" });
    expect(campaign.trace.some((t) => t.kind === "llm_call")).toBe(true);
    expect((await api.runs.get.query({ runId })).report).toContain(
      "with the approved daily budget of USD 80",
    );
  });

  it("resumes a subscription from lastEventId: every event exactly once, in order", async () => {
    const { runId } = await api.workflows.run.mutate({
      slug: "profile_audit",
      handle: "fitwithtom",
      targetType: "creator",
    });
    const first = await follow(api, runId, { until: (e) => e.type === "step_succeeded" });
    const rest = await follow(api, runId, { lastEventId: first.at(-1)?.id });
    const ids = [...first, ...rest].map((e) => Number(e.id));
    const all = await follow(api, runId);
    expect(ids).toEqual(all.map((e) => Number(e.id)));
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
  });
});

/** The next pending approval other than `decided` (campaign_launch asks twice). */
async function waitForPending(api: TikTokArmyClient, decided: string | undefined) {
  for (let i = 0; i < 400; i++) {
    const pending = (await api.approvals.list.query({ status: "pending" })).find((a) => a.id !== decided);
    if (pending) return pending;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("no second approval came");
}
