import { isGenericHashtag, normalizeHashtag, uniqueHashtags } from "./hashtag.ts";
import type { ReviewFindings } from "./review-findings.ts";

/** At most this many of each kind: a plan with 20 hashtags has no focus. */
const PER_KIND = 3;

/** The tags of `tags` that `text` names as a word, with or without #. */
export function mentionedTags(text: string, tags: readonly string[]): string[] {
  return tags.filter((tag) => new RegExp(`(?<![\\p{L}\\p{N}_])#?${tag}(?![\\p{L}\\p{N}_])`, "iu").test(text));
}

export interface PlanHashtags {
  proven: string[];
  trending: string[];
  /** Approved but neither proven nor trending: a person added them at the gate. */
  added: string[];
  /** The niche's own name, when it is all there is. */
  niche: string[];
  /** Candidates a person left out at the gate: nothing in the plan may name them. */
  removed: string[];
}

/**
 * The plan's hashtags. Without approval: the review's kept ones and the account's proven ones, then new
 * trending ones, none cut by the review, at most PER_KIND of each. With approval: exactly the approved
 * ones, each labelled by where it came from.
 */
export function planHashtags(
  input: {
    category: string;
    top_hashtags: string[];
    trending_hashtags: string[];
    approved_hashtags?: string[] | undefined;
  },
  review: ReviewFindings | undefined,
): PlanHashtags {
  const tagsOf = (findings: ReviewFindings["keep"]) =>
    findings.flatMap((f) => (f.hashtag ? [f.hashtag] : []));
  const cut = new Set(uniqueHashtags(tagsOf(review?.cut ?? [])));
  const provenAll = uniqueHashtags([...tagsOf(review?.keep ?? []), ...input.top_hashtags]);
  const trendingAll = uniqueHashtags(input.trending_hashtags).filter((tag) => !provenAll.includes(tag));
  const niche = normalizeHashtag(input.category);
  if (input.approved_hashtags) {
    const approved = uniqueHashtags(input.approved_hashtags);
    const proven = approved.filter((tag) => provenAll.includes(tag));
    const trending = approved.filter((tag) => trendingAll.includes(tag));
    return {
      proven,
      trending,
      added: approved.filter((tag) => !proven.includes(tag) && !trending.includes(tag) && tag !== niche),
      niche: approved.filter((tag) => tag === niche && !proven.includes(tag) && !trending.includes(tag)),
      // The review's cut tags stay quotable: the rationale says they were cut, and why.
      removed: [...provenAll, ...trendingAll].filter((tag) => !approved.includes(tag) && !cut.has(tag)),
    };
  }
  const usable = (tag: string) => !isGenericHashtag(tag) && !cut.has(tag);
  const proven = provenAll.filter(usable).slice(0, PER_KIND);
  const trending = trendingAll.filter(usable).slice(0, PER_KIND);
  // With nothing to go on, the niche's own name is still a better tag than none.
  return {
    proven,
    trending,
    added: [],
    niche: proven.length + trending.length === 0 ? [niche] : [],
    removed: [],
  };
}
