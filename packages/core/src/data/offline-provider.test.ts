import { describe, expect, it } from "vitest";
import { TIKTOK_CATEGORIES } from "./offline-catalog.ts";
import { createOfflineProvider } from "./offline-provider.ts";
import {
  adCreativeRowSchema,
  adReportRowSchema,
  followerSnapshotSchema,
  tiktokProfileSchema,
  tiktokVideoSchema,
  trendSchema,
} from "./provider.ts";

const NOW = new Date("2026-11-01T12:00:00Z");
const NOW_SECONDS = NOW.getTime() / 1000;
const DAY = 86_400;
const provider = createOfflineProvider({ now: () => NOW });
const HANDLES = Array.from({ length: 40 }, (_, i) => `account_${i}`);

describe("offline profiles", () => {
  it("gives the same account for the same handle, whatever its case or @", async () => {
    const again = createOfflineProvider({ now: () => NOW });
    expect(await again.getProfile("glowwithmia")).toEqual(await provider.getProfile("glowwithmia"));
    expect(await provider.getProfile("@GlowWithMia")).toEqual(await provider.getProfile("glowwithmia"));
  });

  it("gives different accounts for different handles", async () => {
    const a = await provider.getProfile("glowwithmia");
    const b = await provider.getProfile("fitwithtom");
    expect(a.follower_count).not.toBe(b.follower_count);
  });

  it("draws followers between 5K and 5M, niches from the list, US by default", async () => {
    const profiles = await Promise.all(HANDLES.map((h) => provider.getProfile(h)));
    for (const profile of profiles) {
      tiktokProfileSchema.parse(profile);
      expect(profile.follower_count).toBeGreaterThanOrEqual(5_000);
      expect(profile.follower_count).toBeLessThanOrEqual(5_000_000);
      expect(TIKTOK_CATEGORIES).toContain(profile.category);
      expect(profile.region).toBe("US");
    }
    expect(new Set(profiles.map((p) => p.category)).size).toBeGreaterThanOrEqual(5);
    expect(Math.max(...profiles.map((p) => p.video_count))).toBeGreaterThan(200);
  });
});

describe("offline videos", () => {
  it("returns the newest first, in the past, with the requested limit", async () => {
    const videos = await provider.listVideos("glowwithmia", { limit: 120 });
    expect(videos).toHaveLength(120);
    for (const [i, video] of videos.entries()) {
      tiktokVideoSchema.parse(video);
      expect(video.create_time).toBeLessThanOrEqual(NOW_SECONDS);
      if (i > 0) expect(video.create_time).toBeLessThan(videos[i - 1]?.create_time ?? 0);
    }
    expect(new Set(videos.map((v) => v.id)).size).toBe(120);
  });

  it("pages as prefixes: a smaller limit is the start of a larger one", async () => {
    const few = await provider.listVideos("glowwithmia", { limit: 20 });
    const many = await provider.listVideos("glowwithmia", { limit: 500 });
    expect(many.slice(0, 20)).toEqual(few);
    const profile = await provider.getProfile("glowwithmia");
    expect(many).toHaveLength(Math.min(500, profile.video_count));
  });

  it("rejects limits outside 1–500", async () => {
    await expect(provider.listVideos("glowwithmia", { limit: 0 })).rejects.toThrow(RangeError);
    await expect(provider.listVideos("glowwithmia", { limit: 501 })).rejects.toThrow(/limit/);
  });

  it("spreads posts over months at 1–6 a week, with some breaks over a week", async () => {
    let accountsWithBreaks = 0;
    for (const handle of HANDLES) {
      const videos = await provider.listVideos(handle, { limit: 60 });
      const oldest = videos.at(-1)?.create_time ?? NOW_SECONDS;
      const perWeek = videos.length / ((NOW_SECONDS - oldest) / DAY / 7);
      if (videos.length === 60) expect(perWeek).toBeGreaterThan(0.5);
      expect(perWeek).toBeLessThan(8);
      const intervals = videos.slice(1).map((v, i) => (videos[i]?.create_time ?? 0) - v.create_time);
      if (intervals.some((s) => s > 7 * DAY)) accountsWithBreaks++;
    }
    expect(accountsWithBreaks).toBeGreaterThan(HANDLES.length / 4);
  });

  it("has engagement as plausible rates of views, occasional viral hits and sane watch data", async () => {
    for (const handle of HANDLES.slice(0, 15)) {
      const videos = await provider.listVideos(handle, { limit: 120 });
      const views = videos.reduce((s, v) => s + v.view_count, 0);
      const engagement = videos.reduce(
        (s, v) => s + v.like_count + v.comment_count + v.share_count + (v.save_count ?? Number.NaN),
        0,
      );
      expect((engagement / views) * 100).toBeGreaterThan(2);
      expect((engagement / views) * 100).toBeLessThan(15);
      for (const video of videos) {
        expect(video.like_count).toBeLessThan(video.view_count + 1);
        expect(video.average_time_watched).toBeLessThanOrEqual(video.duration);
        // The offline demo fills every insight a business account would give.
        expect(video.full_video_watched_rate).not.toBeNull();
        expect(video.reach).not.toBeNull();
        const sources = Object.values(video.impression_sources ?? {}).reduce((s, v) => s + v, 0);
        expect(sources).toBeCloseTo(1, 2);
      }
    }
  });

  it("anchors dates to the clock: ten days later, every post is ten days older", async () => {
    const later = createOfflineProvider({ now: () => new Date(NOW.getTime() + 10 * DAY * 1000) });
    const before = await provider.listVideos("glowwithmia", { limit: 30 });
    const after = await later.listVideos("glowwithmia", { limit: 30 });
    expect(after.map((v) => v.create_time - 10 * DAY)).toEqual(before.map((v) => v.create_time));
    expect(after.map((v) => v.title)).toEqual(before.map((v) => v.title));
  });
});

describe("offline follower history", () => {
  it("has one snapshot a day, oldest first, ending today at the profile's follower count", async () => {
    const history = await provider.getFollowerHistory("glowwithmia", { days: 90 });
    const profile = await provider.getProfile("glowwithmia");
    expect(history).toHaveLength(90);
    for (const snapshot of history) followerSnapshotSchema.parse(snapshot);
    expect(history.at(-1)).toEqual({ date: "2026-11-01", follower_count: profile.follower_count });
    expect(history[0]?.date).toBe("2026-08-04");
  });

  it("grows 0–8% a month", async () => {
    for (const handle of HANDLES) {
      const history = await provider.getFollowerHistory(handle, { days: 91 });
      const first = history[0]?.follower_count ?? 0;
      const last = history.at(-1)?.follower_count ?? 0;
      const monthly = ((last / first) ** (30 / 90) - 1) * 100;
      expect(monthly).toBeGreaterThanOrEqual(-0.5);
      expect(monthly).toBeLessThanOrEqual(9);
    }
  });
});

describe("offline trends", () => {
  const query = { category: "beauty", region: "US", freshnessHours: 72 };

  it("returns fresh hashtags and sounds of the niche and region, the same for the same day", async () => {
    const trends = await provider.getTrends(query);
    expect(await createOfflineProvider({ now: () => NOW }).getTrends(query)).toEqual(trends);
    for (const trend of trends) {
      trendSchema.parse(trend);
      expect(trend.age_hours).toBeLessThanOrEqual(72);
      expect(trend).toMatchObject({ category: "beauty", region: "US" });
      if (trend.kind === "sound") expect(typeof trend.commercially_licensed).toBe("boolean");
    }
    expect(trends.some((t) => t.kind === "hashtag")).toBe(true);
    expect(trends.some((t) => t.kind === "sound")).toBe(true);
  });

  it("uses hashtags of the niche", async () => {
    const names = (await provider.getTrends({ ...query, freshnessHours: 240 })).map((t) => t.name);
    expect(names).toEqual(expect.arrayContaining(["skintok", "grwm"]));
  });

  it("spreads ages over 10 days and gives both windows' posts so velocity can be computed", async () => {
    const trends = await provider.getTrends({ ...query, freshnessHours: 720 });
    expect(Math.max(...trends.map((t) => t.age_hours))).toBeGreaterThan(150);
    expect(Math.max(...trends.map((t) => t.age_hours))).toBeLessThanOrEqual(240);
    expect(trends.some((t) => t.posts_current > t.posts_previous)).toBe(true);
    expect(trends.filter((t) => t.age_hours <= 12).length).toBeLessThan(trends.length);
  });

  it("differs by region", async () => {
    const us = await provider.getTrends({ ...query, freshnessHours: 240 });
    const gb = await provider.getTrends({ ...query, region: "GB", freshnessHours: 240 });
    expect(gb.every((t) => t.region === "GB")).toBe(true);
    expect(gb.map((t) => t.posts_current)).not.toEqual(us.map((t) => t.posts_current));
  });
});

describe("offline campaign reports", () => {
  it("has complete days, oldest first, ending yesterday", async () => {
    const rows = await provider.getCampaignReport("cmp_glowwithmia", { days: 14 });
    expect(rows).toHaveLength(14);
    for (const row of rows) adReportRowSchema.parse(row);
    expect(rows.at(-1)?.stat_date).toBe("2026-10-31");
    expect(rows[0]?.stat_date).toBe("2026-10-18");
  });

  it("keeps CPM within $4–12 and CTR within 0.5–2%", async () => {
    for (const handle of HANDLES) {
      for (const row of await provider.getCampaignReport(`cmp_${handle}`, { days: 10 })) {
        expect((row.spend / row.impressions) * 1000).toBeGreaterThan(3.9);
        expect((row.spend / row.impressions) * 1000).toBeLessThan(12.1);
        expect(row.clicks / row.impressions).toBeGreaterThan(0.004);
        expect(row.clicks / row.impressions).toBeLessThan(0.021);
        expect(row.video_watched_6s).toBeLessThan(row.video_watched_2s);
      }
    }
  });

  it("gives a day the same row whatever range asked for it", async () => {
    const week = await provider.getCampaignReport("cmp_glowwithmia", { days: 7 });
    const fortnight = await provider.getCampaignReport("cmp_glowwithmia", { days: 14 });
    expect(fortnight.slice(7)).toEqual(week);
  });

  it("rejects ranges over 30 days, as the Marketing API does", async () => {
    await expect(provider.getCampaignReport("cmp_glowwithmia", { days: 31 })).rejects.toThrow(/days/);
  });
});

describe("offline ads and budget", () => {
  const week = { start_date: "2026-10-25", end_date: "2026-10-31" };

  it("splits the campaign's days between its creatives, summing exactly to the campaign", async () => {
    const ads = await provider.getAdReport("cmp_glowwithmia", week);
    const days = (await provider.getCampaignReport("cmp_glowwithmia", { days: 7 })).filter(
      (r) => r.stat_date >= week.start_date,
    );
    for (const ad of ads) adCreativeRowSchema.parse(ad);
    expect(ads.length).toBeGreaterThanOrEqual(2);
    const total = (key: "impressions" | "clicks", rows: { impressions: number; clicks: number }[]) =>
      rows.reduce((sum, r) => sum + r[key], 0);
    expect(total("impressions", ads)).toBe(total("impressions", days));
    expect(total("clicks", ads)).toBe(total("clicks", days));
    for (const ad of ads) expect(ad.reach).toBeLessThan(ad.impressions);
  });

  it("wears one creative out: its CTR falls and its frequency climbs from one week to the next", async () => {
    const before = await provider.getAdReport("cmp_glowwithmia", {
      start_date: "2026-10-18",
      end_date: "2026-10-24",
    });
    const after = await provider.getAdReport("cmp_glowwithmia", week);
    const ctr = (ad?: { clicks: number; impressions: number }) => (ad ? ad.clicks / ad.impressions : 0);
    const change = after.map((ad) => ctr(ad) / ctr(before.find((b) => b.ad_id === ad.ad_id)));
    const worn = change.indexOf(Math.min(...change));
    expect(change[worn]).toBeLessThan(0.85);
    const freq = (ad?: { impressions: number; reach: number | null }) =>
      ad ? ad.impressions / (ad.reach ?? 1) : 0;
    expect(freq(after[worn])).toBeGreaterThan(freq(before.find((b) => b.ad_id === after[worn]?.ad_id)));
  });

  it("gives the daily budget its report spends against", async () => {
    const budget = await provider.getCampaignBudget("cmp_glowwithmia");
    expect(budget?.budget_mode).toBe("BUDGET_MODE_DAY");
    const rows = await provider.getCampaignReport("cmp_glowwithmia", { days: 14 });
    for (const row of rows) expect(row.spend).toBeLessThanOrEqual(budget?.budget ?? 0);
  });
});
