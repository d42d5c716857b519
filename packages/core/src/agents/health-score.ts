import { z } from "zod";
import { lineSchema } from "./bounds.ts";
import { NOT_AVAILABLE, round2 } from "./metrics.ts";

export const healthScoreSchema = z.object({
  score: z.number().int().min(0).max(100),
  formula: lineSchema,
  /** What lifted or sank the score, biggest effect first; the score means nothing without them. */
  drivers: z.array(z.object({ factor: lineSchema, impact: z.number(), detail: lineSchema })).max(20),
  /** Drivers left out because the source does not give their data, each with why; named in `formula` too. */
  left_out: z
    .array(z.object({ factor: lineSchema, reason: lineSchema }))
    .max(20)
    .default([]),
});
export type HealthScore = z.infer<typeof healthScoreSchema>;
type Driver = HealthScore["drivers"][number];

export interface HealthInputs {
  followers: number;
  /** Median per post, with the same terms as the benchmark it is judged by. */
  engagementRateByFollowers: number;
  /** The published figure for this kind of account, and what it is (whose median, source and year). */
  engagementBenchmark: { value: number; label: string };
  postsPerWeek: number;
  gapsOver7Days: number;
  /** Null when the source has no follower history: the driver is left out, not scored as 0. */
  followerGrowthPctMonth: number | null;
  viewsPerFollower: number;
  /** Null when the source gives no watch data. */
  fullWatchRate: number | null;
  meanViews: number;
  medianViews: number;
}

const BASELINE = 50;
/** Below 100K followers, accounts typically grow faster than 5% a month; brands 2–3% (DOMAIN.md). */
const SMALL_ACCOUNT = 100_000;
/**
 * Our own references where no published benchmark exists; drivers say so, so nobody mistakes them
 * for industry figures.
 */
const REFERENCE_VIEWS_PER_FOLLOWER = 0.25;
const REFERENCE_FULL_WATCH_PCT = 20;

type LeftOut = HealthScore["left_out"][number];

/**
 * A 0–100 composite: 50 plus the impact of each driver whose data exists, clamped. A driver without
 * data is left out (scoring it 0 would read as "average"), and the formula names it. Pure, so it can
 * be recomputed.
 */
export function healthScore(inputs: HealthInputs): HealthScore {
  const candidates: (Driver | LeftOut)[] = [
    engagement(inputs),
    cadence(inputs),
    gaps(inputs),
    growth(inputs),
    reach(inputs),
    retention(inputs),
    hitDependence(inputs),
  ];
  const drivers = candidates
    .filter((d): d is Driver => "impact" in d)
    .sort((a, b) => Math.abs(b.impact) - Math.abs(a.impact));
  const leftOut = candidates.filter((d): d is LeftOut => "reason" in d);
  const total = drivers.reduce((sum, d) => sum + d.impact, 0);
  const without =
    leftOut.length > 0 ? `; left out for lack of data: ${leftOut.map((d) => d.factor).join(", ")}` : "";
  return {
    score: Math.round(clamp(BASELINE + total, 0, 100)),
    formula: `${BASELINE} + Σ driver impacts, clamped to 0–100${without}`,
    drivers,
    left_out: leftOut,
  };
}

function driver(factor: string, impact: number, detail: string): Driver {
  return { factor, impact: Math.round(impact * 10) / 10 || 0, detail };
}

function engagement(i: HealthInputs): Driver {
  const { value, label } = i.engagementBenchmark;
  const relative = i.engagementRateByFollowers / value;
  return driver(
    "Engagement vs benchmark",
    clamp(20 * Math.log2(Math.max(relative, 0.01)), -20, 20),
    `${i.engagementRateByFollowers}% median per post by followers vs ${value}% ${label}`,
  );
}

function cadence(i: HealthInputs): Driver {
  return driver(
    "Posting cadence",
    clamp((i.postsPerWeek - 2) * 5, -10, 10),
    `${i.postsPerWeek} posts/week; brands' median is about 2, top quartile 4 or more (industry rule of thumb, no published source)`,
  );
}

function gaps(i: HealthInputs): Driver {
  const impact = i.gapsOver7Days === 0 ? 5 : Math.max(-9, -3 * i.gapsOver7Days);
  return driver(
    "Breaks over 7 days",
    impact,
    `${i.gapsOver7Days} break(s) longer than a week in the cadence window`,
  );
}

function growth(i: HealthInputs): Driver | LeftOut {
  if (i.followerGrowthPctMonth === null)
    return { factor: "Follower growth", reason: `follower history ${NOT_AVAILABLE}` };
  const expected = i.followers < SMALL_ACCOUNT ? 5 : 2.5;
  return driver(
    "Follower growth",
    clamp((i.followerGrowthPctMonth - expected) * 3, -8, 12),
    `${i.followerGrowthPctMonth}%/month vs ~${expected}% typical for an account this size (our reference)`,
  );
}

function reach(i: HealthInputs): Driver {
  const relative = Math.max(i.viewsPerFollower, 0.001) / REFERENCE_VIEWS_PER_FOLLOWER;
  return driver(
    "Reach per follower",
    clamp(6 * Math.log2(relative), -10, 10),
    `median views are ${i.viewsPerFollower}× followers (our reference: ${REFERENCE_VIEWS_PER_FOLLOWER}×)`,
  );
}

function retention(i: HealthInputs): Driver | LeftOut {
  if (i.fullWatchRate === null)
    return { factor: "Full-watch retention", reason: `full-watch rate ${NOT_AVAILABLE}` };
  return driver(
    "Full-watch retention",
    clamp((i.fullWatchRate - REFERENCE_FULL_WATCH_PCT) / 2, -8, 8),
    `${i.fullWatchRate}% of views watch to the end (our reference: ${REFERENCE_FULL_WATCH_PCT}%)`,
  );
}

/** A mean far above the median means reach rests on a few hits, not on a repeatable format. */
function hitDependence(i: HealthInputs): Driver {
  const skew = i.medianViews === 0 ? 0 : i.meanViews / i.medianViews;
  return driver(
    "Dependence on viral hits",
    skew > 3 ? -Math.min(8, (skew - 3) * 2 + 2) : 0,
    `mean views are ${round2(skew)}× the median`,
  );
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
