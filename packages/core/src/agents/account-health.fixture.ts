import type { FixtureRequest } from "../llm/fixtures.ts";
import type { AccountHealthFacts } from "./account-health.ts";
import { compactNumber, joinAnd } from "./phrasing.ts";

/** Mock insights about the numbers account_health actually computed (its `context`). */
export function accountHealthFixture(request: FixtureRequest): { insights: string[] } {
  const facts = request.context as AccountHealthFacts;
  const insights = [
    scoreInsight(facts),
    engagementInsight(facts),
    cadenceInsight(facts),
    reachInsight(facts),
  ];
  const tags = facts.top_hashtags.slice(0, 3).map((t) => `#${t}`);
  if (tags.length > 0)
    insights.push(
      `${joinAnd(tags)} recur in your best-engaging videos: keep them in rotation and test one trending tag per post beside them.`,
    );
  return { insights };
}

function scoreInsight({ health_score: h }: AccountHealthFacts): string {
  const lift = [...h.drivers].sort((a, b) => b.impact - a.impact)[0];
  const drag = [...h.drivers].sort((a, b) => a.impact - b.impact)[0];
  const parts = [`Health score ${h.score}/100.`];
  if (lift && lift.impact > 0) parts.push(`Biggest lift: ${lift.factor.toLowerCase()} (+${lift.impact}).`);
  if (drag && drag.impact < 0)
    parts.push(`Biggest drag: ${drag.factor.toLowerCase()} (${drag.impact}); fix that first.`);
  return parts.join(" ");
}

function engagementInsight(f: AccountHealthFacts): string {
  const byFollowers = f.metrics.engagement_rate_by_followers.value;
  const byViews = f.metrics.engagement_rate_by_views.value;
  const benchmark = f.benchmark_engagement_rate.value;
  if (byFollowers >= benchmark)
    return (
      `Engagement is a strength: ${byFollowers}% of followers engage per video (${byViews}% of views), above the ` +
      `${benchmark}% median for ${f.follower_tier} accounts. Scale the formats that already land before inventing new ones.`
    );
  return (
    `Engagement trails the tier: ${byFollowers}% by followers vs the ${benchmark}% median for ${f.follower_tier} ` +
    `accounts (${byViews}% by views). Put the payoff in the first 2 seconds and end on a question to pull comments.`
  );
}

function cadenceInsight(f: AccountHealthFacts): string {
  const perWeek = f.metrics.posts_per_week.value;
  const gaps = f.metrics.gaps_over_7_days.value;
  const breaks = gaps === 0 ? "no break over a week" : `${gaps} break${gaps === 1 ? "" : "s"} over a week`;
  if (perWeek < 2)
    return `Cadence is the cheapest lever: ${perWeek} posts/week with ${breaks}, under the brand median of 2. Batch-film 4 videos per session to hold 3–4 a week.`;
  if (perWeek >= 4)
    return `Cadence is top-quartile at ${perWeek} posts/week (${breaks}); protect it with a two-week buffer of finished videos.`;
  return `${perWeek} posts/week with ${breaks} sits between the brand median (2) and the top quartile (4+); one extra post a week closes the gap.`;
}

function reachInsight(f: AccountHealthFacts): string {
  const mean = f.metrics.mean_views.value;
  const median = f.metrics.median_views.value;
  const forYou = f.metrics.for_you_share.value;
  const fullWatch = f.metrics.full_watch_rate.value;
  if (median > 0 && mean > 2.5 * median)
    return (
      `Reach rests on a few hits: mean views ${compactNumber(mean)} vs a median of ${compactNumber(median)}. ` +
      `Turn the top videos' opening into a repeatable series; ${fullWatch}% full-watch rate says the middle holds.`
    );
  return (
    `Reach is steady: median ${compactNumber(median)} views (${f.metrics.views_per_follower.value}× followers), ` +
    `${forYou}% from For You, ${fullWatch}% watched to the end.`
  );
}
