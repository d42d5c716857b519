import { describe, expect, it } from "vitest";
import { createAgentTestContext, executeAgent } from "../testing/agent-context.ts";
import { accountHealth } from "./account-health.ts";
import { healthScore } from "./health-score.ts";

const HANDLE = "glowwithmia";

describe("account_health", () => {
  // Recomputed here from the offline data, without the agents' helpers: a shared bug cannot hide.
  it("computes the headline engagement figures as the median post of the last 90 days, saves excluded", async () => {
    const ctx = createAgentTestContext();
    const output = await executeAgent(accountHealth, { handle: HANDLE, target_type: "brand" }, {}, ctx);
    const videos = await ctx.data.listVideos(HANDLE, { limit: 120 });
    const profile = await ctx.data.getProfile(HANDLE);
    const since = ctx.now().getTime() / 1000 - 90 * 86_400;
    const posts = videos.filter((v) => v.create_time >= since);
    const mid = (xs: number[]) => {
      const s = [...xs].sort((x, y) => x - y);
      const h = Math.floor(s.length / 2);
      return s.length % 2 ? (s[h] as number) : ((s[h - 1] as number) + (s[h] as number)) / 2;
    };
    const to2 = (x: number) => Math.round(x * 100) / 100;
    const interactions = (v: (typeof posts)[number]) => v.like_count + v.comment_count + v.share_count;
    expect(posts.length).toBeLessThan(videos.length);
    expect(output.posts_in_window).toBe(posts.length);
    expect(output.metrics.engagement_rate_by_followers.value).toBe(
      to2(mid(posts.map((v) => (interactions(v) / profile.follower_count) * 100))),
    );
    expect(output.metrics.engagement_rate_by_views.value).toBe(
      to2(mid(posts.filter((v) => v.view_count > 0).map((v) => (interactions(v) / v.view_count) * 100))),
    );
    expect(output.metrics.save_rate.value).toBe(
      to2(mid(posts.filter((v) => v.view_count > 0).map((v) => ((v.save_count ?? 0) / v.view_count) * 100))),
    );
    expect(output.metrics.median_views.value).toBe(Math.round(mid(posts.map((v) => v.view_count))));
    for (const key of ["engagement_rate_by_views", "engagement_rate_by_followers"] as const) {
      expect(output.metrics[key].formula).toContain("median per post of (likes + comments + shares)");
      expect(output.metrics[key].formula).toContain("in the last 90 days; saves excluded");
    }
    expect(output.metrics.mean_views.formula).toContain("posts of the last 90 days");
    expect(output).toMatchObject({
      handle: HANDLE,
      follower_count: profile.follower_count,
      category: profile.category,
      window_days: 90,
    });
  });

  it("judges a brand by Rival IQ's brand benchmark, not the influencer tiers, and says so in the score", async () => {
    const output = await executeAgent(accountHealth, { handle: HANDLE, target_type: "brand" });
    expect(output.account_type).toBe("brand");
    expect(output.benchmarks.by_followers).toMatchObject({
      value: 2.6,
      source: "Rival IQ Social Media Industry Benchmark Report, 2024",
    });
    const engagement = output.health_score.drivers.find((d) => d.factor === "Engagement vs benchmark");
    expect(engagement?.detail).toContain("vs 2.6% brands'");
    expect(engagement?.detail).toContain("Rival IQ");
    expect(engagement?.detail).not.toContain("Influencer Marketing Factory");
    const relative = output.metrics.engagement_rate_by_followers.value / 2.6;
    expect(engagement?.impact).toBe(
      Math.round(Math.min(20, Math.max(-20, 20 * Math.log2(relative))) * 10) / 10,
    );
  });

  it("judges a creator by its follower tier and infers the type from the source when the brief does not say", async () => {
    const creator = await executeAgent(accountHealth, { handle: HANDLE, target_type: "creator" });
    expect(creator.account_type).toBe("creator");
    expect(creator.benchmarks.by_followers.source).toContain("Influencer Marketing Factory");
    expect(creator.benchmarks.by_followers.formula).toContain(creator.follower_tier);
    expect(creator.benchmarks.by_views).toBeNull();
    // The offline source gives follower history, as only the API for Business does: a business account.
    const inferred = await executeAgent(accountHealth, { handle: HANDLE, target_type: "competitor" });
    expect(inferred.account_type).toBe("brand");
    expect(inferred.account_type_basis).toContain("API for Business");
  });

  it("stores a formula beside every metric", async () => {
    const output = await executeAgent(accountHealth, { handle: HANDLE });
    for (const metric of Object.values(output.metrics)) expect(metric.formula.length).toBeGreaterThan(5);
    expect(output.ranking_formula).toContain("median views");
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

  it("ranks top and bottom videos on reach and engagement and finds the hashtags of the best", async () => {
    const ctx = createAgentTestContext();
    const output = await executeAgent(accountHealth, { handle: HANDLE }, {}, ctx);
    const scores = output.top_videos.map((v) => v.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(output.top_videos).toHaveLength(5);
    expect(output.bottom_videos[0]?.score).toBeLessThanOrEqual(output.top_videos.at(-1)?.score ?? 0);
    // No bottom video has more than twice the median views of the window.
    for (const v of output.bottom_videos) expect(v.views).toBeLessThan(2 * output.metrics.median_views.value);
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
    expect(output.metrics.mean_views.formula).toMatch(/^Σ views \/ \d+ videos, posts of the last 90 days$/);
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
    engagementRateByFollowers: 2.6,
    engagementBenchmark: { value: 2.6, label: "brands' median (Rival IQ, 2024)" },
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

  it("rewards engagement above the benchmark, names the benchmark, and punishes breaks", () => {
    expect(healthScore({ ...base, engagementRateByFollowers: 5.2 }).drivers[0]).toMatchObject({
      factor: "Engagement vs benchmark",
      impact: 20,
      detail: "5.2% median per post by followers vs 2.6% brands' median (Rival IQ, 2024)",
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
