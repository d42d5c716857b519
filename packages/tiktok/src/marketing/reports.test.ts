import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { TikTokApiError } from "../errors.ts";
import { createTikTokClient, type TikTokCallRecord } from "../http-client.ts";
import { startTikTokStub, type TikTokStub } from "../testing/index.ts";
import { addUtcDays, utcDay } from "../utc-day.ts";
import { marketingCampaignCreate } from "./endpoints.ts";
import {
  CAMPAIGN_REPORT_METRICS,
  dayChunks,
  getAdReport,
  getCampaignBudget,
  getCampaignReport,
  reportIntegratedGet,
} from "./reports.ts";

let stub: TikTokStub;
let records: TikTokCallRecord[];
let client: ReturnType<typeof createTikTokClient>;
let today: string;
const ADVERTISER = "7001234567890";

beforeEach(async () => {
  stub = await startTikTokStub();
  records = [];
  today = utcDay(new Date(stub.account.now * 1000));
  const token = stub.issueAccessToken();
  client = createTikTokClient({
    baseUrl: stub.url,
    credentials: { accessToken: () => token },
    record: (c) => records.push(c),
  });
});
afterEach(() => stub.close());

const report = (campaignId: string, days: number, pageSize?: number) =>
  getCampaignReport(client, {
    advertiserId: ADVERTISER,
    campaignId,
    days,
    pageSize,
    now: () => new Date(stub.account.now * 1000),
  });

/** The stub's own rows for a range, newest first, read straight from the endpoint. */
async function rawRows(campaignId: string, start: string, end: string) {
  const reply = await client.call(reportIntegratedGet, {
    query: {
      advertiser_id: ADVERTISER,
      report_type: "BASIC",
      data_level: "AUCTION_CAMPAIGN",
      dimensions: JSON.stringify(["campaign_id", "stat_time_day"]),
      metrics: JSON.stringify(CAMPAIGN_REPORT_METRICS),
      filtering: JSON.stringify([
        { field_name: "campaign_ids", filter_type: "IN", filter_value: JSON.stringify([campaignId]) },
      ]),
      start_date: start,
      end_date: end,
      page_size: 1000,
    },
  });
  return reply.list;
}

describe("campaign reports from report/integrated/get", () => {
  it("sends a 75-day range as three requests of at most 30 days, oldest chunk first", async () => {
    await report("1800000000000001", 75);
    const ranges = records.map((r) => [r.params.start_date, r.params.end_date]);
    expect(ranges).toEqual([
      [addUtcDays(today, -74), addUtcDays(today, -45)],
      [addUtcDays(today, -44), addUtcDays(today, -15)],
      [addUtcDays(today, -14), today],
    ]);
  });

  it("sends TikTok's parameters, arrays and filters JSON-encoded", async () => {
    await report("1800000000000001", 7);
    expect(records[0]?.params).toEqual({
      advertiser_id: ADVERTISER,
      report_type: "BASIC",
      data_level: "AUCTION_CAMPAIGN",
      dimensions: '["campaign_id","stat_time_day"]',
      metrics: '["spend","impressions","clicks","conversion","video_watched_2s","video_watched_6s"]',
      filtering:
        '[{"field_name":"campaign_ids","filter_type":"IN","filter_value":"[\\"1800000000000001\\"]"}]',
      start_date: addUtcDays(today, -6),
      end_date: today,
      page: 1,
      page_size: 1000,
    });
  });

  it("maps string metrics to numbers, one row per day, oldest first", async () => {
    const rows = await report("1800000000000001", 14);
    const raw = await rawRows("1800000000000001", addUtcDays(today, -13), today);
    expect(rows).toHaveLength(raw.length);
    expect(rows.map((r) => r.stat_date)).toEqual([...rows.map((r) => r.stat_date)].sort());
    expect(new Set(rows.map((r) => r.stat_date)).size).toBe(rows.length);
    const last = raw[0];
    expect(rows.at(-1)).toEqual({
      stat_date: last?.dimensions.stat_time_day.slice(0, 10),
      spend: Number(last?.metrics.spend),
      impressions: Number(last?.metrics.impressions),
      clicks: Number(last?.metrics.clicks),
      conversion: Number(last?.metrics.conversion),
      video_watched_2s: Number(last?.metrics.video_watched_2s),
      video_watched_6s: Number(last?.metrics.video_watched_6s),
    });
    expect(typeof rows[0]?.spend).toBe("number");
  });

  it("leaves out days without delivery rather than inventing zero rows", async () => {
    const rows = await report("1800000000000001", 60);
    const launched = rows[0]?.stat_date ?? today;
    const days = Math.round((Date.parse(today) - Date.parse(launched)) / 86_400_000) + 1;
    expect(rows.length).toBeLessThan(days);
    expect(rows.every((r) => r.spend > 0 && r.impressions > 0)).toBe(true);
  });

  it("reads every page of a chunk", async () => {
    const paged = await report("1800000000000002", 30, 10);
    const pages = records.map((r) => r.params.page);
    expect(paged.length).toBeGreaterThan(10);
    expect(pages).toEqual([1, 2, 3].slice(0, Math.ceil(paged.length / 10)));
    records = [];
    expect(await report("1800000000000002", 30)).toEqual(paged);
  });

  it("relies on chunking: TikTok refuses a daily range over 30 days with an error in HTTP 200", async () => {
    const error = await rawRows("1800000000000001", addUtcDays(today, -30), today).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TikTokApiError);
    expect(error).toMatchObject({ code: "40002", status: 200 });
  });
});

describe("ad reports from report/integrated/get at AUCTION_AD", () => {
  const range = () => ({ start_date: addUtcDays(today, -7), end_date: addUtcDays(today, -1) });
  const ads = (campaignId: string) =>
    getAdReport(client, { advertiserId: ADVERTISER, campaignId, ...range() });

  it("asks for one row per ad over the range, by ad_id alone, with reach", async () => {
    await ads("1800000000000001");
    expect(records[0]?.params).toMatchObject({
      data_level: "AUCTION_AD",
      dimensions: '["ad_id"]',
      metrics: '["ad_name","spend","impressions","clicks","reach"]',
      start_date: range().start_date,
      end_date: range().end_date,
    });
  });

  it("maps each ad's string metrics to numbers, summing to the campaign's days", async () => {
    const rows = await ads("1800000000000001");
    const days = (await report("1800000000000001", 8)).filter((r) => r.stat_date < today);
    expect(rows.map((r) => r.ad_name)).toEqual(["Hook: before / after", "UGC testimonial", "15-second demo"]);
    const impressions = rows.reduce((sum, r) => sum + r.impressions, 0);
    expect(impressions).toBeLessThanOrEqual(days.reduce((sum, d) => sum + d.impressions, 0));
    expect(impressions).toBeGreaterThan(days.reduce((sum, d) => sum + d.impressions, 0) - 3 * days.length);
    for (const row of rows) expect(row.reach).toBeLessThan(row.impressions);
  });
});

describe("a campaign's budget from campaign/get", () => {
  it("reads the budget and its mode of the campaign asked for, and null for an unknown one", async () => {
    const body = (name: string, budget: number) => ({
      advertiser_id: ADVERTISER,
      campaign_name: name,
      objective_type: "TRAFFIC",
      budget_mode: "BUDGET_MODE_DAY",
      budget,
    });
    await client.call(marketingCampaignCreate, { body: body("first", 60) });
    const { campaign_id } = await client.call(marketingCampaignCreate, { body: body("second", 80) });
    const budget = await getCampaignBudget(client, { advertiserId: ADVERTISER, campaignId: campaign_id });
    expect(budget).toEqual({ budget_mode: "BUDGET_MODE_DAY", budget: 80 });
    expect(await getCampaignBudget(client, { advertiserId: ADVERTISER, campaignId: "404" })).toBeNull();
  });
});

describe("dayChunks", () => {
  it("cuts a range into consecutive pieces of at most the given length", () => {
    expect(dayChunks("2026-01-01", "2026-01-01", 30)).toEqual([{ start: "2026-01-01", end: "2026-01-01" }]);
    expect(dayChunks("2026-01-01", "2026-03-01", 30)).toEqual([
      { start: "2026-01-01", end: "2026-01-30" },
      { start: "2026-01-31", end: "2026-03-01" },
    ]);
    expect(dayChunks("2026-01-01", "2026-03-02", 30)).toHaveLength(3);
  });
});
