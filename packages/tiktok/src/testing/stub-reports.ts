import { REPORT_MAX_DAYS, REPORT_PAGE_MAX } from "../marketing/reports.ts";
import { addUtcDays, earlierDay, utcDay, utcDaysBetween } from "../utc-day.ts";
import type { BusinessAnswer } from "./stub-business.ts";
import { type StubAccount, stubNoise } from "./stub-data.ts";

const INVALID = 40002;
const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;
const invalid = (message: string): BusinessAnswer => ({ code: INVALID, message, data: {} });

/**
 * The stub's `GET /report/integrated/get/` for `AUCTION_CAMPAIGN` by `stat_time_day`: deterministic
 * rows per campaign and day from the campaign's launch (20 to 70 days before the stub's today) to
 * today, days without delivery left out as TikTok does; metrics as strings; ranges over 30 days
 * refused with code 40002 in an HTTP 200; paged by `page`/`page_size`.
 */
export function reportRoute(
  account: StubAccount,
  path: string,
  query: URLSearchParams,
): BusinessAnswer | undefined {
  if (path !== "/report/integrated/get/") return undefined;
  if (!query.get("advertiser_id")) return invalid("advertiser_id is required");
  if (query.get("report_type") !== "BASIC") return invalid("the stub serves report_type BASIC only");
  if (query.get("data_level") === "AUCTION_AD") return adReport(account, query);
  if (query.get("data_level") !== "AUCTION_CAMPAIGN")
    return invalid("the stub serves data_level AUCTION_CAMPAIGN and AUCTION_AD only");
  const dimensions = jsonArray(query.get("dimensions"));
  const metrics = jsonArray(query.get("metrics"));
  if (!dimensions?.includes("stat_time_day") || !dimensions.includes("campaign_id"))
    return invalid("dimensions must be a JSON array holding campaign_id and stat_time_day");
  if (!metrics?.every((m) => typeof m === "string")) return invalid("metrics must be a JSON array");
  const start = query.get("start_date") ?? "";
  const end = query.get("end_date") ?? "";
  if (!DAY_RE.test(start) || !DAY_RE.test(end))
    return invalid("start_date and end_date are required as YYYY-MM-DD");
  if (start > end) return invalid("start_date must not be after end_date");
  if (utcDaysBetween(start, end) + 1 > REPORT_MAX_DAYS)
    return invalid(`The time range between start_date and end_date cannot exceed ${REPORT_MAX_DAYS} days`);
  const campaignIds = campaignFilter(query.get("filtering"));
  if (campaignIds instanceof Error) return invalid(campaignIds.message);
  const page = Number(query.get("page") ?? 1);
  const pageSize = Number(query.get("page_size") ?? 10);
  if (!Number.isInteger(page) || page < 1) return invalid("page must be a positive integer");
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > REPORT_PAGE_MAX)
    return invalid(`page_size must be from 1 to ${REPORT_PAGE_MAX}`);

  const today = utcDay(new Date(account.now * 1000));
  const rows = campaignIds.flatMap((campaignId) =>
    campaignRows(campaignId, start, earlierDay(end, today), today),
  );
  // TikTok does not promise an order; the stub answers newest first so a client must sort.
  rows.sort((a, b) => b.dimensions.stat_time_day.localeCompare(a.dimensions.stat_time_day));
  const list = rows
    .slice((page - 1) * pageSize, page * pageSize)
    .map((row) => ({ dimensions: row.dimensions, metrics: pick(row.metrics, metrics as string[]) }));
  return {
    code: 0,
    message: "OK",
    data: {
      list,
      page_info: {
        page,
        page_size: pageSize,
        total_number: rows.length,
        total_page: Math.ceil(rows.length / pageSize),
      },
    },
  };
}

/** Ads of each stub campaign: three creatives, the first wearing out over the last 14 days. */
const STUB_ADS = ["Hook: before / after", "UGC testimonial", "15-second demo"] as const;

/**
 * `AUCTION_AD` by `ad_id` alone over the range: each campaign's daily rows split between its three
 * ads, summed, with reach counted once over the range (so frequency = impressions / reach grows with
 * the range, fastest for the worn creative). Only BASIC and a campaign_ids filter, as for campaigns.
 */
function adReport(account: StubAccount, query: URLSearchParams): BusinessAnswer {
  const dimensions = jsonArray(query.get("dimensions"));
  if (dimensions?.length !== 1 || dimensions[0] !== "ad_id")
    return invalid('the stub serves AUCTION_AD by dimensions ["ad_id"] only');
  const metrics = jsonArray(query.get("metrics"));
  if (!metrics?.every((m) => typeof m === "string")) return invalid("metrics must be a JSON array");
  const start = query.get("start_date") ?? "";
  const end = query.get("end_date") ?? "";
  if (!DAY_RE.test(start) || !DAY_RE.test(end) || start > end)
    return invalid("start_date and end_date are required as YYYY-MM-DD, start first");
  const campaignIds = campaignFilter(query.get("filtering"));
  if (campaignIds instanceof Error) return invalid(campaignIds.message);
  const today = utcDay(new Date(account.now * 1000));
  const list = campaignIds.flatMap((campaignId) => {
    const days = campaignRows(campaignId, start, earlierDay(end, today), today);
    return STUB_ADS.map((name, i) => {
      let [spend, impressions, clicks] = [0, 0, 0];
      for (const day of days) {
        const worn =
          i === 0
            ? Math.max(0, 1 - utcDaysBetween(day.dimensions.stat_time_day.slice(0, 10), today) / 14)
            : 0;
        const dayImpressions = Math.floor(Number(day.metrics.impressions) / 3);
        impressions += dayImpressions;
        spend += Number(day.metrics.spend) / 3;
        clicks += Math.round(
          dayImpressions *
            (Number(day.metrics.clicks) / Number(day.metrics.impressions)) *
            (1.2 - 0.6 * worn),
        );
      }
      const frequency = 1 + 0.07 * days.length * (i === 0 ? 2.5 : 1);
      const all: Record<string, string> = {
        ad_name: name,
        spend: spend.toFixed(2),
        impressions: String(impressions),
        clicks: String(clicks),
        reach: String(Math.round(impressions / frequency)),
      };
      return { dimensions: { ad_id: `${campaignId}${i + 1}` }, metrics: pick(all, metrics as string[]) };
    });
  });
  return {
    code: 0,
    message: "OK",
    data: { list, page_info: { page: 1, page_size: list.length, total_number: list.length, total_page: 1 } },
  };
}

/**
 * A campaign spending about 50 a day at a CPM of 6 to 9, 0.8–1.4% CTR, 3% of clicks converting,
 * 30% of impressions watched 2 s and 45% of those 6 s. Every 13th-ish day has no delivery.
 */
function campaignRows(campaignId: string, start: string, end: string, today: string) {
  const launch = addUtcDays(today, -(20 + Math.floor(stubNoise(`launch:${campaignId}`) * 51)));
  const rows = [];
  for (let day = start > launch ? start : launch; day <= end; day = addUtcDays(day, 1)) {
    const noise = (name: string) => stubNoise(`${name}:${campaignId}:${day}`);
    if (noise("idle") < 0.075) continue;
    const spend = Math.round((42 + noise("spend") * 8) * 100) / 100;
    const impressions = Math.round((spend / (6 + noise("cpm") * 3)) * 1000);
    const clicks = Math.round(impressions * (0.008 + noise("ctr") * 0.006));
    const watched2s = Math.round(impressions * 0.3);
    rows.push({
      dimensions: { campaign_id: campaignId, stat_time_day: `${day} 00:00:00` },
      metrics: {
        spend: spend.toFixed(2),
        impressions: String(impressions),
        clicks: String(clicks),
        conversion: String(Math.round(clicks * 0.03)),
        video_watched_2s: String(watched2s),
        video_watched_6s: String(Math.round(watched2s * 0.45)),
        ctr: ((clicks / impressions) * 100).toFixed(2),
      },
    });
  }
  return rows;
}

/** Campaign ids from `[{ field_name: "campaign_ids", filter_type: "IN", filter_value: "[\"1\"]" }]`. */
function campaignFilter(raw: string | null): string[] | Error {
  const filters = jsonArray(raw);
  if (!filters) return new Error("the stub needs filtering by campaign_ids");
  for (const filter of filters) {
    const f = filter as { field_name?: unknown; filter_type?: unknown; filter_value?: unknown };
    if (f.field_name !== "campaign_ids" || f.filter_type !== "IN" || typeof f.filter_value !== "string")
      continue;
    const ids = jsonArray(f.filter_value);
    if (ids?.every((id) => typeof id === "string")) return ids as string[];
    return new Error("filter_value of an IN filter must be a JSON array string");
  }
  return new Error("the stub needs filtering by campaign_ids");
}

function jsonArray(raw: string | null): unknown[] | undefined {
  if (raw === null) return undefined;
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function pick(record: Record<string, string>, fields: readonly string[]): Record<string, string> {
  return Object.fromEntries(
    fields.flatMap((field) => (field in record ? [[field, record[field] as string]] : [])),
  );
}
