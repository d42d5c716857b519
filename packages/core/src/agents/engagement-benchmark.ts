import { z } from "zod";
import { lineSchema } from "./bounds.ts";
import { metricSchema } from "./metrics.ts";

/** A brand is judged against brands, a creator against creators of its size: their norms differ. */
export const ACCOUNT_TYPES = ["brand", "creator"] as const;
export type AccountType = (typeof ACCOUNT_TYPES)[number];

/** A published figure, with who published it and when, so a reader can weigh it. */
export const benchmarkSchema = metricSchema.extend({ source: lineSchema });
export type Benchmark = z.infer<typeof benchmarkSchema>;

export const engagementBenchmarksSchema = z.object({
  /** What the health score's engagement driver compares engagement rate by followers with. */
  by_followers: benchmarkSchema,
  /** Null when no published figure by views fits the account (a creator, or an industry without one). */
  by_views: benchmarkSchema.nullable(),
});
export type EngagementBenchmarks = z.infer<typeof engagementBenchmarksSchema>;

const RIVAL_IQ = "Rival IQ Social Media Industry Benchmark Report, 2024";
const RIVAL_IQ_TERMS = "median per post of (likes + comments + shares)";
const RIVAL_IQ_BY_FOLLOWERS = 2.6;
/** Rival IQ's TikTok engagement rate by views for the industries our categories map to. */
const RIVAL_IQ_BY_VIEWS: Record<string, { industry: string; value: number }> = {
  beauty: { industry: "Health & Beauty", value: 2.7 },
  fitness: { industry: "Health & Beauty", value: 2.7 },
  fashion: { industry: "Fashion", value: 2.7 },
  food: { industry: "Food & Beverage", value: 2.6 },
  retail: { industry: "Retail", value: 2.6 },
};

// The publisher gives no year for these tiers: say so rather than guess one.
const CREATOR_SOURCE =
  "Influencer Marketing Factory, TikTok engagement rate by follower tier (year not stated)";
/** Median engagement rate by followers of influencers, by follower tier. */
export const FOLLOWER_TIERS = [
  { tier: "under 100K", maxFollowers: 100_000, benchmarkEr: 7.5 },
  { tier: "100K–500K", maxFollowers: 500_000, benchmarkEr: 5.1 },
  { tier: "500K–1M", maxFollowers: 1_000_000, benchmarkEr: 4.5 },
  { tier: "1M–5M", maxFollowers: 5_000_000, benchmarkEr: 3.8 },
  { tier: "5M–10M", maxFollowers: 10_000_000, benchmarkEr: 4.2 },
  { tier: "10M+", maxFollowers: Number.POSITIVE_INFINITY, benchmarkEr: 2.9 },
] as const;

export function followerTier(followers: number): (typeof FOLLOWER_TIERS)[number] {
  return FOLLOWER_TIERS.find((t) => followers < t.maxFollowers) ?? FOLLOWER_TIERS[5];
}

/**
 * The published engagement figures an account of this type is fairly judged by. A brand gets Rival IQ's
 * brand medians, never the influencer tiers (influencers engage their audience differently).
 */
export function engagementBenchmarks(
  type: AccountType,
  followers: number,
  category: string,
): EngagementBenchmarks {
  if (type === "creator") {
    const { tier, benchmarkEr } = followerTier(followers);
    return {
      by_followers: {
        value: benchmarkEr,
        formula: `median engagement rate by followers of ${tier} creators`,
        source: CREATOR_SOURCE,
      },
      by_views: null,
    };
  }
  const industry = RIVAL_IQ_BY_VIEWS[category.toLowerCase()];
  return {
    by_followers: {
      value: RIVAL_IQ_BY_FOLLOWERS,
      formula: `brands' ${RIVAL_IQ_TERMS} / followers × 100, all industries; saves not counted`,
      source: RIVAL_IQ,
    },
    by_views: industry
      ? {
          value: industry.value,
          formula: `brands' ${RIVAL_IQ_TERMS} / views × 100, ${industry.industry}; saves not counted`,
          source: RIVAL_IQ,
        }
      : null,
  };
}
