export const CAMPAIGN_OBJECTIVES = ["REACH", "VIDEO_VIEWS", "TRAFFIC", "CONVERSIONS"] as const;
export type CampaignObjective = (typeof CAMPAIGN_OBJECTIVES)[number];

interface AdBenchmark {
  cpmUsd: number;
  ctrPct: number;
  /** 2-second video views per impression, in %. */
  viewRatePct: number;
}

/**
 * Our planning assumptions per niche, inside the ranges TikTok advertisers report (CPM $4–12, CTR
 * 0.5–2%). They seed a forecast; the post-launch review replaces them with the campaign's own figures.
 */
const CATEGORY_BENCHMARKS: Record<string, AdBenchmark> = {
  beauty: { cpmUsd: 9.5, ctrPct: 1.1, viewRatePct: 31 },
  fitness: { cpmUsd: 8.2, ctrPct: 1.0, viewRatePct: 29 },
  food: { cpmUsd: 6.4, ctrPct: 1.3, viewRatePct: 34 },
  fashion: { cpmUsd: 8.8, ctrPct: 0.9, viewRatePct: 28 },
  tech: { cpmUsd: 10.5, ctrPct: 0.8, viewRatePct: 26 },
  travel: { cpmUsd: 7.5, ctrPct: 1.2, viewRatePct: 33 },
  gaming: { cpmUsd: 5.2, ctrPct: 1.5, viewRatePct: 30 },
  pets: { cpmUsd: 5.8, ctrPct: 1.6, viewRatePct: 36 },
};
const DEFAULT_BENCHMARK: AdBenchmark = { cpmUsd: 7.5, ctrPct: 1.0, viewRatePct: 30 };

/** Optimising for clicks or conversions buys pricier, more click-prone impressions than buying reach. */
const OBJECTIVE_FACTORS: Record<CampaignObjective, { cpm: number; ctr: number }> = {
  REACH: { cpm: 0.8, ctr: 0.8 },
  VIDEO_VIEWS: { cpm: 1, ctr: 1 },
  TRAFFIC: { cpm: 1.15, ctr: 1.3 },
  CONVERSIONS: { cpm: 1.35, ctr: 1.2 },
};

/** The CPM, CTR and view rate to forecast a campaign with, and where they came from. */
export function adBenchmark(
  category: string,
  objective: CampaignObjective,
): AdBenchmark & { source: string } {
  const known = CATEGORY_BENCHMARKS[category.toLowerCase()];
  const base = known ?? DEFAULT_BENCHMARK;
  const factor = OBJECTIVE_FACTORS[objective];
  return {
    cpmUsd: Math.round(base.cpmUsd * factor.cpm * 100) / 100,
    ctrPct: Math.round(base.ctrPct * factor.ctr * 100) / 100,
    viewRatePct: base.viewRatePct,
    source: `${known ? category.toLowerCase() : "all-niche"} planning benchmark (CPM $${base.cpmUsd}, CTR ${base.ctrPct}%) × ${objective} factor (CPM ×${factor.cpm}, CTR ×${factor.ctr})`,
  };
}
