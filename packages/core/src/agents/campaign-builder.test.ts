import { describe, expect, it } from "vitest";
import { campaignPayloadSchema } from "../data/campaign-payload.ts";
import { DataUnavailableError } from "../data/errors.ts";
import type { TikTokVideo } from "../data/provider.ts";
import { createAgentTestContext, executeAgent, TEST_NOW } from "../testing/agent-context.ts";
import { createDisplayApiProvider } from "../testing/display-api-provider.ts";
import { campaignBuilder } from "./campaign-builder.ts";
import { rankVideos } from "./video-ranking.ts";

const INPUT = {
  handle: "glowwithmia",
  category: "beauty",
  region: "US",
  hashtags: ["#SkinTok", "grwm", "glassskin", "cleangirl"],
};

const TRENDING = [
  {
    name: "SunscreenCheck",
    velocity: { value: 412 },
    posts_current: 12_400,
    relevance: { matched: ["skincare"], reason: "fits your #skincare" },
  },
  {
    name: "catsoftiktok",
    velocity: { value: 380 },
    posts_current: 95_000,
    relevance: { matched: [], reason: "shares no topic with your hashtags" },
  },
  {
    name: "barrierrepair",
    velocity: { value: 150 },
    posts_current: 3_100,
    relevance: { matched: ["skincare"], reason: "fits your #skincare" },
  },
];

/** The campaign_launch order: the builder runs before the plan and picks its own hashtags. */
const AUTO_INPUT = {
  handle: "glowwithmia",
  category: "beauty",
  region: "US",
  proven_hashtags: ["skincare", "grwm"],
  trending: TRENDING,
};

/** A settled post (a week old) with the watch-time insights the API for Business gives. */
function video(
  id: string,
  o: { views: number; duration: number; watched: number; full: number },
): TikTokVideo {
  return {
    id,
    create_time: Math.floor(TEST_NOW.getTime() / 1000) - 7 * 86_400,
    duration: o.duration,
    title: `video ${id}`,
    video_description: "",
    hashtags: ["skincare"],
    view_count: o.views,
    like_count: Math.round(o.views * 0.05),
    comment_count: Math.round(o.views * 0.005),
    share_count: Math.round(o.views * 0.005),
    save_count: 0,
    reach: o.views,
    average_time_watched: o.watched,
    full_video_watched_rate: o.full,
    impression_sources: null,
  };
}

function contextWithVideos(videos: TikTokVideo[]) {
  const base = createAgentTestContext();
  return createAgentTestContext({ data: { ...base.data, listVideos: async () => videos } });
}

describe("campaign_builder", () => {
  it("drafts without side effects: it creates nothing and needs no gate before it", async () => {
    expect(campaignBuilder.sideEffects).toBe("none");
    const ctx = createAgentTestContext();
    await executeAgent(campaignBuilder, INPUT, {}, ctx);
    expect(await ctx.ads.findCampaign("run-test:step:campaign")).toBeNull();
  });

  it("drafts the full Marketing API payload, created DISABLED, with budget, currency, schedule and targeting", async () => {
    const { payload } = await executeAgent(campaignBuilder, INPUT, { daily_budget: 80, duration_days: 10 });
    expect(payload.currency).toBe("USD");
    expect(payload.campaign).toMatchObject({
      objective_type: "VIDEO_VIEWS",
      budget_mode: "BUDGET_MODE_DAY",
      budget: 80,
      operation_status: "DISABLE",
    });
    for (const group of payload.ad_groups) {
      expect(group).toMatchObject({
        placements: ["PLACEMENT_TIKTOK"],
        location_ids: ["6252001"],
        schedule_type: "SCHEDULE_START_END",
        schedule_start_time: "2026-11-02 00:00:00",
        schedule_end_time: "2026-11-12 00:00:00",
        optimization_goal: "ENGAGED_VIEW",
        billing_event: "CPV",
      });
      expect(group.ads.length).toBeGreaterThan(0);
      for (const ad of group.ads)
        expect(ad).toMatchObject({ identity_type: "TT_USER", ad_format: "SINGLE_VIDEO" });
    }
    expect(campaignPayloadSchema.safeParse(payload).success).toBe(true);
  });

  it("promotes the best-holding of the account's well-viewed videos as Spark Ads, saying why", async () => {
    const ctx = createAgentTestContext();
    const output = await executeAgent(campaignBuilder, INPUT, {}, ctx);
    const videos = await ctx.data.listVideos("glowwithmia", { limit: 30 });
    const medianViews = [...videos].sort((a, b) => a.view_count - b.view_count)[15]?.view_count ?? 0;
    const hold = (v: TikTokVideo) => (v.average_time_watched ?? 0) / v.duration;
    const expected = videos
      .filter((v) => v.view_count >= medianViews)
      .sort((a, b) => hold(b) - hold(a))
      .slice(0, 3)
      .map((v) => v.id);
    expect(output.creatives.map((c) => c.video_id)).toEqual(expected);
    for (const group of output.payload.ad_groups) {
      expect(new Set(group.ads.map((a) => a.tiktok_item_id))).toEqual(new Set(expected));
      expect(group.ads.length).toBeLessThanOrEqual(5);
    }
    for (const creative of output.creatives)
      expect(creative.reason).toMatch(/^hold \d+% .* watched to the end/);
  });

  it("chooses the creative by hold rate, not by views, when the source gives watch time", async () => {
    const videos = [
      video("viral-skim", { views: 900_000, duration: 30, watched: 4, full: 0.03 }),
      video("keeps-watching", { views: 60_000, duration: 30, watched: 24, full: 0.41 }),
      video("solid", { views: 50_000, duration: 20, watched: 11, full: 0.2 }),
      video("unseen-but-held", { views: 900, duration: 10, watched: 9.5, full: 0.9 }),
      video("small", { views: 1_200, duration: 15, watched: 5, full: 0.1 }),
    ];
    const output = await executeAgent(campaignBuilder, INPUT, {}, contextWithVideos(videos));
    expect(output.creatives.map((c) => c.video_id)).toEqual(["keeps-watching", "solid", "viral-skim"]);
    expect(output.creatives[0]?.reason).toContain(
      "hold 80% (average 24s watched of 30s), 41% watched to the end",
    );
    expect(output.payload.ad_groups[0]?.ads[0]?.tiktok_item_id).toBe("keeps-watching");
  });

  it("falls back to the reach × engagement ranking, and says so, when the source has no watch time", async () => {
    const ctx = createAgentTestContext({ data: createDisplayApiProvider({ now: () => TEST_NOW }) });
    const output = await executeAgent(campaignBuilder, INPUT, {}, ctx);
    expect(output.creatives.length).toBeGreaterThan(0);
    for (const creative of output.creatives)
      expect(creative.reason).toMatch(
        /^watch time not available from this API, so ranked by reach × engagement/,
      );
  });

  it("targets the hashtags it was given, normalized, at most three per ad group", async () => {
    const output = await executeAgent(campaignBuilder, INPUT);
    const targeted = output.payload.ad_groups.flatMap((g) => g.hashtags);
    expect(targeted.sort()).toEqual(["cleangirl", "glassskin", "grwm", "skintok"]);
    for (const group of output.payload.ad_groups) expect(group.hashtags.length).toBeLessThanOrEqual(3);
  });

  it("labels the forecast a benchmark, with its source and year, when the account has no ad history", async () => {
    const output = await executeAgent(campaignBuilder, INPUT, { daily_budget: 80, duration_days: 10 });
    expect(output.total_budget).toBe(800);
    expect(output.forecast).toMatchObject({
      source: "benchmark",
      label: "benchmark, no ad history",
      cpm_usd: 9.5,
    });
    expect(output.forecast.impressions).toBe(Math.round((800 / 9.5) * 1000));
    expect(output.forecast.basis).toContain("total budget / CPM × 1000");
    expect(output.forecast.basis).toContain("planning benchmarks (2026)");
  });

  it("forecasts from the account's own past campaign when the run names one with enough impressions", async () => {
    const ctx = createAgentTestContext();
    const output = await executeAgent(
      campaignBuilder,
      { ...INPUT, history_campaign_id: "cmp_spring" },
      { daily_budget: 80, duration_days: 10 },
      ctx,
    );
    const rows = await ctx.data.getCampaignReport("cmp_spring", { days: 30 });
    const sum = (of: (r: (typeof rows)[number]) => number) => rows.reduce((t, r) => t + of(r), 0);
    const cpm = Math.round((sum((r) => r.spend) / sum((r) => r.impressions)) * 1000 * 100) / 100;
    expect(output.forecast.source).toBe("own_history");
    expect(output.forecast.label).toBe(`own ad history: campaign cmp_spring, ${rows.length} days`);
    expect(output.forecast.cpm_usd).toBe(cpm);
    expect(output.forecast.impressions).toBe(Math.round((800 / cpm) * 1000));
    expect(output.forecast.basis).toContain("CPM = spend / impressions × 1000");
  });

  it("keeps the benchmark, saying why, when the named campaign's report is too thin or unavailable", async () => {
    const base = createAgentTestContext();
    const thin = createAgentTestContext({
      data: {
        ...base.data,
        getCampaignReport: async () => [
          {
            stat_date: "2026-10-31",
            spend: 20,
            impressions: 2_400,
            clicks: 30,
            conversion: 0,
            video_watched_2s: 700,
            video_watched_6s: 300,
          },
        ],
      },
    });
    const fromThin = await executeAgent(
      campaignBuilder,
      { ...INPUT, history_campaign_id: "cmp_new" },
      {},
      thin,
    );
    expect(fromThin.forecast.source).toBe("benchmark");
    expect(fromThin.forecast.label).toMatch(
      /^benchmark, no usable ad history: campaign cmp_new has under 10K impressions/,
    );
    const unavailable = createAgentTestContext({
      data: {
        ...base.data,
        getCampaignReport: async () => {
          throw new DataUnavailableError("Ad reports", "this source", "no advertiser is connected");
        },
      },
    });
    const fromNone = await executeAgent(
      campaignBuilder,
      { ...INPUT, history_campaign_id: "cmp_x" },
      {},
      unavailable,
    );
    expect(fromNone.forecast.label).toContain("benchmark, no ad history: Ad reports is not available");
  });

  it("picks up to three proven and three on-topic trending hashtags, with evidence for each", async () => {
    const ctx = createAgentTestContext();
    const output = await executeAgent(
      campaignBuilder,
      { ...AUTO_INPUT, proven_hashtags: ["fyp", "grwm", "glassskin", "skincare", "dewy"] },
      {},
      ctx,
    );
    expect(output.hashtag_evidence.map((e) => [e.hashtag, e.source])).toEqual([
      ["grwm", "proven"],
      ["glassskin", "proven"],
      ["skincare", "proven"],
      ["sunscreencheck", "trending"],
      ["barrierrepair", "trending"],
    ]);
    expect(output.hashtags).toEqual(output.hashtag_evidence.map((e) => e.hashtag));
    const videos = await ctx.data.listVideos("glowwithmia", { limit: 30 });
    const best = rankVideos(videos, TEST_NOW).top.map((t) => videos.find((v) => v.id === t.id));
    const onBest = (tag: string) => best.filter((v) => v?.hashtags.includes(tag)).length;
    expect(onBest("grwm")).toBeGreaterThan(0);
    expect(output.hashtag_evidence[0]?.evidence).toBe(
      `on ${onBest("grwm")} of your ${best.length} best videos (reach × engagement)`,
    );
    expect(videos.some((v) => v.hashtags.includes("skincare"))).toBe(false);
    expect(output.hashtag_evidence[2]?.evidence).toBe("not on your last 30 posts");
    expect(output.hashtag_evidence[3]?.evidence).toBe(
      "+412% posts vs the window before (12.4K posts); fits your #skincare",
    );
    // Proven and trending tags run in ad groups of their own, so results say which cluster works.
    expect(output.payload.ad_groups.map((g) => g.hashtags)).toEqual([
      ["grwm", "glassskin", "skincare"],
      ["sunscreencheck", "barrierrepair"],
    ]);
  });

  it("does not target a trending tag its relevance says is off-topic, nor one without relevance among checked trends", async () => {
    const output = await executeAgent(campaignBuilder, {
      ...AUTO_INPUT,
      trending: [...TRENDING, { name: "dancechallenge", velocity: { value: 700 }, posts_current: 80_000 }],
    });
    expect(output.hashtags).not.toContain("catsoftiktok");
    expect(output.hashtags).not.toContain("dancechallenge");
    expect(output.hashtags).toContain("sunscreencheck");
  });

  it("does not buy reach on a fitting tag that is shrinking", async () => {
    const shrinking = {
      name: "spfreapply",
      velocity: { value: -0.58 },
      posts_current: 171,
      relevance: { matched: ["skincare"], reason: "fits your #skincare" },
    };
    const output = await executeAgent(campaignBuilder, { ...AUTO_INPUT, trending: [shrinking, ...TRENDING] });
    expect(output.hashtags).not.toContain("spfreapply");
    expect(output.hashtags).toContain("sunscreencheck");
  });

  it("takes trends by rank when they carry no relevance at all, and says their fit was not checked", async () => {
    const unchecked = TRENDING.map(({ relevance: _, ...t }) => t);
    const output = await executeAgent(campaignBuilder, { ...AUTO_INPUT, trending: unchecked });
    const trending = output.hashtag_evidence.filter((e) => e.source === "trending");
    expect(trending.map((e) => e.hashtag)).toEqual(["sunscreencheck", "catsoftiktok", "barrierrepair"]);
    for (const e of trending) expect(e.evidence).toContain("fit with your topics not checked");
  });

  it("labels hashtags the run set as given, with how the account's best videos use them", async () => {
    const output = await executeAgent(campaignBuilder, { ...AUTO_INPUT, hashtags: ["#SkinTok"] });
    expect(output.hashtag_evidence).toHaveLength(1);
    expect(output.hashtag_evidence[0]).toMatchObject({ hashtag: "skintok", source: "given" });
    expect(output.hashtag_evidence[0]?.evidence).toMatch(/^set by the run; on /);
  });

  it("funds every ad group at TikTok's 20-a-day minimum: a budget too small for all clusters shares fewer groups", async () => {
    const many = { ...INPUT, hashtags: ["a1", "b2", "c3", "d4", "e5", "f6", "g7"] };
    const tight = await executeAgent(campaignBuilder, many, { daily_budget: 50 });
    expect(tight.payload.ad_groups).toHaveLength(2);
    expect(tight.payload.ad_groups.flatMap((g) => g.hashtags).sort()).toEqual(many.hashtags);
    expect(campaignPayloadSchema.safeParse(tight.payload).success).toBe(true);
    expect(tight.budget_notes.join(" ")).toContain("would make 3 ad groups, but USD 50/day covers only 2");
    expect(tight.budget_notes[0]).toContain("About budgets for ads in TikTok Ads Manager");
    const funded = await executeAgent(campaignBuilder, many, { daily_budget: 60 });
    expect(funded.payload.ad_groups).toHaveLength(3);
    expect(funded.budget_notes.join(" ")).not.toContain("would make");
    // A reviewer's edit below 20 per ad group is refused at the gate, under the budget.
    const edited = { ...funded.payload, campaign: { ...funded.payload.campaign, budget: 55 } };
    expect(campaignPayloadSchema.safeParse(edited).error?.issues[0]).toMatchObject({
      path: ["campaign", "budget"],
      message: "must be at least 60 USD: TikTok's minimum of 20 for each of the 3 ad groups",
    });
  });

  it("notes TikTok's USD 100 a day recommendation below it, and not above", async () => {
    const low = await executeAgent(campaignBuilder, INPUT, { daily_budget: 50 });
    expect(low.budget_notes.some((n) => n.includes("recommends at least USD 100"))).toBe(true);
    const high = await executeAgent(campaignBuilder, INPUT, { daily_budget: 120 });
    expect(high.budget_notes.some((n) => n.includes("recommends"))).toBe(false);
  });

  it("falls back to one broad ad group when there are no hashtags", async () => {
    const output = await executeAgent(campaignBuilder, { ...INPUT, hashtags: [] });
    expect(output.payload.ad_groups).toHaveLength(1);
    expect(output.payload.ad_groups[0]?.hashtags).toEqual([]);
  });

  it("refuses to guess locations for a region it has no id for", async () => {
    await expect(executeAgent(campaignBuilder, { ...INPUT, region: null })).rejects.toThrow(
      /gives no region/,
    );
    await expect(executeAgent(campaignBuilder, { ...INPUT, region: "BR" })).rejects.toThrow(/location_ids/);
    const chosen = await executeAgent(campaignBuilder, { ...INPUT, region: null, country: "DE" });
    expect(chosen.payload.ad_groups[0]?.location_ids).toEqual(["2921044"]);
    const output = await executeAgent(
      campaignBuilder,
      { ...INPUT, region: null },
      { location_ids: ["2635167"] },
    );
    expect(output.payload.ad_groups[0]?.location_ids).toEqual(["2635167"]);
  });

  it("keeps its bounds in the payload schema: budget, max budget and a future schedule", async () => {
    const { payload } = await executeAgent(campaignBuilder, INPUT, { max_daily_budget: 200 });
    const budget = (value: number) => ({ ...payload, campaign: { ...payload.campaign, budget: value } });
    expect(campaignPayloadSchema.safeParse(budget(200)).success).toBe(true);
    expect(campaignPayloadSchema.safeParse(budget(201)).error?.issues[0]?.path).toEqual([
      "campaign",
      "budget",
    ]);
    expect(campaignPayloadSchema.safeParse(budget(49)).error?.issues[0]?.path).toEqual([
      "campaign",
      "budget",
    ]);
    const past = TEST_NOW.toISOString().slice(0, 10);
    const group = payload.ad_groups[0];
    if (!group) throw new Error("expected an ad group");
    const stale = { ...payload, ad_groups: [{ ...group, schedule_start_time: `${past} 00:00:00` }] };
    expect(campaignPayloadSchema.safeParse(stale).error?.issues[0]?.message).toBe("must be in the future");
  });

  it("gets ad copy from the model within TikTok's 100 characters, hashtags in an untrusted block", async () => {
    const ctx = createAgentTestContext();
    const output = await executeAgent(campaignBuilder, INPUT, {}, ctx);
    expect(output.ad_copy.length).toBeGreaterThanOrEqual(2);
    for (const text of output.ad_copy) expect(text.length).toBeLessThanOrEqual(100);
    expect(ctx.llm.calls[0]?.prompt).toContain("<untrusted_target_hashtags>");
  });

  it("validates its options", () => {
    expect(campaignBuilder.options.parse({})).toMatchObject({
      daily_budget: 50,
      max_daily_budget: 500,
      currency: "USD",
      duration_days: 14,
      objective: "VIDEO_VIEWS",
    });
    expect(campaignBuilder.options.safeParse({ objective: "LIKES" }).success).toBe(false);
    expect(campaignBuilder.options.safeParse({ daily_budget: 10 }).success).toBe(false);
    expect(campaignBuilder.options.safeParse({ daily_budget: 300, max_daily_budget: 200 }).success).toBe(
      false,
    );
  });
});
