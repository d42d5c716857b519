import type { FixtureRequest } from "../llm/fixtures.ts";
import { compactNumber, signedPct } from "./phrasing.ts";
import type { TrendWatcherFacts } from "./trend-watcher.ts";

/** Mock briefing on the trends trend_watcher actually ranked (its `context`). */
export function trendWatcherFixture(request: FixtureRequest): { summary: string } {
  const f = request.context as TrendWatcherFacts;
  return { summary: [...hashtagSentences(f), ...soundSentences(f)].join(" ") };
}

function hashtagSentences(f: TrendWatcherFacts): string[] {
  const [first, second] = f.hashtags;
  if (!first)
    return [
      `No ${f.category} hashtag in ${f.region} crossed the volume threshold within ${f.freshness_hours} hours: lean on proven tags this week.`,
    ];
  const age = first.age_hours < 1 ? "under an hour" : `${Math.round(first.age_hours)}h`;
  const sentences = [
    `Ride #${first.name} this week: ${signedPct(first.velocity.value)} posts in ${f.region} (${compactNumber(first.posts_current)} now), first seen ${age} ago.`,
  ];
  if (second)
    sentences.push(
      `#${second.name} (${signedPct(second.velocity.value)}) is the backup; both are early enough that a post this week lands before the peak.`,
    );
  return sentences;
}

function soundSentences(f: TrendWatcherFacts): string[] {
  const licensed = f.sounds.find((s) => s.commercially_licensed);
  const unlicensed = f.sounds.find((s) => !s.commercially_licensed);
  const sentences: string[] = [];
  if (licensed)
    sentences.push(
      `For Spark Ads use "${licensed.name}" (${signedPct(licensed.velocity.value)}), the fastest commercially licensed sound.`,
    );
  if (unlicensed && (!licensed || unlicensed.velocity.value > licensed.velocity.value))
    sentences.push(`"${unlicensed.name}" grows faster but is not licensed: organic posts only.`);
  return sentences;
}
