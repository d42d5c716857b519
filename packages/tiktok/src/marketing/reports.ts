import type { AdCreativeRow, AdReportRow, CampaignBudget, DayRange } from "@tiktok-army/core";
import { z } from "zod";
import { defineEndpoint } from "../endpoint.ts";
import type { TikTokClient } from "../http-client.ts";
import { addUtcDays, utcDay, utcDaysBetween } from "../utc-day.ts";

/** Metrics of a campaign report, in `AdReportRow`'s names (which are TikTok's); the schema below lists the same. */
export const CAMPAIGN_REPORT_METRICS = [
  "spend",
  "impressions",
  "clicks",
  "conversion",
  "video_watched_2s",
  "video_watched_6s",
] as const;

/** The longest day range `report/integrated/get` accepts with a daily dimension. */
export const REPORT_MAX_DAYS = 30;
/** The largest page TikTok serves. */
export const REPORT_PAGE_MAX = 1000;

/** TikTok sends metrics as strings (`"12.50"`, `"4032"`); anything else (e.g. `"-"`) is a shape error. */
const amount = z
  .union([z.number().nonnegative(), z.string().regex(/^\d+(\.\d+)?$/, "expected a non-negative decimal")])
  .transform(Number);
const count = z
  .union([z.number().int().nonnegative(), z.string().regex(/^\d+$/, "expected a whole number")])
  .transform(Number);

const reportRowSchema = z.object({
  dimensions: z.object({
    campaign_id: z.string(),
    /** `YYYY-MM-DD HH:MM:SS`, the day in the advertiser's time zone. */
    stat_time_day: z.string().regex(/^\d{4}-\d{2}-\d{2}/, "expected a date"),
  }),
  metrics: z.object({
    spend: amount,
    impressions: count,
    clicks: count,
    conversion: count,
    video_watched_2s: count,
    video_watched_6s: count,
  }),
});

/** `GET /open_api/v1.3/report/integrated/get/`: a synchronous report, array and object params JSON-encoded. */
export const reportIntegratedGet = defineEndpoint({
  style: "business",
  method: "GET",
  path: "/open_api/v1.3/report/integrated/get/",
  data: z.object({
    list: z.array(reportRowSchema),
    page_info: z.object({
      page: z.number().int(),
      page_size: z.number().int(),
      total_number: z.number().int(),
      total_page: z.number().int(),
    }),
  }),
  itemsRead: (data) => data.list.length,
});

export interface CampaignReportRequest {
  advertiserId: string;
  campaignId: string;
  /** Days up to and including today (UTC), like the port's `days`. */
  days: number;
  now?: () => Date;
  /** Rows per page; TikTok's maximum by default, so a 30-day chunk is one request. */
  pageSize?: number;
}

/**
 * Daily metrics of one campaign, oldest first, one row per day. The range is sent in chunks of at
 * most 30 days (TikTok refuses longer daily ranges), each paged to the end. TikTok leaves out days
 * without delivery; so do we (a missing day is not a zero row we made up, and window sums agree).
 * @example
 * const rows = await getCampaignReport(marketing, { advertiserId, campaignId: "1800", days: 14 });
 */
export async function getCampaignReport(
  client: TikTokClient,
  request: CampaignReportRequest,
): Promise<AdReportRow[]> {
  const { days } = request;
  if (!Number.isInteger(days) || days < 1)
    throw new RangeError(`days must be a positive integer, got ${days}`);
  const end = utcDay((request.now ?? (() => new Date()))());
  const start = addUtcDays(end, 1 - days);
  const byDay = new Map<string, AdReportRow>();
  for (const chunk of dayChunks(start, end, REPORT_MAX_DAYS)) {
    for (let page = 1, totalPages = 1; page <= totalPages; page++) {
      const reply = await client.call(reportIntegratedGet, {
        query: {
          advertiser_id: request.advertiserId,
          report_type: "BASIC",
          data_level: "AUCTION_CAMPAIGN",
          dimensions: JSON.stringify(["campaign_id", "stat_time_day"]),
          metrics: JSON.stringify(CAMPAIGN_REPORT_METRICS),
          filtering: oneCampaign(request.campaignId),
          start_date: chunk.start,
          end_date: chunk.end,
          page,
          page_size: request.pageSize ?? REPORT_PAGE_MAX,
        },
      });
      totalPages = reply.page_info.total_page;
      for (const row of reply.list) {
        if (row.dimensions.campaign_id !== request.campaignId) continue;
        const statDate = row.dimensions.stat_time_day.slice(0, 10);
        byDay.set(statDate, { stat_date: statDate, ...row.metrics });
      }
    }
  }
  return [...byDay.values()].sort((a, b) => a.stat_date.localeCompare(b.stat_date));
}

/** `[start, end]` cut into consecutive ranges of at most `max` days, oldest first. */
export function dayChunks(start: string, end: string, max: number): { start: string; end: string }[] {
  const chunks: { start: string; end: string }[] = [];
  for (let from = start; utcDaysBetween(from, end) >= 0; from = addUtcDays(from, max)) {
    const to = addUtcDays(from, max - 1);
    chunks.push({ start: from, end: utcDaysBetween(to, end) < 0 ? end : to });
  }
  return chunks;
}

/** Metrics of an ad report: `ad_name` is an attribute metric, `reach` counts people once over the range. */
export const AD_REPORT_METRICS = ["ad_name", "spend", "impressions", "clicks", "reach"] as const;

/** Reach is estimated and not served for every ad type: anything but a count is "not available". */
const optionalCount = z.unknown().transform((value) => {
  const parsed = count.safeParse(value);
  return parsed.success ? parsed.data : null;
});

const adReportRowSchema = z.object({
  dimensions: z.object({ ad_id: z.string() }),
  metrics: z.object({
    ad_name: z.string().optional(),
    spend: amount,
    impressions: count,
    clicks: count,
    reach: optionalCount,
  }),
});

/** The same endpoint at `AUCTION_AD` by `ad_id` alone: one row per ad over the whole range. */
export const adReportIntegratedGet = defineEndpoint({
  style: "business",
  method: "GET",
  path: "/open_api/v1.3/report/integrated/get/",
  data: z.object({
    list: z.array(adReportRowSchema),
    page_info: z.object({ page: z.number().int(), total_page: z.number().int() }),
  }),
  itemsRead: (data) => data.list.length,
});

export interface AdReportRequest extends DayRange {
  advertiserId: string;
  campaignId: string;
  pageSize?: number;
}

/**
 * Each ad of one campaign summed over `start_date`–`end_date` (inclusive, the advertiser's days),
 * every page read. No day dimension, so TikTok counts reach once over the range.
 * @example
 * const ads = await getAdReport(marketing, { advertiserId, campaignId: "1800", start_date: "2026-10-25", end_date: "2026-10-31" });
 */
export async function getAdReport(client: TikTokClient, request: AdReportRequest): Promise<AdCreativeRow[]> {
  if (utcDaysBetween(request.start_date, request.end_date) < 0)
    throw new RangeError(
      `start_date must not be after end_date, got ${request.start_date} to ${request.end_date}`,
    );
  const byAd = new Map<string, AdCreativeRow>();
  for (let page = 1, totalPages = 1; page <= totalPages; page++) {
    const reply = await client.call(adReportIntegratedGet, {
      query: {
        advertiser_id: request.advertiserId,
        report_type: "BASIC",
        data_level: "AUCTION_AD",
        dimensions: JSON.stringify(["ad_id"]),
        metrics: JSON.stringify(AD_REPORT_METRICS),
        filtering: oneCampaign(request.campaignId),
        start_date: request.start_date,
        end_date: request.end_date,
        page,
        page_size: request.pageSize ?? REPORT_PAGE_MAX,
      },
    });
    totalPages = reply.page_info.total_page;
    for (const { dimensions, metrics } of reply.list)
      byAd.set(dimensions.ad_id, {
        ad_id: dimensions.ad_id,
        ad_name: metrics.ad_name ?? dimensions.ad_id,
        spend: metrics.spend,
        impressions: metrics.impressions,
        clicks: metrics.clicks,
        reach: metrics.reach,
      });
  }
  return [...byAd.values()].filter((ad) => ad.impressions > 0);
}

/** `GET /open_api/v1.3/campaign/get/` read for the budget: `budget_mode` says whether `budget` is daily. */
export const campaignBudgetGet = defineEndpoint({
  style: "business",
  method: "GET",
  path: "/open_api/v1.3/campaign/get/",
  data: z.object({
    list: z.array(
      z.object({ campaign_id: z.string(), budget_mode: z.string(), budget: z.number().nonnegative() }),
    ),
  }),
  itemsRead: (data) => data.list.length,
});

/** The campaign's budget and its mode, or null when the advertiser has no such campaign. */
export async function getCampaignBudget(
  client: TikTokClient,
  request: { advertiserId: string; campaignId: string },
): Promise<CampaignBudget | null> {
  const { list } = await client.call(campaignBudgetGet, {
    query: {
      advertiser_id: request.advertiserId,
      filtering: JSON.stringify({ campaign_ids: [request.campaignId] }),
      fields: JSON.stringify(["campaign_id", "budget_mode", "budget"]),
    },
  });
  const campaign = list.find((c) => c.campaign_id === request.campaignId);
  return campaign ? { budget_mode: campaign.budget_mode, budget: campaign.budget } : null;
}

/** `/report/integrated/get/`'s filter for one campaign's rows. */
function oneCampaign(campaignId: string): string {
  return JSON.stringify([
    { field_name: "campaign_ids", filter_type: "IN", filter_value: JSON.stringify([campaignId]) },
  ]);
}
