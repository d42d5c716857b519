import { TIKTOK_CATEGORIES, type TikTokCategory } from "./offline-catalog.ts";
import { seededRandom } from "./seeded-random.ts";

/** The hidden traits an offline account's videos, profile and follower history are drawn from. */
export interface OfflineAccount {
  handle: string;
  category: TikTokCategory;
  region: string;
  followerCount: number;
  followingCount: number;
  isVerified: boolean;
  /** Median views of a settled, non-viral video. */
  reachLevel: number;
  viralChance: number;
  /** Per-view rates; each video jitters around them. */
  rates: { like: number; comment: number; share: number; save: number };
  forYouShare: number;
  /** Full-watch rate of a 15-second video; longer videos are watched to the end less often. */
  fullWatchBase: number;
  /** Share of a 20-second video watched on average. */
  watchFraction: number;
  postsPerWeek: number;
  /** Chance that the interval before a post is a break of 8–25 days. */
  breakChance: number;
  videoCount: number;
  /** Compound monthly follower growth, 0–0.08. */
  monthlyGrowth: number;
}

/** Words in a handle that give its niche away; other handles get a niche by hash. */
const NICHE_HINTS: [RegExp, TikTokCategory][] = [
  [/beauty|cosmetic|makeup|skin|glow|lash|nail/, "beauty"],
  [/fit|gym|yoga|pilates|run|lift/, "fitness"],
  [/food|eat|cook|kitchen|chef|bake|recipe/, "food"],
  [/fashion|style|wear|closet|thrift|outfit/, "fashion"],
  [/tech|code|dev|gadget|pixel/, "tech"],
  [/travel|trip|wander|nomad|tour/, "travel"],
  [/game|gaming|play|esport/, "gaming"],
  [/pet|dog|cat|paw|pup/, "pets"],
];

const MIN_FOLLOWERS = 5_000;
const MAX_FOLLOWERS = 5_000_000;

/** TikTok handles are case-insensitive and often written with a leading @. */
export function normalizeHandle(handle: string): string {
  return handle.trim().replace(/^@/, "").toLowerCase();
}

/**
 * The traits of an account, drawn from a stream seeded by its handle alone, so they never depend
 * on the clock or on which provider method asked first.
 */
export function offlineAccount(rawHandle: string): OfflineAccount {
  const handle = normalizeHandle(rawHandle);
  const random = seededRandom(`account:${handle}`);
  const drawn = random.pick(TIKTOK_CATEGORIES);
  const category = NICHE_HINTS.find(([hint]) => hint.test(handle))?.[1] ?? drawn;
  const followerCount = Math.round(random.logUniform(MIN_FOLLOWERS, MAX_FOLLOWERS));
  // Small accounts often out-reach their follower count; big ones reach a small slice of it.
  const size = Math.log(followerCount / MIN_FOLLOWERS) / Math.log(MAX_FOLLOWERS / MIN_FOLLOWERS);
  const viewsPerFollower = random.logUniform(lerpLog(0.3, 0.08, size), lerpLog(2.5, 0.8, size));
  const postsPerWeek = random.between(1, 6);
  return {
    handle,
    category,
    region: "US",
    followerCount,
    followingCount: random.int(40, 1_500),
    isVerified: followerCount > 1_000_000 && random.chance(0.6),
    reachLevel: followerCount * viewsPerFollower,
    viralChance: random.between(0.01, 0.05),
    rates: {
      like: random.between(0.025, 0.07),
      comment: random.between(0.0005, 0.005),
      share: random.between(0.001, 0.01),
      save: random.between(0.001, 0.012),
    },
    forYouShare: random.between(0.5, 0.88),
    fullWatchBase: random.between(0.12, 0.4),
    watchFraction: random.between(0.3, 0.7),
    postsPerWeek,
    breakChance: random.between(0.02, 0.1),
    videoCount: Math.min(800, Math.max(12, Math.round(postsPerWeek * random.int(16, 160)))),
    monthlyGrowth: random.between(0, 0.08) * (1 - 0.4 * size),
  };
}

function lerpLog(from: number, to: number, t: number): number {
  return Math.exp(Math.log(from) + (Math.log(to) - Math.log(from)) * t);
}

/** "glow_with.mia" -> "Glow With Mia". */
export function displayNameOf(handle: string): string {
  return handle
    .split(/[._]+/)
    .filter(Boolean)
    .map((word) => word[0]?.toUpperCase() + word.slice(1))
    .join(" ");
}
