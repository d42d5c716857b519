import { clamp, daysBefore, round, utcDay } from "./offline-numbers.ts";
import type { AdCreativeRow, AdReportRow, CampaignBudget, DayRange } from "./provider.ts";
import { hashSeed, seededRandom } from "./seeded-random.ts";

/** Traits of an offline campaign: budget, cost and creative quality, and how they drift with age. */
interface OfflineCampaign {
  dailyBudget: number;
  cpm: number;
  ctr: number;
  hookRate: number;
  /** 6-second views per 2-second view. */
  holdRatio: number;
  conversionRate: number;
  /**
   * Relative change across the last 30 days: creative fatigue (negative) or learning (positive).
   * Anchored to the report's end so every campaign moves inside the windows a review compares.
   */
  ctrDrift: number;
  cpmDrift: number;
  hookDrift: number;
  ageDays: number;
}

function offlineCampaign(campaignId: string): OfflineCampaign {
  const random = seededRandom(`campaign:${campaignId}`);
  return {
    dailyBudget: random.pick([30, 50, 75, 100, 150, 250]),
    cpm: random.between(4.5, 11),
    ctr: random.between(0.006, 0.018),
    hookRate: random.between(0.22, 0.42),
    holdRatio: random.between(0.35, 0.6),
    conversionRate: random.between(0.01, 0.05),
    ctrDrift: random.between(-0.4, 0.35),
    cpmDrift: random.between(-0.2, 0.3),
    hookDrift: random.between(-0.3, 0.2),
    ageDays: random.int(20, 90),
  };
}

/**
 * Daily rows of complete days, oldest first, ending yesterday: today's metrics are still settling.
 * A day's noise is seeded by (campaign, date), so a row is the same whatever range asked for it.
 */
export function offlineCampaignReport(campaignId: string, days: number, now: Date): AdReportRow[] {
  const campaign = offlineCampaign(campaignId);
  const rows: AdReportRow[] = [];
  for (let back = Math.min(days, campaign.ageDays); back >= 1; back--) {
    const statDate = utcDay(daysBefore(now, back));
    const random = seededRandom(`campaign:${campaignId}:${statDate}`);
    const progress = clamp(1 - back / 30, 0, 1);
    const spend = round(campaign.dailyBudget * random.between(0.85, 1), 2);
    const cpm = clamp(campaign.cpm * (1 + campaign.cpmDrift * progress) * random.logNormal(1, 0.08), 4, 12);
    const ctr = clamp(
      campaign.ctr * (1 + campaign.ctrDrift * progress) * random.logNormal(1, 0.1),
      0.005,
      0.02,
    );
    const impressions = Math.round((spend / cpm) * 1000);
    const clicks = Math.round(impressions * ctr);
    const watched2s = Math.round(
      impressions * campaign.hookRate * (1 + campaign.hookDrift * progress) * random.logNormal(1, 0.06),
    );
    rows.push({
      stat_date: statDate,
      spend,
      impressions,
      clicks,
      conversion: Math.round(clicks * campaign.conversionRate * random.logNormal(1, 0.2)),
      video_watched_2s: watched2s,
      video_watched_6s: Math.round(watched2s * campaign.holdRatio * random.logNormal(1, 0.06)),
    });
  }
  return rows;
}

/** The offline campaign's budget: the daily budget its report rows spend against. */
export function offlineCampaignBudget(campaignId: string): CampaignBudget {
  return { budget_mode: "BUDGET_MODE_DAY", budget: offlineCampaign(campaignId).dailyBudget };
}

const CREATIVE_NAMES = [
  "Hook: before / after",
  "Hook: 3 mistakes",
  "UGC testimonial",
  "15-second demo",
  "Founder story",
] as const;

/** Days over which the fatiguing creative's CTR wears down, ending yesterday. */
const FATIGUE_DAYS = 14;

/**
 * Each ad of the campaign over a range: the campaign's daily rows split between 2 to 4 creatives.
 * One creative fatigues: its CTR wears from 1.25× to 0.6× the campaign's over the last 14 days while
 * its frequency climbs; the others hold (with daily noise). Ads sum to the campaign's rows.
 */
export function offlineAdReport(campaignId: string, range: DayRange, now: Date): AdCreativeRow[] {
  const random = seededRandom(`ads:${campaignId}`);
  const names = random.sample(CREATIVE_NAMES, random.int(2, 4));
  const shares = names.map(() => random.between(0.6, 1.4));
  const fatiguing = random.int(0, names.length - 1);
  const back = (day: string) => Math.round((Date.parse(utcDay(now)) - Date.parse(day)) / 86_400_000);
  const rows = offlineCampaignReport(campaignId, back(range.start_date), now).filter(
    (r) => r.stat_date >= range.start_date && r.stat_date <= range.end_date,
  );
  const totals = names.map(() => ({ spend: 0, impressions: 0, clicks: 0 }));
  for (const row of rows) {
    const day = seededRandom(`ads:${campaignId}:${row.stat_date}`);
    const worn = clamp(1 - back(row.stat_date) / FATIGUE_DAYS, 0, 1);
    const ctrWeights = names.map((_, i) => (i === fatiguing ? 1.25 - 0.65 * worn : day.logNormal(1, 0.08)));
    const impressions = split(row.impressions, shares);
    const clicks = split(
      row.clicks,
      impressions.map((n, i) => n * (ctrWeights[i] as number)),
    );
    const spend = split(Math.round(row.spend * 100), impressions);
    totals.forEach((t, i) => {
      t.impressions += impressions[i] as number;
      t.clicks += clicks[i] as number;
      t.spend += (spend[i] as number) / 100;
    });
  }
  const days = rows.length;
  const wornAtEnd = clamp(1 - back(range.end_date) / FATIGUE_DAYS, 0, 1);
  return names.flatMap((name, i) => {
    const t = totals[i] as (typeof totals)[number];
    if (t.impressions === 0) return [];
    // Frequency grows with the days in the range, faster for the creative its audience has seen most.
    const frequency = 1 + 0.07 * days * (1 + (i === fatiguing ? 2.5 * wornAtEnd : 0));
    return [
      {
        ad_id: `offline_ad_${hashSeed(`${campaignId}:${name}`).toString(16).padStart(8, "0")}`,
        ad_name: name,
        spend: round(t.spend, 2),
        impressions: t.impressions,
        clicks: t.clicks,
        reach: Math.round(t.impressions / frequency),
      },
    ];
  });
}

/** `total` split in proportion to `weights`, whole numbers summing exactly to `total`. */
function split(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const parts = weights.map((w) => (sum === 0 ? 0 : Math.floor((total * w) / sum)));
  const rest = total - parts.reduce((a, b) => a + b, 0);
  parts[parts.length - 1] = (parts.at(-1) ?? 0) + rest;
  return parts;
}
