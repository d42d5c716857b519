// The hooks and captions content_planner's mock reply writes, built on the account's own top videos and hashtags.
import type { PostFormat } from "./posting-schedule.ts";

// Each format has two ways in, so a plan can revisit a topic without repeating a hook.
const HOOKS: Record<PostFormat, readonly [(t: string) => string, (t: string) => string]> = {
  tutorial: [(t) => `${t}: the step everyone skips`, (t) => `How I'd redo ${t} today`],
  talking_head: [(t) => `What nobody told you after ${t}`, (t) => `The honest story behind ${t}`],
  trend_remix: [(t) => `${t}, but make it the trend`, (t) => `I tried the trend on ${t}`],
  before_after: [(t) => `Before vs after: ${t}, a month on`, (t) => `${t}: one change, before and after`],
  day_in_the_life: [(t) => `A real day behind ${t}`, (t) => `Filming ${t}: a real day, no filter`],
  stitch_reply: [
    (t) => `Your top question about ${t}, answered`,
    (t) => `You asked for more ${t}: here it is`,
  ],
};

const CAPTIONS: Record<PostFormat, (topic: string) => string> = {
  tutorial: (t) => `Three steps, thirty seconds, building on ${t}. Save this for later.`,
  talking_head: (t) => `Hot take, straight from ${t}: agree or not? Tell me below.`,
  trend_remix: (t) => `Gave this trend the ${t} treatment. Should I do part 2?`,
  before_after: (t) => `One change since ${t}. Which side wins?`,
  day_in_the_life: (t) => `What a normal day around ${t} actually looks like. Ask me anything.`,
  stitch_reply: (t) => `You asked about ${t}, I answered. What should I cover next?`,
};

/** A title short enough to quote in a two-second hook. */
export function quoted(title: string): string {
  const words = title.split(/\s+/);
  return `“${words.length > 8 ? `${words.slice(0, 7).join(" ")}…` : title}”`;
}

/**
 * A hook and caption per post, no hook repeated: each post takes the next topic in its format's first
 * unused phrasing; when every pairing is used, a part number.
 * @example
 * uniquePostCopy(["tutorial", "tutorial"], ["#skintok"]); // "#skintok: the step everyone skips", "How I'd redo #skintok today"
 */
export function uniquePostCopy(
  formats: readonly PostFormat[],
  topics: readonly [string, ...string[]],
): { hook: string; caption: string }[] {
  const used = new Set<string>();
  return formats.map((format, i) => {
    const rotated = topics.map((_, k) => topics[(i + k) % topics.length] as string);
    const candidates = HOOKS[format].flatMap((way) => rotated.map((topic) => ({ hook: way(topic), topic })));
    const first = candidates[0] as { hook: string; topic: string };
    let pick = candidates.find((c) => !used.has(c.hook)) ?? first;
    for (let part = 2; used.has(pick.hook); part++) pick = { ...first, hook: `${first.hook} (part ${part})` };
    used.add(pick.hook);
    return { hook: pick.hook, caption: CAPTIONS[format](pick.topic) };
  });
}
