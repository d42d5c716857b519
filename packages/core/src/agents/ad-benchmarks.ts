import type { AdReportRow } from "../data/provider.ts";
import { round2 } from "./metrics.ts";
import { compactNumber } from "./phrasing.ts";

export const CAMPAIGN_OBJECTIVES = ["REACH", "VIDEO_VIEWS", "TRAFFIC", "CONVERSIONS"] as const;
export type CampaignObjective = (typeof CAMPAIGN_OBJECTIVES)[number];

interface AdBenchmark {
  cpmUsd: number;
  ctrPct: number;
  /** 2-second video views per impression, in %. */
  viewRatePct: number;
}

/** Printed beside every benchmark figure: what it is, and when it was set. */
export const BENCHMARK_SOURCE =
  "our planning benchmarks (2026), set inside the CPM $4–12 and CTR 0.5–2% ranges TikTok advertisers report; not measured on your account";

/**
 * Our planning assumptions per niche (BENCHMARK_SOURCE). They seed a forecast only when the account
 * has no ad history of its own; the post-launch review replaces them with the campaign's own figures.
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
    source: `${known ? category.toLowerCase() : "all-niche"} benchmark (CPM $${base.cpmUsd}, CTR ${base.ctrPct}%, 2-second view rate ${base.viewRatePct}%) × ${objective} factor (CPM ×${factor.cpm}, CTR ×${factor.ctr}); ${BENCHMARK_SOURCE}`,
  };
}

/** The rates a forecast multiplies the budget by, and where they come from. */
export interface ForecastRates {
  cpmUsd: number;
  ctrPct: number;
  /** 2-second video views per impression, in %. */
  viewRatePct: number;
  kind: "own_history" | "benchmark";
  /** What a reader sees first, e.g. "benchmark, no ad history". */
  label: string;
  /** How each rate was obtained, for the forecast's basis. */
  origin: string;
}

/** Below this many impressions a past campaign's CPM and CTR are noise: the benchmark stands in. */
export const MIN_HISTORY_IMPRESSIONS = 10_000;

/** The benchmark's rates, labelled as a benchmark with why the account's own could not be used. */
export function benchmarkRates(category: string, objective: CampaignObjective, why: string): ForecastRates {
  const b = adBenchmark(category, objective);
  return { ...b, kind: "benchmark", label: `benchmark, ${why}`, origin: b.source };
}

/**
 * The account's own rates from a past campaign's daily report: CPM = spend ÷ impressions × 1000,
 * CTR = clicks ÷ impressions, view rate = 2-second views ÷ impressions, each over the summed days.
 * Undefined when the report holds too few impressions to trust.
 */
export function historyRates(campaignId: string, rows: readonly AdReportRow[]): ForecastRates | undefined {
  const sum = (of: (r: AdReportRow) => number) => rows.reduce((total, r) => total + of(r), 0);
  const impressions = sum((r) => r.impressions);
  if (impressions < MIN_HISTORY_IMPRESSIONS) return undefined;
  const days = `${rows[0]?.stat_date} → ${rows.at(-1)?.stat_date}`;
  return {
    cpmUsd: round2((sum((r) => r.spend) / impressions) * 1000),
    ctrPct: round2((sum((r) => r.clicks) / impressions) * 100),
    viewRatePct: round2((sum((r) => r.video_watched_2s) / impressions) * 100),
    kind: "own_history",
    label: `own ad history: campaign ${campaignId}, ${rows.length} days`,
    origin:
      `your campaign ${campaignId}, ${days} (${compactNumber(impressions)} impressions): CPM = spend / impressions × 1000, ` +
      "CTR = clicks / impressions, view rate = 2-second views / impressions",
  };
}
