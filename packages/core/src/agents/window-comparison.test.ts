import { describe, expect, it } from "vitest";
import type { AdReportRow, TikTokVideo } from "../data/provider.ts";
import { adWindowExact, compareWindows, organicFormulas, organicWindow } from "./window-comparison.ts";

const row = (clicks: number, spend: number, conversion: number): AdReportRow => ({
  stat_date: "2026-10-30",
  spend,
  impressions: 100_000,
  clicks,
  conversion,
  video_watched_2s: 0,
  video_watched_6s: 0,
});

describe("compareWindows", () => {
  it("computes changes from unrounded values and rounds only what it shows", () => {
    // CTR 1.004% → 1.016%: shown as 1% → 1.02%, which would read +2%; the change is +1.2%.
    const { previous, current, change_pct } = compareWindows(
      adWindowExact([row(1_016, 300, 0)]),
      adWindowExact([row(1_004, 300, 0)]),
    );
    expect([previous.ctr_pct, current.ctr_pct]).toEqual([1, 1.02]);
    expect(change_pct.ctr_pct).toBe(1.2);
    // CPC $0.29880… → $0.29527…: shown as $0.30 and $0.30 (no change); the change is −1.18%.
    expect([previous.cpc_usd, current.cpc_usd]).toEqual([0.3, 0.3]);
    expect(change_pct.cpc_usd).toBe(-1.18);
  });

  it("gives CPA only where conversions exist", () => {
    const { previous, current, change_pct } = compareWindows(
      adWindowExact([row(1_000, 300, 12)]),
      adWindowExact([row(1_000, 300, 0)]),
    );
    expect(previous.cpa_usd).toBeNull();
    expect(current.cpa_usd).toBe(25);
    expect(change_pct.cpa_usd).toBeNull();
    expect(current.conversion_rate_pct).toBe(1.2);
  });
});

function video(views: number, interactions: number, saves: number | null): TikTokVideo {
  return {
    id: `${views}-${interactions}`,
    create_time: 1_790_000_000,
    duration: 20,
    title: "t",
    video_description: "t",
    hashtags: [],
    view_count: views,
    like_count: interactions,
    comment_count: 0,
    share_count: 0,
    save_count: saves,
    reach: null,
    average_time_watched: null,
    full_video_watched_rate: null,
    impression_sources: null,
  };
}

describe("organicWindow", () => {
  it("rates engagement as the audit does: median per post, saves left out and reported on their own", () => {
    // Per-post ER 10%, 4%, 2%: the median is 4%. Summed with saves it would be (100+40+200+60)/4,100 = 9.76%.
    const posts = [video(1_000, 100, 0), video(1_000, 40, 20), video(10_000, 200, 40), video(0, 0, 0)];
    const window = organicWindow(posts);
    expect(window.engagement_rate).toBe(4);
    expect(window.save_rate).toBe(0.4);
    expect(organicFormulas(posts).engagement_rate).toContain("saves excluded");
  });

  it("says the save rate is not available when the source gives no saves", () => {
    const posts = [video(1_000, 30, null), video(2_000, 40, null)];
    expect(organicWindow(posts)).toMatchObject({ engagement_rate: 2.5, save_rate: null });
    expect(organicFormulas(posts).save_rate).toContain("not available");
  });
});
