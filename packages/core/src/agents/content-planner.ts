import { z } from "zod";
import { DataUnavailableError } from "../data/errors.ts";
import type { TikTokVideo } from "../data/provider.ts";
import type { FixtureRequest } from "../llm/port.ts";
import { UNTRUSTED_DATA_RULE, untrustedBlock } from "../llm/prompt-blocks.ts";
import { HASHTAGS_MAX, hashtagsSchema, lineSchema, textSchema } from "./bounds.ts";
import { type AgentContext, defineAgent } from "./contract.ts";
import { inWindow } from "./metrics.ts";
import { joinAnd } from "./phrasing.ts";
import { mentionedTags, planHashtags } from "./plan-hashtags.ts";
import { quoted, uniquePostCopy } from "./post-hooks.ts";
import { type PlannedSlot, POST_FORMATS, postingSchedule } from "./posting-schedule.ts";
import {
  bestPostingTimes,
  clockTime,
  DEFAULT_HOUR,
  isTimeZone,
  type PostingTime,
  postingTimeSchema,
  timeZoneOf,
} from "./posting-times.ts";
import { type ReviewFindings, reviewFindingsSchema } from "./review-findings.ts";
import { rankVideos } from "./video-ranking.ts";

const MAX_POSTS_PER_WEEK = 14;
const MAX_WEEKS = 8;
/** Trending hashtags it is given to pick from: trend_watcher ranks at most 50. */
const MAX_CANDIDATES = 50;
/** About 90 days of a daily poster: the window posting times and top videos are read from. */
const VIDEO_LIMIT = 120;

/** Where a plan hashtag comes from; `added_at_approval` is one a person added at the gate. */
export const HASHTAG_SOURCES = ["proven", "trending", "added_at_approval", "niche"] as const;
type HashtagSource = (typeof HASHTAG_SOURCES)[number];

export const contentPlannerOutput = z.object({
  handle: lineSchema,
  category: lineSchema,
  /** The hashtags the plan proposes; what an approval gate lets a human edit. */
  hashtags: hashtagsSchema,
  hashtag_sources: z
    .array(z.object({ hashtag: lineSchema, source: z.enum(HASHTAG_SOURCES) }))
    .max(HASHTAGS_MAX),
  /** IANA zone of every post's day and time. */
  time_zone: lineSchema,
  /** When the account's own videos do best, best first; empty when none stands out. */
  posting_times: z.array(postingTimeSchema).max(MAX_POSTS_PER_WEEK),
  posting_times_basis: textSchema,
  posts: z
    .array(
      z.object({
        day: lineSchema,
        weekday: lineSchema,
        /** Local time in `time_zone`, "18:00". */
        time: lineSchema,
        format: z.enum(POST_FORMATS),
        hook: textSchema,
        caption: textSchema,
        hashtags: hashtagsSchema,
      }),
    )
    .max(MAX_POSTS_PER_WEEK * MAX_WEEKS),
  rationale: textSchema,
});
export type ContentPlannerOutput = z.infer<typeof contentPlannerOutput>;

export interface ContentPlannerFacts {
  handle: string;
  category: string;
  hashtags: string[];
  proven_hashtags: string[];
  trending_hashtags: string[];
  /** Added by a person at the approval gate. */
  added_hashtags: string[];
  /** Candidates a person left out at the approval gate: the copy must not mention them. */
  removed_hashtags: string[];
  /** Whether a person approved the hashtags at a gate. */
  approved: boolean;
  /** Titles of the account's best recent videos, best first: what hooks build on. */
  top_videos: string[];
  time_zone: string;
  posting_times: PostingTime[];
  posts_per_week: number;
  weeks: number;
  schedule: PlannedSlot[];
  /** The previous round's review, when this plan follows one: what it keeps and cuts, and why. */
  review?: {
    verdict: string;
    keep: { hashtag: string | null; evidence: string }[];
    cut: { hashtag: string | null; evidence: string }[];
  };
}

/**
 * The copy the model writes; one entry per scheduled post, in order. A hook repeated within the plan, or
 * a hashtag a person removed mentioned anywhere, fails the reply like any schema mismatch, so the step
 * tries again rather than shipping a plan that contradicts its approval. `removed` holds hashtags as
 * normalizeHashtag gives them.
 */
export function contentCopySchema(posts: number, removed: readonly string[] = []) {
  return z
    .object({
      posts: z.array(z.object({ hook: textSchema.min(1), caption: textSchema.min(1) })).length(posts),
      rationale: textSchema.min(1),
    })
    .superRefine((copy, ctx) => {
      const seen = new Map<string, number>();
      copy.posts.forEach((post, i) => {
        const key = post.hook
          .toLowerCase()
          .replace(/[^\p{L}\p{N}]+/gu, " ")
          .trim();
        const first = seen.get(key);
        if (first === undefined) seen.set(key, i);
        else
          ctx.addIssue({
            code: "custom",
            path: ["posts", i, "hook"],
            message: `repeats post ${first + 1}'s hook`,
          });
      });
      const texts = [
        ...copy.posts.flatMap((p, i) => [
          [["posts", i, "hook"], p.hook] as const,
          [["posts", i, "caption"], p.caption] as const,
        ]),
        [["rationale"], copy.rationale] as const,
      ];
      for (const [path, text] of texts)
        for (const tag of mentionedTags(text, removed))
          ctx.addIssue({ code: "custom", path: [...path], message: `mentions #${tag}, removed at approval` });
    });
}

/** Plans the next weeks of posts: schedule and hashtags computed, hooks and captions written by the model. */
export const contentPlanner = defineAgent({
  name: "content_planner",
  description:
    "Plans a posting calendar at the account's best posting times, mixing its proven hashtags with trending ones",
  sideEffects: "none",
  input: z.object({
    handle: lineSchema.min(1),
    category: lineSchema.min(1),
    top_hashtags: hashtagsSchema.default([]),
    trending_hashtags: z.array(lineSchema).max(MAX_CANDIDATES).default([]),
    /** A performance review's findings: kept hashtags lead, cut ones are dropped, the evidence quoted. */
    review: reviewFindingsSchema.optional(),
    /** The hashtags a person approved at a gate: the plan uses these and no others. */
    approved_hashtags: hashtagsSchema.optional(),
    /**
     * The ad groups a person approved at a campaign gate: their hashtags are the approved ones. A workflow
     * input maps paths, not values, so the planner reads the approved campaign's groups as they are.
     */
    approved_ad_groups: z
      .array(z.object({ hashtags: hashtagsSchema }))
      .max(20)
      .optional(),
    /** The account's country, for the time zone posting times are read in; UTC when null. */
    region: lineSchema.nullable().default(null),
  }),
  options: z.object({
    posts_per_week: z.number().int().min(1).max(MAX_POSTS_PER_WEEK).default(4),
    weeks: z.number().int().min(1).max(MAX_WEEKS).default(2),
    /** IANA zone ("Europe/London") that overrides the region's. */
    time_zone: lineSchema.refine(isTimeZone, "must be an IANA time zone such as Europe/London").optional(),
  }),
  output: contentPlannerOutput,
  mockReply: mockPosts,
  async execute(input, ctx) {
    ctx.signal.throwIfAborted();
    const handle = input.handle.replace(/^@/, "");
    const approvedHashtags =
      input.approved_hashtags ?? input.approved_ad_groups?.flatMap((group) => group.hashtags);
    const tags = planHashtags({ ...input, approved_hashtags: approvedHashtags }, input.review);
    // A kept hashtag a person then removed is no longer kept: the plan must not quote it.
    const review = input.review && {
      ...input.review,
      keep: input.review.keep.filter(
        (k) => !k.hashtag || mentionedTags(k.hashtag, tags.removed).length === 0,
      ),
    };
    const now = ctx.now();
    const { videos, unavailable } = await accountVideos(handle, ctx);
    const zone = timeZoneOf(input.region, ctx.options.time_zone);
    const posting = bestPostingTimes(videos, { now, zone: zone.zone, zoneBasis: zone.basis });
    const schedule = postingSchedule({
      now,
      postsPerWeek: ctx.options.posts_per_week,
      weeks: ctx.options.weeks,
      proven: tags.proven.length > 0 ? tags.proven : tags.niche,
      trending: tags.trending,
      added: tags.added,
      times: posting.times,
      timeZone: zone.zone,
    });
    const facts: ContentPlannerFacts = {
      handle,
      category: input.category,
      hashtags: [...tags.proven, ...tags.trending, ...tags.added, ...tags.niche],
      proven_hashtags: tags.proven,
      trending_hashtags: tags.trending,
      added_hashtags: tags.added,
      removed_hashtags: tags.removed,
      approved: approvedHashtags !== undefined,
      top_videos: topVideoTitles(videos, now, tags.removed),
      time_zone: zone.zone,
      posting_times: posting.times,
      posts_per_week: ctx.options.posts_per_week,
      weeks: ctx.options.weeks,
      schedule,
      ...(review ? { review } : {}),
    };
    const { value } = await ctx.llm.structured({
      system: ["You are a TikTok content strategist writing hooks and captions.", UNTRUSTED_DATA_RULE].join(
        "\n",
      ),
      prompt: copyPrompt(facts, review),
      schema: contentCopySchema(schedule.length, tags.removed),
      context: facts,
      signal: ctx.signal,
    });
    const sources: [string[], HashtagSource][] = [
      [tags.proven, "proven"],
      [tags.trending, "trending"],
      [tags.added, "added_at_approval"],
      [tags.niche, "niche"],
    ];
    return {
      handle,
      category: facts.category,
      hashtags: facts.hashtags,
      hashtag_sources: sources.flatMap(([list, source]) => list.map((hashtag) => ({ hashtag, source }))),
      time_zone: zone.zone,
      posting_times: posting.times,
      posting_times_basis: unavailable ? `${unavailable} ${posting.basis}` : posting.basis,
      // The copy schema has exactly one entry per slot, in order.
      posts: value.posts.map((copy, i) => ({ ...(schedule[i] as PlannedSlot), ...copy })),
      rationale: value.rationale,
    };
  },
});

/** The account's videos, newest first; none, said why, when the source cannot give them. */
async function accountVideos(
  handle: string,
  ctx: Pick<AgentContext, "data" | "trace">,
): Promise<{ videos: TikTokVideo[]; unavailable?: string }> {
  try {
    const videos = await ctx.trace.tool("tiktok.listVideos", { handle, limit: VIDEO_LIMIT }, () =>
      ctx.data.listVideos(handle, { limit: VIDEO_LIMIT }),
    );
    return { videos };
  } catch (error) {
    if (error instanceof DataUnavailableError) return { videos: [], unavailable: `${error.message}.` };
    throw error;
  }
}

/**
 * Titles of the best recent videos, without their hashtags, part numbers or repeats; none naming a
 * removed hashtag.
 */
function topVideoTitles(videos: readonly TikTokVideo[], now: Date, removed: readonly string[]): string[] {
  const titles = rankVideos(inWindow(videos, now), now)
    .top.map((v) =>
      v.title
        .replace(/#[\p{L}\p{N}_]+/gu, "")
        .replace(/\s*\(part \d+\)\s*$/i, "")
        .replace(/\s+/g, " ")
        .trim(),
    )
    .filter((title) => title.length > 0 && mentionedTags(title, removed).length === 0);
  return [...new Map(titles.map((t) => [t.toLowerCase(), t])).values()];
}

function copyPrompt(f: ContentPlannerFacts, review: ReviewFindings | undefined): string {
  return [
    `Plan for @${f.handle} (${f.category}), ${f.schedule.length} posts, times in ${f.time_zone}:`,
    f.schedule.map((s, i) => `${i + 1}. ${s.weekday} ${s.day} ${s.time}, format ${s.format}`).join("\n"),
    untrustedBlock("top_videos", f.top_videos),
    untrustedBlock("proven_hashtags", f.proven_hashtags),
    untrustedBlock("trending_hashtags", f.trending_hashtags),
    f.added_hashtags.length > 0
      ? `${untrustedBlock("added_hashtags", f.added_hashtags)}\nA person added these hashtags when approving: use them.`
      : "",
    f.removed_hashtags.length > 0
      ? `${untrustedBlock("removed_hashtags", f.removed_hashtags)}\nA person removed these hashtags when approving: never mention them, with or without #, in hooks, captions or the rationale.`
      : "",
    review
      ? `${untrustedBlock("review_findings", [`verdict: ${review.verdict}`, ...review.keep.map((k) => `keep: ${k.evidence}`), ...review.cut.map((k) => `cut: ${k.evidence}`)])}\nThis plan follows that review: say in the rationale what it keeps and cuts, quoting the evidence.`
      : "",
    f.trending_hashtags.length === 0
      ? "No trending hashtags are available: build on the account's own proven hashtags and say so in the rationale."
      : "",
    "For each post, in order, write a hook (first 2 seconds, under 12 words) and a caption without hashtags. " +
      "Each hook builds on one of the account's top videos or proven hashtags, and no two hooks in the plan are the same. " +
      "Then a rationale of 2 to 3 sentences.",
  ]
    .filter(Boolean)
    .join("\n\n");
}

/** Mock hooks and captions for the schedule content_planner computed (its `context`). */
function mockPosts(request: FixtureRequest): {
  posts: { hook: string; caption: string }[];
  rationale: string;
} {
  const f = request.context as ContentPlannerFacts;
  // Top videos first, then proven hashtags: hooks build on what already works for the account.
  const topics = [...f.top_videos.map(quoted), ...f.proven_hashtags.map((t) => `#${t}`)];
  const posts = uniquePostCopy(
    f.schedule.map((slot) => slot.format),
    [topics[0] ?? f.category.toLowerCase(), ...topics.slice(1)],
  );
  const tags = (list: string[]) => joinAnd(list.map((t) => `#${t}`));
  const mix =
    f.trending_hashtags.length > 0 && f.proven_hashtags.length > 0
      ? `Each post pairs a trending tag (${tags(f.trending_hashtags)}) for reach with tags that already drive your best engagement (${tags(f.proven_hashtags)}).`
      : f.trending_hashtags.length === 0 && f.proven_hashtags.length > 0
        ? `No trending hashtags were ${f.approved ? "approved" : "available"}, so every post uses the account's own top hashtags (${tags(f.proven_hashtags)}).`
        : f.hashtags.length > 0
          ? `Hashtags: ${tags(f.hashtags)}.`
          : "No hashtags were approved, so posts carry none.";
  const approval = f.approved
    ? `Hashtags as approved at the gate${f.added_hashtags.length > 0 ? `; ${tags(f.added_hashtags)} added at approval, one in each post` : ""}.`
    : "";
  const best = f.posting_times
    .slice(0, 3)
    .map((t) => `${t.weekday} ${clockTime(t.hour)} (score ${t.score}, ${t.videos} videos)`);
  const timing =
    best.length > 0
      ? `Posts go out at the account's best slots, ${joinAnd(best)} in ${f.time_zone}.`
      : `No posting time stands out yet in the account's videos: posts are spread evenly at ${clockTime(DEFAULT_HOUR)} ${f.time_zone}, a default.`;
  const hooks =
    f.top_videos.length > 0
      ? `Hooks build on your best recent videos (${joinAnd(f.top_videos.slice(0, 3).map(quoted))}), none repeated.`
      : "Hooks build on your proven hashtags, none repeated.";
  const review = f.review
    ? [
        `After the review (${f.review.verdict.replaceAll("_", " ")}):`,
        f.review.keep.length > 0
          ? `kept ${f.review.keep.map((k) => k.evidence).join("; ")}.`
          : "nothing proved itself to keep.",
        f.review.cut.length > 0
          ? `Cut ${f.review.cut.map((k) => k.evidence).join("; ")}.`
          : "Nothing was cut.",
      ].join(" ")
    : "";
  return {
    posts,
    rationale: [
      review,
      `${f.schedule.length} posts over ${f.weeks} week${f.weeks === 1 ? "" : "s"} at ${f.posts_per_week}/week (brands' top quartile posts 4+).`,
      timing,
      approval,
      mix,
      hooks,
      "Formats rotate so every week tests a different hook style.",
    ]
      .filter(Boolean)
      .join(" "),
  };
}
