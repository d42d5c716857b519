/** Hashtags every niche uses; they say nothing about what works for one account. */
const GENERIC_HASHTAGS = new Set(["fyp", "foryou", "foryoupage", "viral", "trending"]);

/**
 * "#SkinTok " -> "skintok": TikTok matches hashtags case-insensitively, its APIs drop the #, and a
 * hashtag holds only letters, digits and underscores (so no sentence can hide in one).
 */
export function normalizeHashtag(raw: string): string {
  return raw.toLowerCase().replace(/[^\p{L}\p{N}_]/gu, "");
}

export function isGenericHashtag(tag: string): boolean {
  return GENERIC_HASHTAGS.has(normalizeHashtag(tag));
}

/** Normalized, without blanks or repeats, first occurrence first. */
export function uniqueHashtags(raw: readonly string[]): string[] {
  return [...new Set(raw.map(normalizeHashtag).filter((tag) => tag.length > 0))];
}
