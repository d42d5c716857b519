import { categoryCatalog, TIKTOK_CATEGORIES } from "../data/offline-catalog.ts";
import type { TikTokProfile, TikTokVideo } from "../data/provider.ts";
import { uniqueHashtags } from "./hashtag.ts";
import { NOT_AVAILABLE } from "./metrics.ts";

export const CATEGORY_FROM_PROFILE = "from the account's profile";
export const CATEGORY_INFERRED = "category inferred from hashtags";
export const CATEGORY_GENERAL = `general: category ${NOT_AVAILABLE}, and the account's hashtags name no niche`;

/** Hashtag uses pointing at one niche before we name it: one or two could be a one-off collaboration. */
const MIN_MATCHES = 3;

/** Each niche's own name and its well-known hashtags. */
const NICHE_TAGS = TIKTOK_CATEGORIES.map((category) => ({
  category,
  tags: new Set<string>(categoryCatalog(category).hashtags),
}));

/**
 * The account's niche and where it came from. No TikTok API gives a category, so when the source has
 * none it is read from the account's own hashtags (in the tag list and in descriptions), and the basis
 * says so; with no clear winner it is "general", never a guess.
 * @example
 * accountCategory({ ...profile, category: null }, videos); // { category: "beauty", basis: "category inferred from hashtags" }
 */
export function accountCategory(
  profile: Pick<TikTokProfile, "category">,
  videos: readonly Pick<TikTokVideo, "hashtags" | "video_description">[],
): { category: string; basis: string } {
  if (profile.category) return { category: profile.category, basis: CATEGORY_FROM_PROFILE };
  const counts = new Map<string, number>();
  for (const video of videos) {
    const inText = [...video.video_description.matchAll(/#([\p{L}\p{N}_]+)/gu)].map((m) => m[1] ?? "");
    for (const tag of uniqueHashtags([...video.hashtags, ...inText]))
      for (const niche of NICHE_TAGS)
        if (niche.tags.has(tag) || tag.includes(niche.category))
          counts.set(niche.category, (counts.get(niche.category) ?? 0) + 1);
  }
  const [best, second] = [...counts].sort((a, b) => b[1] - a[1]);
  if (best && best[1] >= MIN_MATCHES && best[1] > (second?.[1] ?? 0))
    return { category: best[0], basis: CATEGORY_INFERRED };
  return { category: "general", basis: CATEGORY_GENERAL };
}
