import { z } from "zod";
import { defineAgent } from "./contract.ts";
import { isGenericHashtag, normalizeHashtag, uniqueHashtags } from "./hashtag.ts";
import { type PlannedSlot, POST_FORMATS, postingSchedule } from "./posting-schedule.ts";
import { UNTRUSTED_DATA_RULE, untrustedBlock } from "./untrusted.ts";

/** At most this many of each kind: a plan with 20 hashtags has no focus. */
const PER_KIND = 3;

export const contentPlannerOutput = z.object({
  handle: z.string(),
  category: z.string(),
  /** The hashtags the plan proposes; what an approval gate lets a human edit. */
  hashtags: z.array(z.string()),
  posts: z.array(
    z.object({
      day: z.string(),
      weekday: z.string(),
      format: z.enum(POST_FORMATS),
      hook: z.string(),
      caption: z.string(),
      hashtags: z.array(z.string()),
    }),
  ),
  rationale: z.string(),
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
}

/** The copy the model writes; one entry per scheduled post, in order. */
export function contentCopySchema(posts: number) {
  return z.object({
    posts: z.array(z.object({ hook: z.string().min(1), caption: z.string().min(1) })).length(posts),
    rationale: z.string().min(1),
  });
}

/** Plans the next weeks of posts: schedule and hashtags computed, hooks and captions written by the model. */
export const contentPlanner = defineAgent({
  name: "content_planner",
  description: "Plans a posting calendar mixing the account's proven hashtags with trending ones",
  sideEffects: "none",
  input: z.object({
    handle: z.string().min(1),
    category: z.string().min(1),
    top_hashtags: z.array(z.string()).default([]),
    trending_hashtags: z.array(z.string()).default([]),
  }),
  options: z.object({
    posts_per_week: z.number().int().min(1).max(14).default(4),
    weeks: z.number().int().min(1).max(8).default(2),
  }),
  output: contentPlannerOutput,
  async execute(input, ctx) {
    ctx.signal.throwIfAborted();
    const proven = uniqueHashtags(input.top_hashtags)
      .filter((tag) => !isGenericHashtag(tag))
      .slice(0, PER_KIND);
    const trending = uniqueHashtags(input.trending_hashtags)
      .filter((tag) => !isGenericHashtag(tag) && !proven.includes(tag))
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
        `For each post, in order, write a hook (first 2 seconds, under 12 words) and a caption without hashtags. ` +
          "Then a rationale of 2 to 3 sentences.",
      ].join("\n\n"),
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
