import { clamp, daysBefore, round, utcDay } from "./offline-numbers.ts";
import type { AdReportRow } from "./provider.ts";
import { seededRandom } from "./seeded-random.ts";

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
