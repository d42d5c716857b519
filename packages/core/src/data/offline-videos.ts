import type { OfflineAccount } from "./offline-account.ts";
import { categoryCatalog } from "./offline-catalog.ts";
import { clamp, round } from "./offline-numbers.ts";
import type { TikTokVideo } from "./provider.ts";
import { type SeededRandom, seededRandom } from "./seeded-random.ts";

const DAY_SECONDS = 86_400;
/** Views keep arriving for a couple of days after posting: a 1-day-old video has ~57% of its views. */
const SETTLE_DAYS = 1.2;

/**
 * Every video of an offline account, newest first. Draws never depend on `now` (only the create_time
 * anchor and the settling of fresh videos do), so the same handle always yields the same videos.
 */
export function offlineVideos(account: OfflineAccount, now: Date): TikTokVideo[] {
  const random = seededRandom(`videos:${account.handle}`);
  const catalog = categoryCatalog(account.category);
  // Some hashtags simply work better for an account; that is what "top hashtags" should surface.
  const tagLift = new Map(catalog.hashtags.map((tag) => [tag, random.logNormal(1, 0.3)]));
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const meanIntervalDays = 7 / account.postsPerWeek;
  let daysAgo = meanIntervalDays * random.between(0.05, 1);
  const videos: TikTokVideo[] = [];
  for (let i = 0; i < account.videoCount; i++) {
    const createTime = nowSeconds - Math.round(daysAgo * DAY_SECONDS);
    const hashtags = random.sample(catalog.hashtags, random.int(2, 5));
    if (random.chance(0.35)) hashtags.push("fyp");
    const lift = mean(hashtags.map((tag) => tagLift.get(tag) ?? 1));
    const title = `${random.pick(catalog.titles)}${random.chance(0.2) ? ` (part ${random.int(2, 4)})` : ""}`;
    videos.push(drawVideo(random, account, { createTime, ageDays: daysAgo, hashtags, lift, title }));
    daysAgo += random.chance(account.breakChance)
      ? random.between(8, 25)
      : meanIntervalDays * random.between(0.35, 1.65);
  }
  return videos;
}

interface VideoSeed {
  createTime: number;
  ageDays: number;
  hashtags: string[];
  lift: number;
  title: string;
}

function drawVideo(random: SeededRandom, account: OfflineAccount, seed: VideoSeed): TikTokVideo {
  const viral = random.chance(account.viralChance);
  const settled = 1 - Math.exp(-seed.ageDays / SETTLE_DAYS);
  const views = Math.round(
    random.logNormal(account.reachLevel, 0.6) * seed.lift * (viral ? random.between(8, 40) : 1) * settled,
  );
  const count = (rate: number) => Math.round(views * rate * random.logNormal(1, 0.25));
  const duration = Math.round(clamp(random.logNormal(24, 0.55), 6, 180));
  const watchFraction = clamp(
    account.watchFraction * (20 / duration) ** 0.25 * random.logNormal(1, 0.15),
    0.1,
    0.95,
  );
  const fullWatch = clamp(
    account.fullWatchBase * (15 / duration) ** 0.6 * random.logNormal(1, 0.2),
    0.01,
    0.9,
  );
  const forYou = clamp(account.forYouShare + random.normal() * 0.05 + (viral ? 0.12 : 0), 0.3, 0.97);
  return {
    // TikTok ids carry the post time in their upper 32 bits.
    id: ((BigInt(seed.createTime) << 32n) | BigInt(random.int(0, 0xffffffff))).toString(),
    create_time: seed.createTime,
    duration,
    title: seed.title,
    video_description: `${seed.title} ${seed.hashtags.map((tag) => `#${tag}`).join(" ")}`,
    hashtags: seed.hashtags,
    view_count: views,
    like_count: count(account.rates.like),
    comment_count: count(account.rates.comment),
    share_count: count(account.rates.share * (viral ? 1.5 : 1)),
    save_count: count(account.rates.save),
    reach: Math.round(views * random.between(0.72, 0.92)),
    average_time_watched: round(duration * watchFraction, 2),
    full_video_watched_rate: round(fullWatch, 4),
    impression_sources: impressionSources(random, forYou),
  };
}

/** Non-For-You views split over the other sources TikTok reports. */
function impressionSources(random: SeededRandom, forYou: number): Record<string, number> {
  const others = { Follow: 0.45, Personal_Profile: 0.25, Search: 0.12, Sound: 0.1, Hashtag: 0.08 };
  const weights = Object.entries(others).map(
    ([source, w]) => [source, w * random.logNormal(1, 0.3)] as const,
  );
  const total = weights.reduce((sum, [, w]) => sum + w, 0);
  const sources: Record<string, number> = { For_You: round(forYou, 4) };
  for (const [source, w] of weights) sources[source] = round(((1 - forYou) * w) / total, 4);
  return sources;
}

function mean(values: number[]): number {
  return values.length === 0 ? 1 : values.reduce((sum, v) => sum + v, 0) / values.length;
}
