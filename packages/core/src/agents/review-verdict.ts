import type { AdWindow, OrganicWindow } from "./window-comparison.ts";

export const REVIEW_VERDICTS = ["scale", "hold", "fix"] as const;
export type ReviewVerdict = (typeof REVIEW_VERDICTS)[number];

type Change<T> = { [K in keyof T]: number | null };

export interface VerdictInputs {
  organic: { current: OrganicWindow; previous: OrganicWindow; change_pct: Change<OrganicWindow> };
  ads: { current: AdWindow; previous: AdWindow; change_pct: Change<AdWindow> };
}

/** Thresholds in % change between windows; beyond them a move is more than daily noise. */
const FIX = { ctr: -15, hookRate: -15, cpc: 20, engagement: -20 };
const SCALE = { ctr: 5, hookRate: -5 };

/**
 * `fix` when a window got clearly worse (clicks, hooks, cost per click, organic engagement), `scale`
 * when ads got better and cheaper per click with nothing broken, `hold` otherwise or without data.
 */
export function reviewVerdict({ organic, ads }: VerdictInputs): {
  verdict: ReviewVerdict;
  reasons: string[];
} {
  const a = ads.change_pct;
  const hasAds = ads.current.impressions > 0 && ads.previous.impressions > 0;
  const hasOrganic = organic.current.posts > 0 && organic.previous.posts > 0;
  if (!hasAds && !hasOrganic)
    return { verdict: "hold", reasons: ["not enough data in both windows to compare"] };
  const problems: string[] = [];
  if (hasAds && below(a.ctr_pct, FIX.ctr)) problems.push(`CTR ${a.ctr_pct}% (threshold ${FIX.ctr}%)`);
  if (hasAds && below(a.hook_rate_pct, FIX.hookRate))
    problems.push(`hook rate ${a.hook_rate_pct}% (threshold ${FIX.hookRate}%)`);
  if (hasAds && above(a.cpc_usd, FIX.cpc)) problems.push(`CPC +${a.cpc_usd}% (threshold +${FIX.cpc}%)`);
  if (hasOrganic && below(organic.change_pct.engagement_rate, FIX.engagement))
    problems.push(
      `organic engagement rate ${organic.change_pct.engagement_rate}% (threshold ${FIX.engagement}%)`,
    );
  if (problems.length > 0) return { verdict: "fix", reasons: problems.map((p) => `worse: ${p}`) };
  if (
    hasAds &&
    above(a.ctr_pct, SCALE.ctr) &&
    !above(a.cpc_usd, 0) &&
    !below(a.hook_rate_pct, SCALE.hookRate)
  )
    return {
      verdict: "scale",
      reasons: [`better: CTR +${a.ctr_pct}%, CPC ${a.cpc_usd ?? 0}%, hook rate ${a.hook_rate_pct ?? 0}%`],
    };
  return { verdict: "hold", reasons: ["no change beyond the fix or scale thresholds"] };
}

function below(change: number | null, threshold: number): boolean {
  return change !== null && change <= threshold;
}

function above(change: number | null, threshold: number): boolean {
  return change !== null && change >= threshold;
}
