import { describe, expect, it } from "vitest";
import { reviewVerdict, type VerdictInputs } from "./review-verdict.ts";
import { adWindow, changeOf, organicWindow } from "./window-comparison.ts";

function ads(previous: { clicks: number; watched2s: number; spend?: number }, current: typeof previous) {
  const row = (w: typeof previous) => ({
    stat_date: "2026-10-30",
    spend: w.spend ?? 100,
    impressions: 10_000,
    clicks: w.clicks,
    conversion: 1,
    video_watched_2s: w.watched2s,
    video_watched_6s: 1_000,
  });
  const [p, c] = [adWindow([row(previous)]), adWindow([row(current)])];
  return { current: c, previous: p, change_pct: changeOf(c, p) };
}

const organic = (() => {
  const current = { posts: 3, views: 1_000, mean_views: 333, engagement_rate: 5 };
  return { current, previous: current, change_pct: changeOf(current, current) };
})();

describe("reviewVerdict", () => {
  it("says fix when CTR falls 15% or more", () => {
    const inputs: VerdictInputs = {
      organic,
      ads: ads({ clicks: 100, watched2s: 3_000 }, { clicks: 80, watched2s: 3_000 }),
    };
    expect(reviewVerdict(inputs)).toEqual({
      verdict: "fix",
      reasons: ["worse: CTR -20% (threshold -15%)", "worse: CPC +25% (threshold +20%)"],
    });
  });

  it("says scale when CTR rises and clicks get cheaper with the hook intact", () => {
    const inputs = {
      organic,
      ads: ads({ clicks: 100, watched2s: 3_000 }, { clicks: 110, watched2s: 3_000 }),
    };
    expect(reviewVerdict(inputs).verdict).toBe("scale");
  });

  it("says hold when nothing moved beyond noise", () => {
    const inputs = {
      organic,
      ads: ads({ clicks: 100, watched2s: 3_000 }, { clicks: 102, watched2s: 2_950 }),
    };
    expect(reviewVerdict(inputs).verdict).toBe("hold");
  });

  it("says hold without data in both windows", () => {
    const empty = {
      current: adWindow([]),
      previous: adWindow([]),
      change_pct: changeOf(adWindow([]), adWindow([])),
    };
    const none = organicWindow([]);
    const noOrganic = { current: none, previous: none, change_pct: changeOf(none, none) };
    expect(reviewVerdict({ organic: noOrganic, ads: empty })).toEqual({
      verdict: "hold",
      reasons: ["not enough data in both windows to compare"],
    });
  });
});
