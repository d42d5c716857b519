import { z } from "zod";
import type { TikTokVideo } from "../data/provider.ts";
import { normalizeHashtag } from "./hashtag.ts";
import * as m from "./metrics.ts";
import { compactNumber } from "./phrasing.ts";

/** A hashtag needs this many videos in the two windows before it is called a winner or a loser. */
const MIN_VIDEOS = 2;
/** Below this share of the windows' engagement rate a hashtag is cut. */
const CUT_BELOW = 0.8;

const findingSchema = z.object({ hashtag: z.string().nullable(), evidence: z.string() });
export const reviewFindingsSchema = z.object({
  /** The review's verdict, so a plan can say which round it follows. */
  verdict: z.string().max(40),
  keep: z.array(findingSchema).max(10),
  cut: z.array(findingSchema).max(10),
});
export type ReviewFindings = z.infer<typeof reviewFindingsSchema>;

/**
 * Hashtags of the videos posted in the two windows, judged by engagement rate against all of those
 * videos: at or above it kept, under 80% of it cut; the evidence says how many videos and views.
 */
export function hashtagFindings(verdict: string, videos: readonly TikTokVideo[]): ReviewFindings {
  const withSaves = m.savesKnown(videos);
  const rate = (list: readonly TikTokVideo[]) =>
    m.ratio(
      list.reduce((s, v) => s + m.engagementOf(v, withSaves), 0),
      list.reduce((s, v) => s + v.view_count, 0),
    ) * 100;
  const overall = rate(videos);
  const byTag = new Map<string, TikTokVideo[]>();
  for (const video of videos)
    for (const tag of new Set(video.hashtags.map(normalizeHashtag)))
      byTag.set(tag, [...(byTag.get(tag) ?? []), video]);
  const findings: ReviewFindings = { verdict, keep: [], cut: [] };
  const judged = [...byTag]
    .filter(([, list]) => list.length >= MIN_VIDEOS)
    .map(([tag, list]) => ({ tag, list, er: rate(list) }))
    .sort((a, b) => b.er - a.er || a.tag.localeCompare(b.tag));
  for (const { tag, list, er } of judged) {
    const views = list.reduce((s, v) => s + v.view_count, 0);
    const evidence = `#${tag}: ${list.length} videos, ${compactNumber(views)} views, engagement ${m.round2(er)}% vs ${m.round2(overall)}% for all videos in both windows`;
    if (er >= overall) findings.keep.push({ hashtag: tag, evidence });
    else if (er < overall * CUT_BELOW) findings.cut.push({ hashtag: tag, evidence });
  }
  return { verdict, keep: findings.keep.slice(0, 5), cut: findings.cut.slice(0, 5) };
}
