import { z } from "zod";
import type { AdReportRow, TikTokVideo } from "../data/provider.ts";
import * as m from "./metrics.ts";

export const organicWindowSchema = z.object({
  posts: z.number().int().nonnegative(),
  views: z.number().int().nonnegative(),
  mean_views: z.number(),
  /** Median per post, without saves: the audit's definition, so the two reports agree. */
  engagement_rate: z.number(),
  /** Median saves / views per post; null when the source gives no saves. */
  save_rate: z.number().nullable(),
});
export type OrganicWindow = z.infer<typeof organicWindowSchema>;

export const adWindowSchema = z.object({
  spend_usd: z.number(),
  impressions: z.number().int().nonnegative(),
  clicks: z.number().int().nonnegative(),
  conversions: z.number().int().nonnegative(),
  cpm_usd: z.number(),
  ctr_pct: z.number(),
  cpc_usd: z.number(),
  /** Cost per conversion; null without conversions. */
  cpa_usd: z.number().nullable(),
  conversion_rate_pct: z.number(),
  hook_rate_pct: z.number(),
  hold_rate_pct: z.number(),
});
export type AdWindow = z.infer<typeof adWindowSchema>;

/** The fields of a window, each as a % change between windows, or null where the previous had nothing. */
export function changeSchema<S extends z.ZodRawShape>(window: z.ZodObject<S>) {
  const shape = Object.fromEntries(Object.keys(window.shape).map((key) => [key, z.number().nullable()]));
  return z.object(shape as { [K in keyof S]: z.ZodNullable<z.ZodNumber> });
}

const EMPTY_TOTALS: m.AdTotals = {
  spend: 0,
  impressions: 0,
  clicks: 0,
  conversion: 0,
  video_watched_2s: 0,
  video_watched_6s: 0,
};

export const ORGANIC_FORMULAS: Record<keyof OrganicWindow, string> = {
  posts: "videos posted in the window",
  views: "Σ views of those videos",
  mean_views: "Σ views / posts",
  engagement_rate: `median per post of (${m.ENGAGEMENT_TERMS}) / views × 100, posts with views; saves excluded (see save rate)`,
  save_rate: "median per post of saves / views × 100, posts with views",
};

/** The formulas as they apply to these videos: the save rate is not available when the source gives no saves. */
export function organicFormulas(videos: readonly TikTokVideo[]): Record<keyof OrganicWindow, string> {
  if (m.savesKnown(videos)) return ORGANIC_FORMULAS;
  return { ...ORGANIC_FORMULAS, save_rate: `${ORGANIC_FORMULAS.save_rate}; saves ${m.NOT_AVAILABLE}` };
}

export const AD_FORMULAS: Record<keyof AdWindow, string> = {
  spend_usd: "Σ spend",
  impressions: "Σ impressions",
  clicks: "Σ clicks",
  conversions: "Σ conversion",
  cpm_usd: m.cpm(EMPTY_TOTALS).formula,
  ctr_pct: m.ctr(EMPTY_TOTALS).formula,
  cpc_usd: m.cpc(EMPTY_TOTALS).formula,
  cpa_usd: "spend / conversions",
  conversion_rate_pct: "conversions / clicks × 100",
  hook_rate_pct: m.hookRate(EMPTY_TOTALS).formula,
  hold_rate_pct: m.holdRate(EMPTY_TOTALS).formula,
};

/** Organic results of the videos posted in one window, unrounded: changes are computed from these. */
export function organicWindowExact(videos: readonly TikTokVideo[]): OrganicWindow {
  const views = videos.reduce((sum, v) => sum + v.view_count, 0);
  const viewed = videos.filter((v) => v.view_count > 0);
  return {
    posts: videos.length,
    views,
    mean_views: m.ratio(views, videos.length),
    engagement_rate: m.median(viewed.map(m.postEngagementRate)),
    save_rate: m.savesKnown(viewed)
      ? m.median(viewed.map((v) => m.ratio(v.save_count ?? 0, v.view_count) * 100))
      : null,
  };
}

/** Organic results of the videos posted in one window, rounded for display. */
export function organicWindow(videos: readonly TikTokVideo[]): OrganicWindow {
  return roundWindow(organicWindowExact(videos));
}

/** Ad results of one window of daily report rows, unrounded: changes are computed from these. */
export function adWindowExact(rows: readonly AdReportRow[]): AdWindow {
  const t = m.sumAdRows(rows);
  return {
    spend_usd: t.spend,
    impressions: t.impressions,
    clicks: t.clicks,
    conversions: t.conversion,
    cpm_usd: m.ratio(t.spend, t.impressions) * 1000,
    ctr_pct: m.ratio(t.clicks, t.impressions) * 100,
    cpc_usd: m.ratio(t.spend, t.clicks),
    cpa_usd: t.conversion === 0 ? null : t.spend / t.conversion,
    conversion_rate_pct: m.ratio(t.conversion, t.clicks) * 100,
    hook_rate_pct: m.ratio(t.video_watched_2s, t.impressions) * 100,
    hold_rate_pct: m.ratio(t.video_watched_6s, t.impressions) * 100,
  };
}

/** Ad results of one window of daily report rows, rounded for display. */
export function adWindow(rows: readonly AdReportRow[]): AdWindow {
  return roundWindow(adWindowExact(rows));
}

/**
 * Both windows rounded for display, and the change of every field computed from the unrounded values
 * (rounding first turns a CTR of 1.004% → 1.016% into +2% instead of +1.2%).
 */
export function compareWindows<T extends object>(current: T, previous: T) {
  return {
    current: roundWindow(current),
    previous: roundWindow(previous),
    change_pct: changeOf(current, previous),
  };
}

/** Change of every field between windows, in % (rounded to 2 decimals); null where either side has nothing. */
export function changeOf<T extends object>(current: T, previous: T): { [K in keyof T]: number | null } {
  const change = {} as { [K in keyof T]: number | null };
  for (const key of Object.keys(current) as (keyof T)[]) {
    const [now, before] = [current[key] as number | null, previous[key] as number | null];
    change[key] = now === null || before === null ? null : m.changePct(now, before);
  }
  return change;
}

function roundWindow<T extends object>(window: T): T {
  const rounded = {} as Record<string, unknown>;
  for (const [key, value] of Object.entries(window))
    rounded[key] = typeof value === "number" ? m.round2(value) : value;
  return rounded as T;
}
