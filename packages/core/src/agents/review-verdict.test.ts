import { describe, expect, it } from "vitest";
import type { AdReportRow } from "../data/provider.ts";
import { reviewVerdict } from "./review-verdict.ts";
import { adWindowExact } from "./window-comparison.ts";

interface WindowCounts {
  impressions: number;
  clicks: number;
  conversions?: number;
}

function row(w: WindowCounts): AdReportRow {
  return {
    stat_date: "2026-10-30",
    spend: 100,
    impressions: w.impressions,
    clicks: w.clicks,
    conversion: w.conversions ?? 0,
    video_watched_2s: 0,
    video_watched_6s: 0,
  };
}

const verdictOf = (previous: WindowCounts, current: WindowCounts) =>
  reviewVerdict({
    window_days: 7,
    ads: { previous: adWindowExact([row(previous)]), current: adWindowExact([row(current)]) },
  });

describe("reviewVerdict", () => {
  it("scales on a CTR rise far beyond its noise, with the interval of the difference", () => {
    const result = verdictOf({ impressions: 50_000, clicks: 500 }, { impressions: 50_000, clicks: 700 });
    expect(result.verdict).toBe("scale");
    const [ctr] = result.evidence.tests;
    expect(ctr?.significant).toBe(true);
    expect(ctr?.difference_pp).toBeCloseTo(0.4, 10);
    // Unpooled SE: sqrt(.01·.99/5e4 + .014·.986/5e4) = 6.8854e-4 → ±0.13495 pp.
    expect(ctr?.interval_pp[0]).toBeCloseTo(0.4 - 0.13495, 3);
    expect(ctr?.interval_pp[1]).toBeCloseTo(0.4 + 0.13495, 3);
    expect(result.evidence.method).toContain("two-proportion z-test");
    expect(result.reasons[0]).toMatch(/^better: CTR 1% → 1.4% \(\+0.4 pp, 95% CI \+0.27 to \+0.53 pp/);
  });

  it("cuts on a clear CTR loss", () => {
    const result = verdictOf({ impressions: 40_000, clicks: 600 }, { impressions: 40_000, clicks: 420 });
    expect(result.verdict).toBe("cut");
    expect(result.evidence.tests[0]?.interval_pp[1]).toBeLessThan(0);
    expect(result.reasons[0]).toMatch(/^worse: CTR 1.5% → 1.05%/);
  });

  it("cuts on a conversion-rate loss even when CTR stays inside its noise", () => {
    const result = verdictOf(
      { impressions: 40_000, clicks: 800, conversions: 80 },
      { impressions: 40_000, clicks: 810, conversions: 30 },
    );
    expect(result.evidence.tests.map((t) => [t.metric, t.significant])).toEqual([
      ["ctr", false],
      ["conversion_rate", true],
    ]);
    expect(result.verdict).toBe("cut");
  });

  it("says not enough data yet for a change inside the noise, with the days to wait", () => {
    // 1.0% → 1.2% on 3,500 impressions a window: z ≈ 0.8.
    const result = verdictOf({ impressions: 3_500, clicks: 35 }, { impressions: 3_500, clicks: 42 });
    expect(result.verdict).toBe("not_enough_data");
    // Each window needs 1.96² × (.01·.99 + .012·.988) / .002² = 20,897 impressions; at 500 a day that
    // is 42 days, 35 more than the 7 each window has.
    expect(result.evidence.days_to_wait).toBe(35);
    expect(result.reasons[0]).toMatch(
      /^not enough data yet: CTR 1% → 1.2% .*wait about 35 more days at the current 500 impressions a day$/,
    );
  });

  it("holds when CTR rises and conversion rate falls, both significantly", () => {
    const result = verdictOf(
      { impressions: 50_000, clicks: 500, conversions: 50 },
      { impressions: 50_000, clicks: 800, conversions: 30 },
    );
    expect(result.verdict).toBe("hold");
    expect(result.reasons.map((r) => r.split(":")[0])).toEqual(["better", "worse"]);
  });

  it("says not enough data without impressions in a window", () => {
    const result = verdictOf({ impressions: 0, clicks: 0 }, { impressions: 1_000, clicks: 10 });
    expect(result).toMatchObject({ verdict: "not_enough_data", evidence: { tests: [], days_to_wait: null } });
  });
});
