import { categoryCatalog } from "./offline-catalog.ts";
import { round, utcDay } from "./offline-numbers.ts";
import type { Trend, TrendQuery } from "./provider.ts";
import { type SeededRandom, seededRandom } from "./seeded-random.ts";

const HASHTAG_SUFFIXES = ["challenge", "hacks", "tips", "check", "era", "routine", "tok", "dupe"];
const SHARED_SOUNDS = [
  "Aesthetic Piano Loop",
  "Sunset Lo-fi",
  "Hype Drill Beat",
  "Sped Up Summer",
  "Cinematic Rise",
  "Bossa Nova Morning",
  "Funk Bounce",
  "Y2K Pop Edit",
  "original sound - dailydose",
  "original sound - mixtape.queen",
];
/** Oldest trend age the detector keeps, in hours (10 days). */
const MAX_AGE_HOURS = 240;

/**
 * Trending hashtags and sounds of a niche in a region, seeded by (category, region, UTC day) so they
 * change daily like the real thing, with tags of neighbouring niches mixed in as real feeds do. Returned by volume, as a naive source would: ranking by velocity
 * is the trend watcher's job.
 */
export function offlineTrends(query: TrendQuery, now: Date): Trend[] {
  const category = query.category.toLowerCase();
  const random = seededRandom(`trends:${category}:${query.region.toUpperCase()}:${utcDay(now)}`);
  const catalog = categoryCatalog(category);
  // Short tags take a suffix naturally (#grwmcheck); long ones turn into nonsense.
  const derived = random
    .sample(
      catalog.hashtags.filter((tag) => tag.length <= 10),
      14,
    )
    .map((tag) => `${tag}${random.pick(HASHTAG_SUFFIXES)}`)
    .filter((tag) => !catalog.hashtags.includes(tag));
  const hashtags = [...new Set([...catalog.hashtags, ...derived])];
  const sounds = [...catalog.sounds, ...SHARED_SOUNDS];
  const base = { region: query.region, category: query.category };
  const trends: Trend[] = [
    ...hashtags.map((name) => ({ kind: "hashtag" as const, name, ...base, ...drawMomentum(random) })),
    ...sounds.map((name) => ({
      kind: "sound" as const,
      name,
      ...base,
      ...drawMomentum(random),
      // An "original sound" is a user's upload: never in the Commercial Music Library.
      commercially_licensed: random.chance(0.45) && !name.startsWith("original sound"),
    })),
    // Drawn last so the niche's own trends keep the numbers they had before neighbours joined the feed.
    ...catalog.adjacentHashtags
      .filter((name) => !hashtags.includes(name))
      .map((name) => ({ kind: "hashtag" as const, name, ...base, ...drawMomentum(random) })),
  ];
  return trends
    .filter((trend) => trend.age_hours <= query.freshnessHours)
    .sort((a, b) => b.posts_current - a.posts_current || a.name.localeCompare(b.name));
}

function drawMomentum(
  random: SeededRandom,
): Pick<Trend, "posts_current" | "posts_previous" | "views_current" | "age_hours"> {
  // Skewed young: more trends are hours old than days old, as in any trend feed.
  const ageHours = round(MAX_AGE_HOURS * random.next() ** 1.3, 1);
  const previous = random.logUniform(30, 60_000);
  // Fresh trends grow fastest; old ones level off and some decline.
  const growth = random.logNormal(1.1 + 1.6 * Math.exp(-ageHours / 36), 0.45);
  const current = Math.round(previous * growth);
  return {
    posts_current: current,
    posts_previous: Math.round(previous),
    views_current: Math.round(current * random.logUniform(1_500, 30_000)),
    age_hours: ageHours,
  };
}
