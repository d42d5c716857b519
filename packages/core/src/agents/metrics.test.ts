import { describe, expect, it } from "vitest";
import type { TikTokVideo } from "../data/provider.ts";
import * as m from "./metrics.ts";

const NOW = new Date("2026-11-01T12:00:00Z");
const DAY = 86_400;

function video(daysAgo: number, counts: Partial<TikTokVideo> = {}): TikTokVideo {
  return {
    id: String(daysAgo),
    create_time: NOW.getTime() / 1000 - daysAgo * DAY,
    duration: 20,
    title: "t",
    video_description: "t",
    hashtags: [],
    view_count: 1_000,
    like_count: 0,
    comment_count: 0,
    share_count: 0,
    save_count: 0,
    reach: 800,
    average_time_watched: 10,
    full_video_watched_rate: 0.2,
    impression_sources: { For_You: 0.5 },
    ...counts,
  };
}

const pair = [
  video(1, { view_count: 1_000, like_count: 50, comment_count: 5, share_count: 3, save_count: 2 }),
  video(2, {
    view_count: 3_000,
    like_count: 100,
    comment_count: 10,
    share_count: 6,
    save_count: 4,
    full_video_watched_rate: 0.4,
    impression_sources: { For_You: 0.9 },
  }),
];

describe("engagement", () => {
  it("rates engagement by views over the summed videos", () => {
    // (60 + 120) / 4000 × 100
    expect(m.engagementRateByViews(pair)).toEqual({
      value: 4.5,
      formula: "Σ(likes + comments + shares + saves) / Σ views × 100 over 2 videos",
    });
  });

  it("rates the median post by followers and by views, saves left out as Rival IQ counts", () => {
    const three = [...pair, video(3, { view_count: 100, like_count: 40, save_count: 90 })];
    // per post: 58/2000, 116/2000, 40/2000 → median 58 / 2000 × 100
    expect(m.medianEngagementRateByFollowers(three, 2_000).value).toBe(2.9);
    // per post: 5.8%, 3.87%, 40% → median 5.8%
    expect(m.medianEngagementRateByViews(three)).toEqual({
      value: 5.8,
      formula:
        "median per post of (likes + comments + shares) / views × 100 over the 3 posts with views in the last 90 days; " +
        "saves excluded (see save rate)",
    });
    // saves per view: 0.2%, 0.13%, 90% → median 0.2%
    expect(m.medianSaveRate(three).value).toBe(0.2);
    expect(m.medianSaveRate([video(1, { save_count: null })]).value).toBeNull();
  });

  it("keeps only the posts of the window", () => {
    expect(m.inWindow([video(89), video(91)], NOW).map((v) => v.id)).toEqual(["89"]);
  });

  it("is 0, not NaN, without views", () => {
    expect(m.engagementRateByViews([]).value).toBe(0);
  });
});

describe("reach", () => {
  it("gives mean and median views, the median unmoved by a viral hit", () => {
    const withHit = [...pair, video(3, { view_count: 1_000_000 })];
    expect(m.meanViews(withHit).value).toBe(334_667);
    expect(m.medianViews(withHit).value).toBe(3_000);
    expect(m.medianViews(pair).value).toBe(2_000);
  });

  it("divides median views by followers", () => {
    expect(m.viewsPerFollower(pair, 8_000)).toEqual({ value: 0.25, formula: "median views / followers" });
  });

  it("weights the For You share and full-watch rate by views", () => {
    // (0.5 × 1000 + 0.9 × 3000) / 4000
    expect(m.forYouShare(pair).value).toBe(80);
    // (0.2 × 1000 + 0.4 × 3000) / 4000
    expect(m.fullWatchRate(pair).value).toBe(35);
  });
});

describe("insights the source does not give", () => {
  const display = pair.map((v) => ({
    ...v,
    save_count: null,
    full_video_watched_rate: null,
    impression_sources: null,
  }));

  it("leaves For You share and full-watch rate null with a note, never 0", () => {
    for (const metric of [m.forYouShare(display), m.fullWatchRate(display)]) {
      expect(metric.value).toBeNull();
      expect(metric.note).toMatch(/^not available from this API: /);
      expect(metric.formula).toContain("× views");
    }
  });

  it("rates engagement without saves when any video lacks them, and says so in the formula", () => {
    // (50 + 5 + 3 + 100 + 10 + 6) / 4000
    expect(m.engagementRateByViews(display).value).toBe(4.35);
    expect(m.engagementRateByViews(display).formula).toContain("saves not available from this API");
    const mixed = [pair[0] as TikTokVideo, display[1] as TikTokVideo];
    expect(m.engagementRateByViews(mixed).value).toBe(4.35);
  });

  it("leaves follower growth null, with the source's reason, when there is no history", () => {
    expect(m.followerGrowthPctMonth(null, "a creator account has no follower history")).toMatchObject({
      value: null,
      note: "not available from this API: a creator account has no follower history",
    });
  });
});

describe("cadence", () => {
  it("counts posts per week over the last 90 days", () => {
    const videos = Array.from({ length: 40 }, (_, i) => video(1 + i * 3));
    // 30 posts inside 90 days (days 1, 4, …, 88)
    expect(m.postsPerWeek(videos, NOW)).toEqual({
      value: 2.33,
      formula: "posts in the last 90 days / (90 / 7)",
    });
  });

  it("uses the span the videos cover when it is shorter than 90 days", () => {
    const videos = Array.from({ length: 10 }, (_, i) => video(0.5 + i * 2));
    expect(m.postsPerWeek(videos, NOW).value).toBe(3.68); // 10 posts over 19 days
  });

  it("counts breaks over 7 days, including the one running now", () => {
    expect(m.gapsOver7Days([video(1), video(3), video(12), video(14), video(29)], NOW).value).toBe(2);
    expect(m.gapsOver7Days([video(9), video(10)], NOW).value).toBe(1);
  });
});

describe("growth and tiers", () => {
  it("gives compound monthly follower growth over the days between the first and last snapshot", () => {
    const day = (i: number) => new Date(Date.UTC(2026, 9, 1) + i * 86_400_000).toISOString().slice(0, 10);
    const history = Array.from({ length: 31 }, (_, i) => ({
      date: day(i),
      follower_count: 1_000 + (i === 30 ? 100 : 0),
    }));
    expect(m.followerGrowthPctMonth(history).value).toBe(10);
    // A source that skipped days: 3 snapshots over 60 days is still two months, not two days.
    const gappy = [
      { date: day(0), follower_count: 1_000 },
      { date: day(30), follower_count: 1_100 },
      { date: day(60), follower_count: 1_210 },
    ];
    expect(m.followerGrowthPctMonth(gappy).value).toBe(10);
    expect(m.followerGrowthPctMonth(gappy).formula).toContain("followers 60 days ago");
  });
});

describe("ads and trends", () => {
  const totals = m.sumAdRows([
    {
      spend: 40,
      impressions: 5_000,
      clicks: 50,
      conversion: 2,
      video_watched_2s: 1_500,
      video_watched_6s: 600,
    },
    {
      spend: 60,
      impressions: 5_000,
      clicks: 70,
      conversion: 3,
      video_watched_2s: 1_700,
      video_watched_6s: 700,
    },
  ]);

  it("computes CTR, CPC and CPM from summed rows", () => {
    expect(m.ctr(totals)).toEqual({ value: 1.2, formula: "clicks / impressions × 100" });
    expect(m.cpc(totals).value).toBe(0.83);
    expect(m.cpm(totals)).toEqual({ value: 10, formula: "spend / impressions × 1000" });
  });

  it("computes hook rate from 2-second and hold rate from 6-second views", () => {
    expect(m.hookRate(totals).value).toBe(32);
    expect(m.holdRate(totals).value).toBe(13);
  });

  it("measures trend velocity as growth, a brand-new trend against 1 post", () => {
    expect(m.trendVelocity({ posts_current: 300, posts_previous: 200 }).value).toBe(50);
    expect(m.trendVelocity({ posts_current: 40, posts_previous: 0 }).value).toBe(4_000);
  });

  it("gives change between windows, null without a previous value", () => {
    expect(m.changePct(110, 100)).toBe(10);
    expect(m.changePct(-5, -10)).toBe(50);
    expect(m.changePct(5, 0)).toBeNull();
  });
});
