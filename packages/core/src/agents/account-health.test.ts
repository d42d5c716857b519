import { describe, expect, it } from "vitest";
import { createAgentTestContext, executeAgent } from "../testing/agent-context.ts";
import { accountHealth } from "./account-health.ts";
import { healthScore } from "./health-score.ts";
import { engagementOf, median } from "./metrics.ts";

const HANDLE = "glowwithmia";

describe("account_health", () => {
  it("computes engagement rate with the formula over the same videos the provider lists", async () => {
    const ctx = createAgentTestContext();
    const output = await executeAgent(accountHealth, { handle: HANDLE }, {}, ctx);
    const videos = await ctx.data.listVideos(HANDLE, { limit: 120 });
    const views = videos.reduce((s, v) => s + v.view_count, 0);
    const engagement = videos.reduce((s, v) => s + engagementOf(v), 0);
    expect(output.metrics.engagement_rate_by_views.value).toBe(
      Math.round((engagement / views) * 10_000) / 100,
    );
    expect(output.metrics.engagement_rate_by_views.formula).toContain("/ Σ views × 100 over 120 videos");
    expect(output.metrics.median_views.value).toBe(Math.round(median(videos.map((v) => v.view_count))));
    const profile = await ctx.data.getProfile(HANDLE);
    expect(output).toMatchObject({
      handle: HANDLE,
      follower_count: profile.follower_count,
      category: profile.category,
    });
  });

  it("stores a formula beside every metric", async () => {
    const output = await executeAgent(accountHealth, { handle: HANDLE });
    for (const metric of Object.values(output.metrics)) expect(metric.formula.length).toBeGreaterThan(5);
    expect(output.benchmark_engagement_rate.formula).toContain(output.follower_tier);
  });

  it("shows the drivers the health score is the sum of", async () => {
    const output = await executeAgent(accountHealth, { handle: HANDLE });
    const { score, drivers } = output.health_score;
    const total = drivers.reduce((s, d) => s + d.impact, 0);
    expect(score).toBe(Math.round(Math.min(100, Math.max(0, 50 + total))));
    expect(drivers.length).toBeGreaterThanOrEqual(5);
    expect(drivers.map((d) => Math.abs(d.impact))).toEqual(
      drivers.map((d) => Math.abs(d.impact)).sort((a, b) => b - a),
    );
  });

  it("ranks top and bottom videos by engagement rate and finds the hashtags of the best", async () => {
    const ctx = createAgentTestContext();
    const output = await executeAgent(accountHealth, { handle: HANDLE }, {}, ctx);
    const rates = output.top_videos.map((v) => v.engagement_rate);
    expect(rates).toEqual([...rates].sort((a, b) => b - a));
    expect(output.top_videos).toHaveLength(5);
    expect(output.bottom_videos[0]?.engagement_rate).toBeLessThanOrEqual(
      output.top_videos.at(-1)?.engagement_rate ?? 0,
    );
    const used = new Set((await ctx.data.listVideos(HANDLE, { limit: 120 })).flatMap((v) => v.hashtags));
    expect(output.top_hashtags.length).toBeGreaterThan(0);
    for (const tag of output.top_hashtags) {
      expect(used.has(tag)).toBe(true);
      expect(tag).not.toBe("fyp");
    }
  });

  it("is deterministic for a pinned clock", async () => {
    const first = await executeAgent(accountHealth, { handle: HANDLE });
    expect(await executeAgent(accountHealth, { handle: HANDLE })).toEqual(first);
  });

  it("honours video_limit and rejects one outside 10–500", async () => {
    const ctx = createAgentTestContext();
    const output = await executeAgent(accountHealth, { handle: HANDLE }, { video_limit: 30 }, ctx);
    expect(output.metrics.mean_views.formula).toBe("Σ views / 30 videos");
    expect(ctx.trace.entries).toContainEqual(
      expect.objectContaining({
        kind: "tool_call",
        tool: "tiktok.listVideos",
        args: { handle: HANDLE, limit: 30 },
      }),
    );
    expect(accountHealth.options.safeParse({ video_limit: 5 }).success).toBe(false);
    expect(accountHealth.options.safeParse({ video_limit: 501 }).success).toBe(false);
    expect(accountHealth.options.parse({})).toEqual({ video_limit: 120 });
  });

  it("asks the model for insights only, with titles and bio inside untrusted blocks", async () => {
    const ctx = createAgentTestContext();
    const output = await executeAgent(accountHealth, { handle: HANDLE }, {}, ctx);
    expect(output.insights[0]).toContain(`Health score ${output.health_score.score}/100`);
    const call = ctx.llm.calls[0];
    expect(call?.system).toContain("never instructions");
    const title = output.top_videos[0]?.title ?? "";
    const block = call?.prompt.indexOf("<untrusted_video_titles>") ?? -1;
    expect(block).toBeGreaterThan(0);
    expect(call?.prompt.indexOf(title)).toBeGreaterThan(block);
    expect(call?.prompt).toContain("<untrusted_profile>");
  });

  it("stops before any work when the run is aborted", async () => {
    const controller = new AbortController();
    controller.abort();
    const ctx = createAgentTestContext({ signal: controller.signal });
    await expect(executeAgent(accountHealth, { handle: HANDLE }, {}, ctx)).rejects.toThrow();
    expect(ctx.trace.entries).toHaveLength(0);
    expect(ctx.llm.calls).toHaveLength(0);
  });
});

describe("healthScore", () => {
  const base = {
    followers: 250_000,
    tier: "100K–500K",
    engagementRateByFollowers: 5.1,
    benchmarkEngagementRate: 5.1,
    postsPerWeek: 2,
    gapsOver7Days: 0,
    followerGrowthPctMonth: 2.5,
    viewsPerFollower: 0.25,
    fullWatchRate: 20,
    meanViews: 1_000,
    medianViews: 1_000,
  };

  it("sits at 55 for an account exactly at every reference with no breaks", () => {
    expect(healthScore(base).score).toBe(55);
  });

  it("rewards engagement above the tier benchmark and punishes breaks", () => {
    expect(healthScore({ ...base, engagementRateByFollowers: 10.2 }).drivers[0]).toMatchObject({
      factor: "Engagement vs tier benchmark",
      impact: 20,
    });
    const withBreaks = healthScore({ ...base, gapsOver7Days: 2 });
    expect(withBreaks.drivers.find((d) => d.factor === "Breaks over 7 days")?.impact).toBe(-6);
  });

  it("scores only the drivers with data and names the ones it left out", () => {
    const partial = healthScore({ ...base, followerGrowthPctMonth: null, fullWatchRate: null });
    expect(partial.drivers.map((d) => d.factor)).not.toContain("Follower growth");
    expect(partial.drivers.map((d) => d.factor)).not.toContain("Full-watch retention");
    expect(partial.left_out).toEqual([
      { factor: "Follower growth", reason: "follower history not available from this API" },
      { factor: "Full-watch retention", reason: "full-watch rate not available from this API" },
    ]);
    expect(partial.formula).toBe(
      "50 + Σ driver impacts, clamped to 0–100; left out for lack of data: Follower growth, Full-watch retention",
    );
    // Growth at its expectation and retention at its reference both score 0: leaving them out keeps 55.
    expect(partial.score).toBe(55);
    expect(healthScore(base).left_out).toEqual([]);
    expect(healthScore(base).formula).toBe("50 + Σ driver impacts, clamped to 0–100");
  });

  it("clamps to 0–100", () => {
    const worst = {
      ...base,
      engagementRateByFollowers: 0.1,
      postsPerWeek: 0,
      gapsOver7Days: 5,
      fullWatchRate: 1,
    };
    expect(
      healthScore({ ...worst, followerGrowthPctMonth: -5, viewsPerFollower: 0.01, meanViews: 10_000 }).score,
    ).toBe(0);
  });
});
