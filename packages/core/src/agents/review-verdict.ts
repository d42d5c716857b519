import { z } from "zod";
import {
  type Proportion,
  TWO_PROPORTION_METHOD,
  type TwoProportionTest,
  trialsNeeded,
  twoProportionTest,
} from "./two-proportion.ts";
import type { AdWindow } from "./window-comparison.ts";

export const REVIEW_VERDICTS = ["scale", "hold", "cut", "not_enough_data"] as const;
export type ReviewVerdict = (typeof REVIEW_VERDICTS)[number];

/** Past this, waiting is not a plan: the change is too small to matter at this spend. */
const MAX_WAIT_DAYS = 90;

const rateTestSchema = z.object({
  metric: z.enum(["ctr", "conversion_rate"]),
  /** What the rate counts: successes / trials. */
  definition: z.string(),
  previous_pct: z.number(),
  current_pct: z.number(),
  difference_pp: z.number(),
  interval_pp: z.tuple([z.number(), z.number()]),
  z: z.number(),
  p_value: z.number(),
  significant: z.boolean(),
});
export type RateTest = z.infer<typeof rateTestSchema>;

export const verdictEvidenceSchema = z.object({
  method: z.string(),
  tests: z.array(rateTestSchema),
  /** With verdict not_enough_data: days more at the current impression rate, null when no wait would do. */
  days_to_wait: z.number().int().nonnegative().nullable(),
});
export type VerdictEvidence = z.infer<typeof verdictEvidenceSchema>;

export interface VerdictInputs {
  window_days: number;
  ads: { current: AdWindow; previous: AdWindow };
}

export interface VerdictResult {
  verdict: ReviewVerdict;
  reasons: string[];
  evidence: VerdictEvidence;
}

/**
 * Rules on the campaign's CTR (clicks / impressions) and, where conversions exist, its conversion rate
 * (conversions / clicks), each by a two-proportion z-test: `cut` when one fell significantly and none
 * rose, `scale` when one rose significantly and none fell, `hold` when they disagree, and
 * `not_enough_data` when no change is beyond its noise, with the days to wait for one that would be.
 */
export function reviewVerdict({ window_days, ads }: VerdictInputs): VerdictResult {
  const { current: c, previous: p } = ads;
  const tests: RateTest[] = [];
  const ctr = rateTest(
    "ctr",
    "clicks / impressions",
    { successes: p.clicks, trials: p.impressions },
    {
      successes: c.clicks,
      trials: c.impressions,
    },
  );
  if (ctr) tests.push(ctr);
  if (p.conversions + c.conversions > 0) {
    const cvr = rateTest(
      "conversion_rate",
      "conversions / clicks",
      { successes: p.conversions, trials: p.clicks },
      { successes: c.conversions, trials: c.clicks },
    );
    if (cvr) tests.push(cvr);
  }
  const evidence = (days: number | null): VerdictEvidence => ({
    method: TWO_PROPORTION_METHOD,
    tests,
    days_to_wait: days,
  });
  if (!ctr)
    return {
      verdict: "not_enough_data",
      reasons: ["not enough data yet: a window has no impressions to compare"],
      evidence: evidence(null),
    };
  const up = tests.filter((t) => t.significant && t.difference_pp > 0);
  const down = tests.filter((t) => t.significant && t.difference_pp < 0);
  if (up.length > 0 && down.length > 0)
    return {
      verdict: "hold",
      reasons: [...up.map((t) => `better: ${describe(t)}`), ...down.map((t) => `worse: ${describe(t)}`)],
      evidence: evidence(null),
    };
  if (down.length > 0)
    return { verdict: "cut", reasons: down.map((t) => `worse: ${describe(t)}`), evidence: evidence(null) };
  if (up.length > 0)
    return { verdict: "scale", reasons: up.map((t) => `better: ${describe(t)}`), evidence: evidence(null) };
  const days = daysToWait(ctr, c.impressions / window_days, window_days);
  const wait =
    days === null
      ? `the change is too small to tell from noise within ${MAX_WAIT_DAYS} days at this impression rate`
      : `wait about ${days} more day${days === 1 ? "" : "s"} at the current ${Math.round(c.impressions / window_days)} impressions a day`;
  return {
    verdict: "not_enough_data",
    reasons: [`not enough data yet: ${tests.map(describe).join("; ")}; ${wait}`],
    evidence: evidence(days),
  };
}

export function rateTest(
  metric: RateTest["metric"],
  definition: string,
  previous: Proportion,
  current: Proportion,
): RateTest | null {
  const test: TwoProportionTest | null = twoProportionTest(previous, current);
  return test && { metric, definition, ...test };
}

/** Days each window must grow by (at the current rate) for the observed CTR change to clear the 95% bar. */
function daysToWait(ctr: RateTest, impressionsPerDay: number, windowDays: number): number | null {
  if (impressionsPerDay <= 0) return null;
  const needed = trialsNeeded(ctr.previous_pct / 100, ctr.current_pct / 100);
  const days = Math.max(1, Math.ceil(needed / impressionsPerDay) - windowDays);
  return Number.isFinite(days) && days <= MAX_WAIT_DAYS ? days : null;
}

const LABEL = { ctr: "CTR", conversion_rate: "conversion rate" } as const;

/** "CTR 1.2% → 1.5% (+0.3 pp, 95% CI +0.1 to +0.5 pp, p = 0.003)". */
export function describe(t: RateTest): string {
  const [lo, hi] = t.interval_pp;
  return (
    `${LABEL[t.metric]} ${fixed(t.previous_pct)}% → ${fixed(t.current_pct)}% ` +
    `(${signed(t.difference_pp)} pp, 95% CI ${signed(lo)} to ${signed(hi)} pp, p ${pValue(t.p_value)})`
  );
}

function fixed(value: number): string {
  return String(Math.round(value * 100) / 100);
}

function signed(value: number): string {
  const rounded = Math.round(value * 100) / 100;
  return `${rounded > 0 ? "+" : rounded < 0 ? "−" : ""}${Math.abs(rounded)}`;
}

function pValue(p: number): string {
  return p < 0.001 ? "< 0.001" : `= ${Math.round(p * 1000) / 1000}`;
}
