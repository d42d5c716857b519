import { describe, expect, it } from "vitest";
import { accountHealth } from "../agents/account-health.ts";
import { campaignBuilder } from "../agents/campaign-builder.ts";
import { competitorBenchmark } from "../agents/competitor-benchmark.ts";
import { contentPlanner } from "../agents/content-planner.ts";
import type { AnyAgent } from "../agents/contract.ts";
import { performanceReviewer } from "../agents/performance-reviewer.ts";
import { trendWatcher } from "../agents/trend-watcher.ts";
import type { CampaignPayload } from "../data/campaign-payload.ts";
import { createOfflineAds } from "../data/offline-ads-port.ts";
import { createOfflineProvider } from "../data/offline-provider.ts";
import type { TikTokDataProvider } from "../data/provider.ts";
import { InMemoryRunStore } from "../runner/memory-store.ts";
import type { RunState } from "../runner/run-state.ts";
import { resumeWorkflowInline, runWorkflowInline } from "../runner/run-workflow-inline.ts";
import { type ReportedOutput, writeReport } from "../runner/synthesis.ts";
import { createAgentTestContext, executeAgent, TEST_NOW } from "../testing/agent-context.ts";
import { createFixtureLlm } from "../testing/fake-llm.ts";
import {
  type InjectionPayload,
  injectionPayloads,
  markerPlaces,
  parsePromptBlocks,
} from "../testing/prompt-injection.ts";
import { SYNTHESIS_NODE } from "../workflow/nodes.ts";
import { CAMPAIGN_LAUNCH } from "../workflows/campaign-launch.ts";
import type { LlmResult, StepLlm } from "./port.ts";

const PAYLOADS = injectionPayloads();
const offline = createOfflineProvider({ now: () => TEST_NOW });

/** What hostile TikTok text can sit in: every user-written field the data provider returns. */
type Carrier = "title" | "display_name" | "bio" | "hashtag" | "trend_name" | "sound_name";

/** The offline data with one kind of user-written field replaced by `text` everywhere it occurs. */
function hostileData(carrier: Carrier, text: string): TikTokDataProvider {
  return {
    ...offline,
    async getProfile(handle) {
      const profile = await offline.getProfile(handle);
      if (carrier === "display_name") return { ...profile, display_name: text };
      if (carrier === "bio") return { ...profile, bio_description: text };
      return profile;
    },
    async listVideos(handle, options) {
      const videos = await offline.listVideos(handle, options);
      if (carrier === "title") return videos.map((v) => ({ ...v, title: text, video_description: text }));
      if (carrier === "hashtag") return videos.map((v) => ({ ...v, hashtags: [text, ...v.hashtags] }));
      return videos;
    },
    async getTrends(query) {
      const trends = await offline.getTrends(query);
      const kind = carrier === "trend_name" ? "hashtag" : carrier === "sound_name" ? "sound" : undefined;
      return trends.map((t) => (t.kind === kind ? { ...t, name: `${text} ${t.name}` } : t));
    },
  };
}

/** The prompts an agent writes for this input, data and options. */
async function promptsOf(
  agent: AnyAgent,
  input: Record<string, unknown>,
  data: TikTokDataProvider = offline,
  options: Record<string, unknown> = {},
): Promise<string[]> {
  const ctx = createAgentTestContext({ data });
  await executeAgent(agent, input, options, ctx);
  return ctx.llm.calls.map((call) => call.prompt);
}

/** Each payload's marker is in the prompts, only in `blocks`, and the prompts have the blocks a benign run has. */
async function expectContained(
  payload: InjectionPayload,
  prompts: (text: string) => Promise<string[]>,
  blocks: string[],
) {
  const benign = (await prompts("just a normal caption")).map((p) => parsePromptBlocks(p).map((b) => b.name));
  const hostile = await prompts(payload.text);
  expect(
    hostile.map((p) => parsePromptBlocks(p).map((b) => b.name)),
    payload.name,
  ).toEqual(benign);
  const places = hostile.flatMap((p) => markerPlaces(p, payload.marker));
  expect(places.length, `${payload.name}: the payload reaches the prompt`).toBeGreaterThan(0);
  for (const place of places) expect(blocks, payload.name).toContain(place);
}

describe("text from TikTok in the agents' prompts", () => {
  const audit = (carrier: Carrier) => (text: string) =>
    promptsOf(accountHealth, { handle: "lakucosmetics" }, hostileData(carrier, text));

  it.each(PAYLOADS.map((p) => [p.name, p] as const))(
    "stays in its block in account_health: %s",
    async (_, p) => {
      await expectContained(p, audit("title"), ["untrusted_video_titles"]);
      await expectContained(p, audit("display_name"), ["untrusted_profile"]);
      await expectContained(p, audit("bio"), ["untrusted_profile"]);
      await expectContained(p, audit("hashtag"), ["untrusted_top_hashtags"]);
    },
  );

  it.each(PAYLOADS.map((p) => [p.name, p] as const))(
    "stays in its block in competitor_benchmark: %s",
    async (_, p) => {
      const benchmark = (carrier: Carrier) => (text: string) =>
        promptsOf(
          competitorBenchmark,
          { handle: "lakucosmetics", competitors: ["glowwithmia", "fitwithjoe"] },
          hostileData(carrier, text),
        );
      await expectContained(p, benchmark("display_name"), ["untrusted_display_names"]);
      await expectContained(p, benchmark("title"), ["untrusted_most_viewed_titles"]);
    },
  );

  it.each(PAYLOADS.map((p) => [p.name, p] as const))(
    "stays in its block in trend_watcher: %s",
    async (_, p) => {
      const trends = (carrier: Carrier) => (text: string) =>
        promptsOf(trendWatcher, { category: "beauty" }, hostileData(carrier, text), { freshness_hours: 720 });
      await expectContained(p, trends("trend_name"), ["untrusted_hashtags"]);
      await expectContained(p, trends("sound_name"), ["untrusted_sounds"]);
    },
  );

  it.each(PAYLOADS.map((p) => [p.name, p] as const))(
    "stays in its block in content_planner and campaign_builder, as hashtags from earlier steps or a gate: %s",
    async (_, p) => {
      const plan = (field: "top_hashtags" | "trending_hashtags") => (text: string) =>
        promptsOf(contentPlanner, { handle: "laku", category: "beauty", [field]: [text, "skintok"] });
      await expectContained(p, plan("top_hashtags"), ["untrusted_proven_hashtags"]);
      await expectContained(p, plan("trending_hashtags"), ["untrusted_trending_hashtags"]);
      await expectContained(
        p,
        (text) =>
          promptsOf(campaignBuilder, {
            handle: "laku",
            category: "beauty",
            region: "US",
            hashtags: [text, "grwm"],
          }),
        ["untrusted_target_hashtags"],
      );
    },
  );

  it("never reach performance_reviewer's prompt, which shows numbers only", async () => {
    for (const p of PAYLOADS) {
      const prompts = await promptsOf(
        performanceReviewer,
        { handle: "laku", campaign_id: "cmp_spring" },
        hostileData("title", p.text),
      );
      expect(prompts.flatMap((prompt) => markerPlaces(prompt, p.marker))).toEqual([]);
    }
  });
});

describe("text from TikTok and from users in the report prompt", () => {
  /** The prompt writeReport sends, captured by a model that answers anything. */
  async function reportPrompt(brief: RunState["brief"], outputs: Record<string, ReportedOutput>) {
    const prompts: string[] = [];
    const llm: StepLlm = {
      mode: "mock",
      model: "capture",
      async text(request): Promise<LlmResult<string>> {
        prompts.push(request.prompt);
        const usage = {
          inputTokens: 0,
          outputTokens: 0,
          cacheReadTokens: 0,
          cacheWriteTokens: 0,
          costUsd: 0,
        };
        return { value: "# Report", raw: "# Report", model: "capture", usage, latencyMs: 0 };
      },
      structured: () => Promise.reject(new Error("the report is text")),
    };
    const state = { workflowSlug: "profile_audit", workflowName: "Profile audit" } as RunState;
    await writeReport(llm, state, { brief, outputs }, new AbortController().signal);
    return [prompts[0] ?? ""];
  }
  const brief = { handle: "lakucosmetics", targetType: "brand" } as const;
  const output = (text: string): Record<string, ReportedOutput> => ({
    account_health: {
      kind: "agent",
      agentName: "account_health",
      label: "Account health",
      output: { display_name: text, top_videos: [{ id: "1", title: text }], top_hashtags: [text] },
    },
    approve_hashtags: { kind: "approval", label: "Approve hashtags", output: { hashtags: [text] } },
  });

  it.each(PAYLOADS.map((p) => [p.name, p] as const))("stays in its block: %s", async (_, p) => {
    await expectContained(p, (text) => reportPrompt(brief, output(text)), ["step_output"]);
    await expectContained(p, (text) => reportPrompt({ ...brief, notes: text }, output("ok")), [
      "brief_notes",
    ]);
    await expectContained(
      p,
      (text) =>
        reportPrompt({ ...brief, params: { campaign: text, nested: { list: [text] } } }, output("ok")),
      ["brief_params"],
    );
  });
});

describe("a whole run fed hostile text everywhere", () => {
  it("keeps every payload inside a block of every prompt it reaches, the report's included", async () => {
    for (const p of PAYLOADS) {
      const data: TikTokDataProvider = {
        ...offline,
        async getProfile(handle) {
          return { ...(await offline.getProfile(handle)), display_name: p.text, bio_description: p.text };
        },
        async listVideos(handle, options) {
          const videos = await offline.listVideos(handle, options);
          return videos.map((v) => ({ ...v, title: p.text, hashtags: [p.text, ...v.hashtags] }));
        },
        async getTrends(query) {
          return (await offline.getTrends(query)).map((t) => ({ ...t, name: `${p.text} ${t.name}` }));
        },
      };
      const store = new InMemoryRunStore(() => TEST_NOW);
      const deps = { store, llm: createFixtureLlm(), data, adsFor: createOfflineAds(), now: () => TEST_NOW };
      const workflowRunId = `run-${p.marker}`;
      await runWorkflowInline({
        ...deps,
        workspaceId: "w",
        workflow: CAMPAIGN_LAUNCH,
        brief: { handle: "lakucosmetics", targetType: "brand", notes: p.text },
        workflowRunId,
      });
      // The reviewer approves hashtags that carry the payload too, then approves enabling.
      const paused = (await store.load(workflowRunId)) as RunState;
      const proposed = Object.values(paused.approvals)[0]?.value as CampaignPayload;
      const edited = {
        ...proposed,
        ad_groups: proposed.ad_groups.map((g) => ({ ...g, hashtags: [p.text, "skintok"] })),
      };
      await resumeWorkflowInline({
        ...deps,
        workflowRunId,
        decision: { decision: "approve", editedValue: edited, decidedBy: "reviewer" },
      });
      const gate = Object.values(((await store.load(workflowRunId)) as RunState).approvals).find(
        (a) => a.status === "pending",
      );
      await resumeWorkflowInline({
        ...deps,
        workflowRunId,
        decision: { approvalId: gate?.id, decision: "approve", decidedBy: "reviewer" },
      });
      const state = (await store.load(workflowRunId)) as RunState;
      expect(state.status, p.name).toBe("succeeded");
      const calls = Object.values(state.steps).flatMap((s) => s.trace.filter((t) => t.kind === "llm_call"));
      const places = calls.flatMap((c) => markerPlaces(c.prompt, p.marker));
      expect(places.length, p.name).toBeGreaterThan(0);
      expect(
        places.filter((place) => place === "(outside)"),
        p.name,
      ).toEqual([]);
      const report = calls.find((c) => c.agent === SYNTHESIS_NODE);
      expect(report && markerPlaces(report.prompt, p.marker), p.name).toEqual(
        expect.arrayContaining(["brief_notes", "step_output"]),
      );
    }
  }, 30_000);
});
