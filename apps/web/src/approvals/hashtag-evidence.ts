/**
 * Why each proposed hashtag is there, as the drafting step says it (campaign_builder's
 * `hashtag_evidence`, which an approval gate lists as its `evidence`).
 */

export interface HashtagEvidence {
  hashtag: string;
  source: "trending" | "proven" | "given";
  evidence: string;
}

const SOURCE_LABELS: Record<HashtagEvidence["source"], string> = {
  trending: "Trending",
  proven: "Proven on this account",
  given: "From the brief",
};

/** What a hashtag's source means to a reviewer, e.g. `Trending`. */
export function sourceLabel(source: HashtagEvidence["source"]): string {
  return SOURCE_LABELS[source];
}

/** The form two hashtags are compared in: TikTok matches them without `#` and case-insensitively. */
export function hashtagKey(tag: string): string {
  return tag.trim().replace(/^#+/, "").toLowerCase();
}

/**
 * The evidence by `hashtagKey`; entries of another shape are left out, so a value the card cannot
 * read shows no evidence rather than a wrong one. Not a list (no evidence): an empty map.
 */
export function hashtagEvidenceByTag(value: unknown): Map<string, HashtagEvidence> {
  const byTag = new Map<string, HashtagEvidence>();
  if (!Array.isArray(value)) return byTag;
  for (const entry of value) {
    if (!isHashtagEvidence(entry)) continue;
    const key = hashtagKey(entry.hashtag);
    if (!byTag.has(key)) byTag.set(key, entry);
  }
  return byTag;
}

function isHashtagEvidence(entry: unknown): entry is HashtagEvidence {
  if (typeof entry !== "object" || entry === null) return false;
  const { hashtag, source, evidence } = entry as Record<string, unknown>;
  return (
    typeof hashtag === "string" &&
    typeof evidence === "string" &&
    typeof source === "string" &&
    Object.hasOwn(SOURCE_LABELS, source)
  );
}
