import { DataUnavailableError } from "@tiktok-army/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AccountSourceError } from "../account-handle.ts";
import { TikTokResponseShapeError } from "../errors.ts";
import { createTikTokClient, type TikTokCallRecord } from "../http-client.ts";
import { dailyFollowers, startTikTokStub, stubAccount, type TikTokStub } from "../testing/index.ts";
import { addUtcDays, utcDay } from "../utc-day.ts";
import { createBusinessSource } from "./business-source.ts";

let stub: TikTokStub;
let records: TikTokCallRecord[];

async function start(account = stubAccount()) {
  stub = await startTikTokStub({ account });
  records = [];
  const token = stub.issueAccessToken();
  const client = createTikTokClient({
    baseUrl: stub.url,
    credentials: { accessToken: () => token },
    record: (c) => records.push(c),
  });
  return createBusinessSource(client, {
    businessId: stub.account.user.open_id,
    now: () => new Date(stub.account.now * 1000),
  });
}
afterEach(() => stub.close());

describe("the Accounts API business source", () => {
  let source: Awaited<ReturnType<typeof start>>;
  beforeEach(async () => {
    source = await start();
  });

  it("maps business/get field by field to core's profile, category and region null", async () => {
    const profile = await source.getProfile("@StubCreator");
    const { business } = stub.account;
    expect(profile).toEqual({
      handle: "stubcreator",
      display_name: business.display_name,
      bio_description: business.bio_description,
      is_verified: business.is_verified,
      follower_count: business.followers_count,
      following_count: business.following_count,
      likes_count: business.total_likes,
      video_count: business.videos_count,
      category: null,
      region: null,
    });
    expect(records[0]?.params).toEqual({
      business_id: stub.account.user.open_id,
      fields: expect.stringMatching(/^\["username",.*"videos_count"\]$/),
    });
  });

  it("refuses a handle that is not the connected account's", async () => {
    const error = await source.getProfile("someoneelse").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AccountSourceError);
    expect(error).toMatchObject({ code: "handle_mismatch" });
  });

  it("pages videos by cursor, at most 20 a page, up to the limit: 45 videos, limit 30, two pages", async () => {
    const videos = await source.listVideos("stubcreator", { limit: 30 });
    expect(videos.map((v) => v.id)).toEqual(stub.account.businessVideos.slice(0, 30).map((v) => v.item_id));
    const pages = records.filter((r) => r.endpoint === "/open_api/v1.3/business/video/list/");
    expect(pages.map((r) => [r.params.max_count, r.params.cursor])).toEqual([
      [20, undefined],
      [10, 20],
    ]);
    expect(await source.listVideos("stubcreator", { limit: 500 })).toHaveLength(45);
  });

  it("maps reach, watch time, full-watch rate, saves and impression sources exactly", async () => {
    const [video] = await source.listVideos("stubcreator", { limit: 1 });
    const raw = stub.account.businessVideos[0];
    expect(video).toEqual({
      id: raw?.item_id,
      create_time: raw?.create_time,
      duration: raw?.video_duration,
      title: raw?.caption,
      video_description: raw?.caption,
      hashtags: ["stub", "tiktok"],
      view_count: raw?.video_views,
      like_count: raw?.likes,
      comment_count: raw?.comments,
      share_count: raw?.shares,
      save_count: raw?.favorites,
      reach: raw?.reach,
      average_time_watched: raw?.average_time_watched,
      full_video_watched_rate: raw?.full_video_watched_rate,
      impression_sources: { For_You: 0.72, Follow: 0.14, Personal_Profile: 0.09, Search: 0.05 },
    });
  });

  it("gives daily follower totals oldest first, without today (TikTok's insights lag a day)", async () => {
    const history = await source.getFollowerHistory("stubcreator", { days: 30 });
    const today = utcDay(new Date(stub.account.now * 1000));
    expect(history).toHaveLength(29);
    expect(history[0]?.date).toBe(addUtcDays(today, -29));
    expect(history.at(-1)?.date).toBe(addUtcDays(today, -1));
    for (const snapshot of history)
      expect(snapshot.follower_count).toBe(
        dailyFollowers(stub.account, snapshot.date, today).daily_total_followers,
      );
    expect(history.at(-1)?.follower_count).toBeLessThan(stub.account.business.followers_count);
  });

  it("asks for no more than the 60 days TikTok keeps when a longer history is wanted", async () => {
    const history = await source.getFollowerHistory("stubcreator", { days: 90 });
    expect(history).toHaveLength(59);
    const today = utcDay(new Date(stub.account.now * 1000));
    expect(records[0]?.params).toMatchObject({ start_date: addUtcDays(today, -59), end_date: today });
  });
});

describe("what the Accounts API leaves out", () => {
  it("gives null, never a number, for insights TikTok omits, and derives the average from total watch time", async () => {
    const account = stubAccount();
    const [first, second] = account.businessVideos;
    if (!first || !second) throw new Error("stub account has videos");
    for (const field of ["favorites", "reach", "full_video_watched_rate", "impression_sources"] as const)
      delete first[field];
    delete first.average_time_watched;
    delete first.total_time_watched;
    delete second.average_time_watched;
    const source = await start(account);
    const [bare, derived] = await source.listVideos("stubcreator", { limit: 2 });
    expect(bare).toMatchObject({
      save_count: null,
      reach: null,
      average_time_watched: null,
      full_video_watched_rate: null,
      impression_sources: null,
    });
    expect(derived?.average_time_watched).toBeCloseTo(
      (second.total_time_watched ?? Number.NaN) / second.video_views,
      2,
    );
  });

  it("reads create_time sent as a numeric string", async () => {
    const account = stubAccount();
    const first = account.businessVideos[0];
    if (!first) throw new Error("stub account has videos");
    first.create_time = String(first.create_time);
    const [video] = await (await start(account)).listVideos("stubcreator", { limit: 1 });
    expect(video?.create_time).toBe(Number(first.create_time));
  });

  it("names the field when a video has an unexpected shape", async () => {
    const account = stubAccount();
    (account.businessVideos[4] as { full_video_watched_rate: unknown }).full_video_watched_rate = "21%";
    const error = await (await start(account))
      .listVideos("stubcreator", { limit: 10 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TikTokResponseShapeError);
    expect(String(error)).toContain("data.videos[4].full_video_watched_rate");
  });

  it("says follower history is unavailable when TikTok returns no daily totals", async () => {
    const account = stubAccount();
    const source = await start(account);
    // A one-day window is today only, which TikTok has not settled yet.
    const error = await source.getFollowerHistory("stubcreator", { days: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataUnavailableError);
    expect(String(error)).toContain("follower history is not available from the Business API");
  });
});
