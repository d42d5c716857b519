import type { FixtureRequest } from "../llm/fixtures.ts";
import type { ContentPlannerFacts } from "./content-planner.ts";
import { joinAnd } from "./phrasing.ts";
import type { PostFormat } from "./posting-schedule.ts";

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
export function contentPlannerFixture(request: FixtureRequest): {
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
      : `Hashtags: ${tags(f.hashtags)}.`;
  return {
    posts,
    rationale:
      `${f.schedule.length} posts over ${f.weeks} week${f.weeks === 1 ? "" : "s"} at ${f.posts_per_week}/week (brands' top quartile posts 4+). ` +
      `${mix} Formats rotate so every week tests a different hook style.`,
  };
}
