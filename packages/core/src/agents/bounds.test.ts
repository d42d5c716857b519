import { describe, expect, it } from "vitest";
import { TIKTOK_CATEGORIES } from "../data/offline-catalog.ts";
import { executeAgent } from "../testing/agent-context.ts";
import { accountHealth } from "./account-health.ts";
import { HASHTAG_MAX_LENGTH, HASHTAGS_MAX, hashtagsSchema } from "./bounds.ts";
import { campaignBuilder } from "./campaign-builder.ts";
import { competitorBenchmark } from "./competitor-benchmark.ts";
import { contentPlanner } from "./content-planner.ts";
import { performanceReviewer } from "./performance-reviewer.ts";
import { trendWatcher } from "./trend-watcher.ts";

// executeAgent parses every output with the agent's own (bounded) schema: these runs pass only if
// the agents' largest offline outputs, at their largest options, fit the bounds a gate's edit must fit.
describe("the agents' output bounds", () => {
  it("hold what every agent outputs from the offline data at its largest options", async () => {
    const handles = ["lakucosmetics", "glowwithmia", "a_very_long_handle_12345"];
    for (const handle of handles) {
      const health = await executeAgent(accountHealth, { handle }, { video_limit: 500 });
      const rivals = [
        "glowwithmia",
        "fitwithjoe",
        "chefmarco",
        "techtom",
        "r1",
        "r2",
        "r3",
        "r4",
        "r5",
        "r6",
      ];
      await executeAgent(
        competitorBenchmark,
        { handle, competitors: rivals },
        { video_limit: 500, window_days: 365 },
      );
      await executeAgent(performanceReviewer, { handle, campaign_id: "cmp_spring" }, { window_days: 15 });
      for (const category of TIKTOK_CATEGORIES) {
        const trends = await executeAgent(trendWatcher, { category }, { limit: 50, freshness_hours: 720 });
        const plan = await executeAgent(
          contentPlanner,
          { handle, category, top_hashtags: health.top_hashtags, trending_hashtags: trends.hashtag_names },
          { posts_per_week: 14, weeks: 8 },
        );
        expect(plan.posts).toHaveLength(112);
        await executeAgent(campaignBuilder, { handle, category, region: "US", hashtags: plan.hashtags });
      }
    }
  });

  it("let a campaign target as many hashtags of the longest length as a gate lets through", async () => {
    const hashtags = Array.from({ length: HASHTAGS_MAX }, (_, i) => `${i}`.padEnd(HASHTAG_MAX_LENGTH, "x"));
    const campaign = await executeAgent(campaignBuilder, {
      handle: "laku",
      category: "beauty",
      region: "US",
      hashtags,
    });
    expect(campaign.hashtags).toHaveLength(HASHTAGS_MAX);
  });

  it("refuse a hashtag list longer than 30 or a hashtag longer than 100 characters", () => {
    expect(hashtagsSchema.safeParse(Array.from({ length: 5000 }, (_, i) => `tag${i}`)).error?.issues).toEqual(
      [expect.objectContaining({ message: "at most 30 hashtags" })],
    );
    expect(hashtagsSchema.safeParse(["x".repeat(101)]).error?.issues[0]?.message).toBe(
      "a hashtag must be at most 100 characters",
    );
  });
});
