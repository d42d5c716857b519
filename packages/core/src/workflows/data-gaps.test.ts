import { describe, expect, it } from "vitest";
import type { AccountHealthOutput } from "../agents/account-health.ts";
import type { ContentPlannerOutput } from "../agents/content-planner.ts";
import type { TrendWatcherOutput } from "../agents/trend-watcher.ts";
import type { CampaignPayload } from "../data/campaign-payload.ts";
import { fixedData } from "../data/data-scope.ts";
import { ConnectionRequiredError } from "../data/errors.ts";
import { createOfflineProvider } from "../data/offline-provider.ts";
import type { TikTokDataProvider } from "../data/provider.ts";
import { StepFailedError } from "../runner/errors.ts";
import { InMemoryRunStore } from "../runner/memory-store.ts";
import { TEST_NOW } from "../testing/agent-context.ts";
import { createDisplayApiProvider } from "../testing/display-api-provider.ts";
import { runToCompletion } from "../testing/run-helpers.ts";
import { CAMPAIGN_LAUNCH } from "./campaign-launch.ts";
import { PROFILE_AUDIT } from "./profile-audit.ts";

const now = () => TEST_NOW;
const NOT_AVAILABLE = "not available from this API";

function expectDegradedHealth(health: AccountHealthOutput) {
  for (const metric of [
    health.metrics.for_you_share,
    health.metrics.full_watch_rate,
    health.metrics.follower_growth_pct_month,
  ]) {
    expect(metric.value).toBeNull();
    expect(metric.note).toContain(NOT_AVAILABLE);
  }
  expect(health.metrics.follower_growth_pct_month.note).toContain(
    "a creator account has no follower history",
  );
  // The brief says brand: it decides the benchmark, whatever kind of account the source is.
  expect(health.account_type).toBe("brand");
  expect(health.metrics.save_rate.value).toBeNull();
  expect(health.metrics.save_rate.note).toBe(`${NOT_AVAILABLE}: save_count is missing`);
  expect(health.metrics.engagement_rate_by_views.value).toBeGreaterThan(0);
  expect(health.health_score.left_out.map((d) => d.factor)).toEqual([
    "Follower growth",
    "Full-watch retention",
  ]);
  expect(health.health_score.formula).toContain(
    "left out for lack of data: Follower growth, Full-watch retention",
  );
  expect(health.health_score.drivers.map((d) => d.factor)).not.toContain("Follower growth");
  // The offline account behind the provider is a beauty account: its own hashtags say so.
  expect(health.category).toBe("beauty");
  expect(health.category_basis).toBe("category inferred from hashtags");
  expect(health.region).toBeNull();
  expect(health.insights.join(" ")).toContain(NOT_AVAILABLE);
}

function expectNoTrends(trends: TrendWatcherOutput, plan: ContentPlannerOutput, health: AccountHealthOutput) {
  expect(trends.unavailable).toContain("Creative Center trends have no official API");
  expect(trends.hashtag_names).toEqual([]);
  expect(trends.summary).toContain(trends.unavailable);
  expect(trends.summary).toContain("the content plan works from the account's own top hashtags");
  expect(plan.rationale).toContain("No trending hashtags were available");
  expect(plan.hashtags.length).toBeGreaterThan(0);
  for (const tag of plan.hashtags) expect(health.top_hashtags).toContain(tag);
}

describe("a source that gives less than the offline demo (Display API)", () => {
  it("profile_audit says what is not available instead of writing 0, in outputs and report", async () => {
    const { report, state } = await runToCompletion(PROFILE_AUDIT, {
      now,
      data: createDisplayApiProvider({ now }),
    });
    expect(state.status).toBe("succeeded");
    const health = state.steps.account_health?.output as AccountHealthOutput;
    expectDegradedHealth(health);
    expectNoTrends(
      state.steps.trends?.output as TrendWatcherOutput,
      state.steps.content_plan?.output as ContentPlannerOutput,
      health,
    );
    expect(report).toContain(`| For You share of views | ${NOT_AVAILABLE}: traffic sources`);
    expect(report).toContain(`| Full-watch rate | ${NOT_AVAILABLE}`);
    expect(report).toContain(`| Follower growth per month | ${NOT_AVAILABLE}`);
    expect(report).toContain("Category: beauty (category inferred from hashtags).");
    expect(report).toContain(`Region: ${NOT_AVAILABLE}; no regional benchmark is applied.`);
    expect(report).toContain("Left out of the score for lack of data: Follower growth");
    expect(report).toContain("## Trends: unavailable");
    expect(report).not.toMatch(/\bnull\b|NaN|\| 0%/);
    // A TikTok-sourced run's report carries no demo-data notice.
    expect(report).not.toContain("Demo data");
  });

  it("campaign_launch reaches its campaign gate with the same visible gaps", async () => {
    const { report, state } = await runToCompletion(CAMPAIGN_LAUNCH, {
      now,
      data: createDisplayApiProvider({ now }),
      brief: { handle: "lakucosmetics", targetType: "brand", params: { country: "GB" } },
    });
    expect(report).toBeNull();
    expect(state.status).toBe("waiting_approval");
    const health = state.steps.account_health?.output as AccountHealthOutput;
    expectDegradedHealth(health);
    const trends = state.steps.trends?.output as TrendWatcherOutput;
    expect(trends.unavailable).toContain("Creative Center trends have no official API");
    // With no trends, the draft targets the account's own proven hashtags; the plan waits for the gate.
    const payload = Object.values(state.approvals)[0]?.value as CampaignPayload;
    const targeted = payload.ad_groups.flatMap((group) => group.hashtags);
    expect(targeted.length).toBeGreaterThan(0);
    for (const tag of targeted) expect(health.top_hashtags).toContain(tag);
    expect(state.steps.content_plan?.status).toBe("pending");
    // The source gives no region: the run's country decides where the ads run.
    expect(payload.ad_groups.every((group) => group.location_ids.join() === "2635167")).toBe(true);
  });

  it("campaign_launch asks for the country to target when the source gives no region", async () => {
    const run = runToCompletion(CAMPAIGN_LAUNCH, { now, data: createDisplayApiProvider({ now }) });
    await expect(run).rejects.toThrow(
      /gives no region: choose the country to target in the run's country param/,
    );
  });

  it("gives each step the provider resolved for it, which records its API calls in that step's trace", async () => {
    const scopes: string[] = [];
    const display = createDisplayApiProvider({ now });
    const { state } = await runToCompletion(PROFILE_AUDIT, {
      now,
      dataSource: "tiktok",
      dataFor: ({ workspaceId, trace }) => {
        scopes.push(workspaceId);
        return {
          ...display,
          async getProfile(handle) {
            trace.apiCall({
              endpoint: "/v2/user/info/",
              method: "GET",
              params: { fields: "display_name" },
              status: 200,
              latencyMs: 143,
              itemsRead: 1,
              attempt: 2,
              outcome: "ok",
            });
            return display.getProfile(handle);
          },
        };
      },
    });
    expect(state.dataSource).toBe("tiktok");
    expect(scopes).toEqual(["test-workspace", "test-workspace", "test-workspace"]);
    const calls = state.steps.account_health?.trace.filter((t) => t.kind === "api_call");
    // The stored entry's `attempt` is the step's; the HTTP attempt survives as `callAttempt`.
    expect(calls).toEqual([
      expect.objectContaining({
        endpoint: "/v2/user/info/",
        status: 200,
        itemsRead: 1,
        attempt: 1,
        callAttempt: 2,
      }),
    ]);
  });
});

describe("a handle with no connected account", () => {
  const unconnected = (handle = "lakucosmetics"): TikTokDataProvider => {
    const fail = async (): Promise<never> => {
      throw new ConnectionRequiredError(handle, "account");
    };
    return {
      source: "tiktok",
      getProfile: fail,
      listVideos: fail,
      getFollowerHistory: fail,
      getTrends: fail,
      getCampaignReport: fail,
      getCampaignBudget: fail,
      getAdReport: fail,
    };
  };

  it("fails the first data step at once, naming the Connections page, and runs nothing after it", async () => {
    const store = new InMemoryRunStore(now);
    const run = runToCompletion(PROFILE_AUDIT, {
      now,
      store,
      workflowRunId: "unconnected",
      dataFor: fixedData(unconnected()),
    });
    const error = await run.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StepFailedError);
    expect((error as StepFailedError).stepKey).toBe("account_health");
    const state = await store.load("unconnected");
    const step = state?.steps.account_health;
    expect(step).toMatchObject({ status: "failed", attempts: 1 });
    expect(step?.error).toContain("No TikTok account is connected for @lakucosmetics in this workspace");
    expect(step?.error).toContain("(/connections)");
    expect(state?.steps.trends?.status).not.toBe("succeeded");
  });

  it("never falls back to the offline provider's invented account", async () => {
    const offline = createOfflineProvider({ now });
    const read: string[] = [];
    const spy: TikTokDataProvider = {
      ...offline,
      async getProfile(handle) {
        read.push(handle);
        return offline.getProfile(handle);
      },
    };
    await runToCompletion(PROFILE_AUDIT, { now, data: spy, dataFor: fixedData(unconnected()) }).catch(
      () => {},
    );
    expect(read).toEqual([]);
  });
});
