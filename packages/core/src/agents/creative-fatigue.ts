import { z } from "zod";
import type { AdCreativeRow } from "../data/provider.ts";
import { lineSchema } from "./bounds.ts";
import { ratio, round2 } from "./metrics.ts";
import { describe, type RateTest, rateTest } from "./review-verdict.ts";
import { TWO_PROPORTION_METHOD } from "./two-proportion.ts";

const creativeWindowSchema = z.object({
  impressions: z.number().int().nonnegative(),
  clicks: z.number().int().nonnegative(),
  ctr_pct: z.number(),
  /** Impressions ÷ reach over the window; null where the source gives no reach. */
  frequency: z.number().nullable(),
});

export const creativeSchema = z.object({
  ad_id: lineSchema,
  ad_name: lineSchema,
  previous: creativeWindowSchema.nullable(),
  current: creativeWindowSchema.nullable(),
  /** First vs second window CTR; null when a window has no impressions for this ad. */
  ctr_test: z
    .object({
      difference_pp: z.number(),
      interval_pp: z.tuple([z.number(), z.number()]),
      p_value: z.number(),
      significant: z.boolean(),
    })
    .nullable(),
  fatigued: z.boolean(),
  finding: lineSchema,
});
export type Creative = z.infer<typeof creativeSchema>;

export const creativeFatigueSchema = z.object({
  method: lineSchema,
  rule: lineSchema,
  frequency_formula: lineSchema,
  ads: z.array(creativeSchema).max(50),
  /** Why the per-creative view is missing or partial; empty when complete. */
  note: z.string().max(300),
});
export type CreativeFatigue = z.infer<typeof creativeFatigueSchema>;

export const FATIGUE_RULE =
  "fatigued when the ad's CTR fell from the previous window to the last with p < 0.05; a drop within noise is not called";
export const FREQUENCY_FORMULA = "impressions ÷ reach in the window (people reached once each)";

/**
 * Per creative, the previous window's CTR against the last one's by the same two-proportion test as
 * the verdict: only a significant drop is fatigue, so a small ad's noisy week is not.
 */
export function creativeFatigue(
  previous: readonly AdCreativeRow[],
  current: readonly AdCreativeRow[],
): CreativeFatigue {
  const ids = [...new Set([...previous, ...current].map((a) => a.ad_id))];
  const ads = ids.map((id): Creative => {
    const [before, now] = [previous.find((a) => a.ad_id === id), current.find((a) => a.ad_id === id)];
    const name = ((now ?? before)?.ad_name ?? id).slice(0, 100);
    const test =
      before && now
        ? rateTest(
            "ctr",
            "clicks / impressions",
            { successes: before.clicks, trials: before.impressions },
            { successes: now.clicks, trials: now.impressions },
          )
        : null;
    const fatigued = Boolean(test?.significant && test.difference_pp < 0);
    return {
      ad_id: id,
      ad_name: name,
      previous: before ? creativeWindow(before) : null,
      current: now ? creativeWindow(now) : null,
      ctr_test: test && {
        difference_pp: test.difference_pp,
        interval_pp: test.interval_pp,
        p_value: test.p_value,
        significant: test.significant,
      },
      fatigued,
      finding: finding(test, fatigued, before, now),
    };
  });
  const noReach = [...previous, ...current].some((a) => a.reach === null);
  return {
    method: TWO_PROPORTION_METHOD,
    rule: FATIGUE_RULE,
    frequency_formula: FREQUENCY_FORMULA,
    ads: ads.slice(0, 50),
    note: noReach ? "frequency not available: the report gives no reach for some ads" : "",
  };
}

/** The per-creative view when the source cannot give per-ad rows: said, never guessed. */
export function creativeFatigueUnavailable(reason: string): CreativeFatigue {
  return {
    method: TWO_PROPORTION_METHOD,
    rule: FATIGUE_RULE,
    frequency_formula: FREQUENCY_FORMULA,
    ads: [],
    note: `per-creative fatigue not available: ${reason}`.slice(0, 300),
  };
}

function creativeWindow(row: AdCreativeRow) {
  return {
    impressions: row.impressions,
    clicks: row.clicks,
    ctr_pct: round2(ratio(row.clicks, row.impressions) * 100),
    frequency: row.reach === null || row.reach === 0 ? null : round2(row.impressions / row.reach),
  };
}

function finding(
  test: RateTest | null,
  fatigued: boolean,
  before: AdCreativeRow | undefined,
  now: AdCreativeRow | undefined,
): string {
  if (!before) return "new in the last window: nothing to compare yet";
  if (!now) return "no delivery in the last window";
  if (!test) return "no impressions in a window: nothing to compare";
  if (fatigued) return `fatigued: ${describe(test)}; replace or refresh this creative`;
  if (test.significant) return `improving: ${describe(test)}`;
  return `holding: ${describe(test)}, within noise`;
}
