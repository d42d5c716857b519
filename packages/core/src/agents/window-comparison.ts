import { z } from "zod";
import type { AdReportRow, TikTokVideo } from "../data/provider.ts";
import * as m from "./metrics.ts";

export const organicWindowSchema = z.object({
  posts: z.number().int().nonnegative(),
  views: z.number().int().nonnegative(),
  mean_views: z.number(),
  engagement_rate: z.number(),
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
  engagement_rate: "Σ(likes + comments + shares + saves) / Σ views × 100",
};

/** The formulas as they apply to these videos: without saves when the source does not give them. */
export function organicFormulas(videos: readonly TikTokVideo[]): Record<keyof OrganicWindow, string> {
  if (m.savesKnown(videos)) return ORGANIC_FORMULAS;
  return {
    ...ORGANIC_FORMULAS,
    engagement_rate: `Σ(likes + comments + shares) / Σ views × 100; saves ${m.NOT_AVAILABLE}`,
  };
}

export const AD_FORMULAS: Record<keyof AdWindow, string> = {
  spend_usd: "Σ spend",
  impressions: "Σ impressions",
  clicks: "Σ clicks",
  conversions: "Σ conversion",
  cpm_usd: m.cpm(EMPTY_TOTALS).formula,
  ctr_pct: m.ctr(EMPTY_TOTALS).formula,
  cpc_usd: m.cpc(EMPTY_TOTALS).formula,
  hook_rate_pct: m.hookRate(EMPTY_TOTALS).formula,
  hold_rate_pct: m.holdRate(EMPTY_TOTALS).formula,
};

/** Organic results of the videos posted in one window. */
export function organicWindow(videos: readonly TikTokVideo[]): OrganicWindow {
  return {
    posts: videos.length,
    views: videos.reduce((sum, v) => sum + v.view_count, 0),
    mean_views: m.meanViews(videos).value,
    engagement_rate: m.engagementRateByViews(videos).value,
  };
}

/** Ad results of one window of daily report rows. */
export function adWindow(rows: readonly AdReportRow[]): AdWindow {
  const totals = m.sumAdRows(rows);
  return {
    spend_usd: totals.spend,
    impressions: totals.impressions,
    clicks: totals.clicks,
    conversions: totals.conversion,
    cpm_usd: m.cpm(totals).value,
    ctr_pct: m.ctr(totals).value,
    cpc_usd: m.cpc(totals).value,
    hook_rate_pct: m.hookRate(totals).value,
    hold_rate_pct: m.holdRate(totals).value,
  };
}

/** Change of every field between windows, in %; null where the previous window had nothing. */
export function changeOf<T extends object>(current: T, previous: T): { [K in keyof T]: number | null } {
  const change = {} as { [K in keyof T]: number | null };
  for (const key of Object.keys(current) as (keyof T)[])
    change[key] = m.changePct(current[key] as number, previous[key] as number);
  return change;
}
