import type { FixtureRequest } from "../llm/fixtures.ts";
import type { PerformanceReviewerFacts } from "./performance-reviewer.ts";
import { compactNumber, signedPct, usd } from "./phrasing.ts";

/** Mock recommendations on the windows performance_reviewer compared (its `context`). */
export function performanceReviewerFixture(request: FixtureRequest): { recommendations: string[] } {
  const f = request.context as PerformanceReviewerFacts;
  const { current: now, previous: before, change_pct: change } = f.ads;
  const recommendations: string[] = [];
  if (f.verdict === "scale")
    recommendations.push(
      `Scale: CTR ${signedPct(change.ctr_pct)} (${before.ctr_pct}% → ${now.ctr_pct}%) with CPC ${signedPct(change.cpc_usd)} (${usd(now.cpc_usd)}). Raise the daily budget 20–30% every 3 days rather than at once, so delivery stays out of the learning phase.`,
    );
  if (f.verdict === "fix") {
    if ((change.ctr_pct ?? 0) < 0 || (change.hook_rate_pct ?? 0) < 0)
      recommendations.push(
        `Fix the creative: CTR ${signedPct(change.ctr_pct)} and hook rate ${signedPct(change.hook_rate_pct)} (${now.hook_rate_pct}% of impressions watch 2 seconds). Ship 2 new openings and pause the weakest ad group before adding spend.`,
      );
    if ((change.cpc_usd ?? 0) > 0)
      recommendations.push(
        `Clicks got dearer: CPC ${usd(before.cpc_usd)} → ${usd(now.cpc_usd)} at CPM ${usd(now.cpm_usd)}. Tighten hashtag targeting to the groups with the best CTR.`,
      );
  }
  if (f.verdict === "hold")
    recommendations.push(
      `Hold budget at ${usd(now.spend_usd)} per ${f.window_days} days: CTR ${signedPct(change.ctr_pct)}, CPC ${signedPct(change.cpc_usd)}, hook rate ${signedPct(change.hook_rate_pct)} are within noise. Review again after the next ${f.window_days}-day window.`,
    );
  recommendations.push(
    `Hold rate is ${now.hold_rate_pct}% (6-second views per impression, ${signedPct(change.hold_rate_pct)}): cut the setup so the payoff lands before second 6.`,
  );
  const o = f.organic;
  recommendations.push(
    `Organic: ${o.current.posts} posts and ${compactNumber(o.current.views)} views in the last ${f.window_days} days vs ${o.previous.posts} and ${compactNumber(o.previous.views)} before; engagement ${signedPct(o.change_pct.engagement_rate)}. The newest videos are still collecting views, so judge them again next window.`,
  );
  return { recommendations: recommendations.slice(0, 5) };
}
