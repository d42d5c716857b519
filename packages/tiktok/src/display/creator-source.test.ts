import { DataUnavailableError } from "@tiktok-army/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AccountSourceError } from "../account-handle.ts";
import { createTikTokClient, type TikTokCallRecord } from "../http-client.ts";
import { startTikTokStub, type TikTokStub } from "../testing/index.ts";
import { createCreatorSource, DISPLAY_VIDEO_UNAVAILABLE, hashtagsOf } from "./creator-source.ts";

let stub: TikTokStub;
let records: TikTokCallRecord[];
let source: ReturnType<typeof createCreatorSource>;

beforeEach(async () => {
  stub = await startTikTokStub();
  records = [];
  const token = stub.issueAccessToken();
  source = createCreatorSource(
    createTikTokClient({
      baseUrl: stub.url,
      credentials: { accessToken: () => token },
      record: (c) => records.push(c),
    }),
  );
});
afterEach(() => stub.close());

describe("the Display API creator source", () => {
  it("maps the profile field by field to core's names, category and region null", async () => {
    const profile = await source.getProfile("@StubCreator");
    const { user } = stub.account;
    expect(profile).toEqual({
      handle: "stubcreator",
      display_name: user.display_name,
      bio_description: user.bio_description,
      is_verified: user.is_verified,
      follower_count: user.follower_count,
      following_count: user.following_count,
      likes_count: user.likes_count,
      video_count: user.video_count,
      category: null,
      region: null,
    });
  });

  it("refuses a handle that is not the connected account's", async () => {
    const error = await source.getProfile("someoneelse").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AccountSourceError);
    expect(error).toMatchObject({ code: "handle_mismatch" });
  });

  it("pages videos up to the limit, asking only for what is still needed, newest first", async () => {
    const videos = await source.listVideos("stubcreator", { limit: 45 - 2 });
    expect(videos).toHaveLength(43);
    expect(videos.map((v) => v.id)).toEqual(stub.account.videos.slice(0, 43).map((v) => v.id));
    const pages = records.filter((r) => r.endpoint === "/v2/video/list/");
    expect(pages.map((r) => r.params.max_count)).toEqual([20, 20, 3]);
  });

  it("stops when TikTok has no more videos, below the limit", async () => {
    expect(await source.listVideos("stubcreator", { limit: 500 })).toHaveLength(45);
  });

  it("maps each video's fields and gives null for what the Display API lacks instead of inventing it", async () => {
    const [video] = await source.listVideos("stubcreator", { limit: 1 });
    const raw = stub.account.videos[0];
    expect(video).toEqual({
      id: raw?.id,
      create_time: raw?.create_time,
      duration: raw?.duration,
      title: raw?.title,
      video_description: raw?.video_description,
      hashtags: ["stub", "tiktok"],
      view_count: raw?.view_count,
      like_count: raw?.like_count,
      comment_count: raw?.comment_count,
      share_count: raw?.share_count,
      save_count: null,
      reach: null,
      average_time_watched: null,
      full_video_watched_rate: null,
      impression_sources: null,
    });
    for (const field of DISPLAY_VIDEO_UNAVAILABLE) expect(video?.[field]).toBeNull();
  });

  it("says follower history is not available from the Display API, without calling TikTok", async () => {
    const error = await source.getFollowerHistory("stubcreator", { days: 30 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataUnavailableError);
    expect(error).toMatchObject({
      code: "data_unavailable",
      message:
        "follower history is not available from the Display API: TikTok gives creators' follower history only to business accounts",
    });
    expect(records).toEqual([]);
  });

  it("reads hashtags as written, once each", () => {
    expect(hashtagsOf("Glow up #SkinCare #skincare #grwm_2026 and #été")).toEqual([
      "skincare",
      "grwm_2026",
      "été",
    ]);
  });
});
