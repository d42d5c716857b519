import { z } from "zod";
import type { FixtureRequest } from "../llm/port.ts";
import { UNTRUSTED_DATA_RULE, untrustedBlock } from "../llm/prompt-blocks.ts";
import { hashtagsSchema, lineSchema, textSchema } from "./bounds.ts";
import { defineAgent } from "./contract.ts";
import { isGenericHashtag, normalizeHashtag, uniqueHashtags } from "./hashtag.ts";
import { joinAnd } from "./phrasing.ts";
import { type PlannedSlot, POST_FORMATS, type PostFormat, postingSchedule } from "./posting-schedule.ts";
import { reviewFindingsSchema } from "./review-findings.ts";

/** At most this many of each kind: a plan with 20 hashtags has no focus. */
const PER_KIND = 3;
const MAX_POSTS_PER_WEEK = 14;
const MAX_WEEKS = 8;
/** Trending hashtags it is given to pick from: trend_watcher ranks at most 50. */
const MAX_CANDIDATES = 50;

export const contentPlannerOutput = z.object({
  handle: lineSchema,
  category: lineSchema,
  /** The hashtags the plan proposes; what an approval gate lets a human edit. */
  hashtags: hashtagsSchema,
  posts: z
    .array(
      z.object({
        day: lineSchema,
        weekday: lineSchema,
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

/** The copy the model writes; one entry per scheduled post, in order. */
export function contentCopySchema(posts: number) {
  return z.object({
    posts: z.array(z.object({ hook: textSchema.min(1), caption: textSchema.min(1) })).length(posts),
    rationale: textSchema.min(1),
  });
}

/** Plans the next weeks of posts: schedule and hashtags computed, hooks and captions written by the model. */
export const contentPlanner = defineAgent({
  name: "content_planner",
  description: "Plans a posting calendar mixing the account's proven hashtags with trending ones",
  sideEffects: "none",
  input: z.object({
    handle: lineSchema.min(1),
    category: lineSchema.min(1),
    top_hashtags: hashtagsSchema.default([]),
    trending_hashtags: z.array(lineSchema).max(MAX_CANDIDATES).default([]),
    /** A performance review's findings: kept hashtags lead, cut ones are dropped, the evidence quoted. */
    review: reviewFindingsSchema.optional(),
  }),
  options: z.object({
    posts_per_week: z.number().int().min(1).max(MAX_POSTS_PER_WEEK).default(4),
    weeks: z.number().int().min(1).max(MAX_WEEKS).default(2),
  }),
  output: contentPlannerOutput,
  mockReply: mockPosts,
  async execute(input, ctx) {
    ctx.signal.throwIfAborted();
    const kept = (input.review?.keep ?? []).flatMap((f) => (f.hashtag ? [f.hashtag] : []));
    const cut = new Set(
      uniqueHashtags((input.review?.cut ?? []).flatMap((f) => (f.hashtag ? [f.hashtag] : []))),
    );
    const proven = uniqueHashtags([...kept, ...input.top_hashtags])
      .filter((tag) => !isGenericHashtag(tag) && !cut.has(tag))
      .slice(0, PER_KIND);
    const trending = uniqueHashtags(input.trending_hashtags)
      .filter((tag) => !isGenericHashtag(tag) && !proven.includes(tag) && !cut.has(tag))
      .slice(0, PER_KIND);
    // With nothing to go on, the niche's own name is still a better tag than none.
    const fallback = proven.length + trending.length === 0 ? [normalizeHashtag(input.category)] : [];
    const schedule = postingSchedule({
      now: ctx.now(),
      postsPerWeek: ctx.options.posts_per_week,
      weeks: ctx.options.weeks,
      proven: proven.length > 0 ? proven : fallback,
      trending,
    });
    const facts: ContentPlannerFacts = {
      handle: input.handle.replace(/^@/, ""),
      category: input.category,
      hashtags: [...proven, ...trending, ...fallback],
      proven_hashtags: proven,
      trending_hashtags: trending,
      posts_per_week: ctx.options.posts_per_week,
      weeks: ctx.options.weeks,
      schedule,
      ...(input.review ? { review: input.review } : {}),
    };
    const { value } = await ctx.llm.structured({
      system: ["You are a TikTok content strategist writing hooks and captions.", UNTRUSTED_DATA_RULE].join(
        "\n",
      ),
      prompt: [
        `Plan for @${facts.handle} (${facts.category}), ${schedule.length} posts:`,
        schedule.map((s, i) => `${i + 1}. ${s.weekday} ${s.day}, format ${s.format}`).join("\n"),
        untrustedBlock("proven_hashtags", proven),
        untrustedBlock("trending_hashtags", trending),
        input.review
          ? `${untrustedBlock("review_findings", [`verdict: ${input.review.verdict}`, ...input.review.keep.map((k) => `keep: ${k.evidence}`), ...input.review.cut.map((k) => `cut: ${k.evidence}`)])}\nThis plan follows that review: say in the rationale what it keeps and cuts, quoting the evidence.`
          : "",
        trending.length === 0
          ? "No trending hashtags are available: build on the account's own proven hashtags and say so in the rationale."
          : "",
        `For each post, in order, write a hook (first 2 seconds, under 12 words) and a caption without hashtags. ` +
          "Then a rationale of 2 to 3 sentences.",
      ]
        .filter(Boolean)
        .join("\n\n"),
      schema: contentCopySchema(schedule.length),
      context: facts,
      signal: ctx.signal,
    });
    return {
      handle: facts.handle,
      category: facts.category,
      hashtags: facts.hashtags,
      // The copy schema has exactly one entry per slot, in order.
      posts: value.posts.map((copy, i) => ({ ...(schedule[i] as PlannedSlot), ...copy })),
      rationale: value.rationale,
    };
  },
});

const HOOKS: Record<PostFormat, (topic: string) => string> = {
  tutorial: (t) => `The ${t} trick I wish I knew sooner`,
  talking_head: (t) => `Nobody tells you this about ${t}`,
  trend_remix: (t) => `I tried the trend, ${t} edition`,
  before_after: (t) => `Before vs after: one ${t} change`,
  day_in_the_life: (t) => `A real ${t} day, no filter`,
  stitch_reply: (t) => `Replying to your ${t} question`,
};

const CAPTIONS: Record<PostFormat, (topic: string) => string> = {
  tutorial: (t) => `Three steps, thirty seconds. Save this for your next ${t} session.`,
  talking_head: (t) => `Hot take on ${t}: agree or not? Tell me below.`,
  trend_remix: (t) => `Had to put a ${t} spin on this one. Should I do part 2?`,
  before_after: (t) => `Same ${t} routine, one change. Which side wins?`,
  day_in_the_life: (t) => `What a normal ${t} day actually looks like. Ask me anything.`,
  stitch_reply: (t) => `You asked, I answered. Drop your next ${t} question.`,
};

/** Mock hooks and captions for the schedule content_planner computed (its `context`). */
function mockPosts(request: FixtureRequest): {
  posts: { hook: string; caption: string }[];
  rationale: string;
} {
  const f = request.context as ContentPlannerFacts;
  const topic = f.category.toLowerCase();
  const posts = f.schedule.map((slot) => ({
    hook: HOOKS[slot.format](topic),
    caption: CAPTIONS[slot.format](topic),
  }));
  const tags = (list: string[]) => joinAnd(list.map((t) => `#${t}`));
  const mix =
    f.trending_hashtags.length > 0 && f.proven_hashtags.length > 0
      ? `Each post pairs a trending tag (${tags(f.trending_hashtags)}) for reach with tags that already drive your best engagement (${tags(f.proven_hashtags)}).`
      : f.trending_hashtags.length === 0 && f.proven_hashtags.length > 0
        ? `No trending hashtags were available, so every post uses the account's own top hashtags (${tags(f.proven_hashtags)}).`
        : `Hashtags: ${tags(f.hashtags)}.`;
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
    rationale:
      `${review ? `${review} ` : ""}${f.schedule.length} posts over ${f.weeks} week${f.weeks === 1 ? "" : "s"} at ${f.posts_per_week}/week (brands' top quartile posts 4+). ` +
      `${mix} Formats rotate so every week tests a different hook style.`,
  };
}
