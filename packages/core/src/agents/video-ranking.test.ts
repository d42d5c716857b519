import { describe, expect, it } from "vitest";
import type { TikTokVideo } from "../data/provider.ts";
import { RANKING_FORMULA, rankVideos } from "./video-ranking.ts";

const NOW = new Date("2026-11-01T12:00:00Z");

function video(id: string, views: number, interactions: number): TikTokVideo {
  return {
    id,
    create_time: NOW.getTime() / 1000 - 10 * 86_400,
    duration: 20,
    title: id,
    video_description: id,
    hashtags: [],
    view_count: views,
    like_count: interactions,
    comment_count: 0,
    share_count: 0,
    save_count: 0,
    reach: null,
    average_time_watched: null,
    full_video_watched_rate: null,
    impression_sources: null,
  };
}

describe("rankVideos", () => {
  it("puts a high-reach video above a low-reach one with similar engagement", () => {
    const videos = [
      // 5.3× the median views at 4.8% engagement; the small one has 5.1%.
      video("viral", 530_000, 25_440),
      video("small", 20_000, 1_020),
      ...["a", "b", "c", "d", "e", "f", "g"].map((id) => video(id, 100_000, 5_000)),
    ];
    const ranking = rankVideos(videos, NOW);
    expect(ranking.top[0]?.id).toBe("viral");
    expect(ranking.bottom[0]?.id).toBe("small");
    expect(ranking.bottom.map((v) => v.id)).not.toContain("viral");
    // √(5.3 × 4.8/5) and √(0.2 × 5.1/5)
    expect(ranking.top[0]?.score).toBe(2.26);
    expect(ranking.bottom[0]?.score).toBe(0.45);
  });

  it("still ranks a low-engagement video at median reach below a median post", () => {
    const videos = [
      video("flat", 100_000, 500),
      ...["a", "b", "c", "d"].map((id) => video(id, 100_000, 5_000)),
    ];
    expect(rankVideos(videos, NOW).bottom[0]?.id).toBe("flat");
  });

  it("says how it ranks", () => {
    expect(RANKING_FORMULA).toContain("median views");
    expect(RANKING_FORMULA).toContain("median engagement rate");
  });
});
