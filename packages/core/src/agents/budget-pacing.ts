import { z } from "zod";
import type { AdReportRow, CampaignBudget, DayRange } from "../data/provider.ts";
import { lineSchema } from "./bounds.ts";
import { round2 } from "./metrics.ts";

/** Below this share of the budget a window under-delivers: bid, audience or creative limit it, not budget. */
export const UNDER_DELIVERY_PCT = 80;
/** Above this share a window over-delivers: TikTok may overshoot a day, not a whole window. */
export const OVER_DELIVERY_PCT = 110;

const DAY_MS = 86_400_000;

export const pacingWindowSchema = z.object({
  /** Days of the window from the campaign's first day with delivery. */
  days: z.number().int().nonnegative(),
  spend_usd: z.number(),
  planned_usd: z.number(),
  pacing_pct: z.number(),
  /** Days spending under UNDER_DELIVERY_PCT of the daily budget, days without delivery included. */
  days_under: z.number().int().nonnegative(),
  status: z.enum(["under_delivering", "on_pace", "over_delivering"]),
});
export type PacingWindow = z.infer<typeof pacingWindowSchema>;

export const pacingSchema = z.object({
  /** null: pacing is not available, `note` says why. */
  daily_budget_usd: z.number().positive().nullable(),
  /** Where the daily budget comes from. */
  budget_basis: lineSchema,
  formula: lineSchema,
  previous: pacingWindowSchema.nullable(),
  current: pacingWindowSchema.nullable(),
  note: lineSchema,
});
export type Pacing = z.infer<typeof pacingSchema>;

export const PACING_FORMULA =
  `spend ÷ (daily budget × days) × 100, days counted from the first day with delivery; ` +
  `under ${UNDER_DELIVERY_PCT}% under-delivering, over ${OVER_DELIVERY_PCT}% over-delivering (our thresholds)`;

/** The daily budget a review paces against, and where it comes from; null with the reason when there is none. */
export function dailyBudgetOf(
  given: number | undefined,
  campaign: CampaignBudget | null,
  unavailableReason?: string,
): { daily: number | null; basis: string } {
  if (given !== undefined) return { daily: given, basis: "daily budget given to the review" };
  if (unavailableReason) return { daily: null, basis: unavailableReason };
  if (!campaign) return { daily: null, basis: "the advertiser has no campaign with this id" };
  if (campaign.budget_mode === "BUDGET_MODE_DAY" && campaign.budget > 0)
    return { daily: campaign.budget, basis: "the campaign's daily budget as set now, from its settings" };
  if (campaign.budget_mode === "BUDGET_MODE_DYNAMIC_DAILY_BUDGET" && campaign.budget > 0)
    return {
      daily: campaign.budget,
      basis: "the campaign's dynamic daily budget as set now: an average per day over the week",
    };
  if (campaign.budget_mode === "BUDGET_MODE_TOTAL")
    return { daily: null, basis: "the campaign has a lifetime budget, not a daily one" };
  return { daily: null, basis: "the campaign sets no budget of its own (budgets are per ad group)" };
}

/**
 * Spend of each window against the daily budget × its days. A day with no report row spent nothing
 * (TikTok leaves such days out); days before the campaign's first delivery do not count.
 */
export function budgetPacing(
  rows: readonly AdReportRow[],
  windows: { previous: DayRange; current: DayRange },
  budget: { daily: number | null; basis: string },
): Pacing {
  const base = { daily_budget_usd: budget.daily, budget_basis: budget.basis, formula: PACING_FORMULA };
  if (budget.daily === null)
    return { ...base, previous: null, current: null, note: `pacing not available: ${budget.basis}` };
  const firstDay = rows.reduce<string | null>(
    (first, r) => (first === null || r.stat_date < first ? r.stat_date : first),
    null,
  );
  const daily = budget.daily;
  const window = (range: DayRange): PacingWindow | null => {
    if (firstDay === null || firstDay > range.end_date) return null;
    const start = [firstDay, range.start_date].sort()[1] as string;
    const days = Math.round((Date.parse(range.end_date) - Date.parse(start)) / DAY_MS) + 1;
    const inWindow = rows.filter((r) => r.stat_date >= start && r.stat_date <= range.end_date);
    const spend = inWindow.reduce((sum, r) => sum + r.spend, 0);
    const planned = daily * days;
    const pct = (spend / planned) * 100;
    const fullDays = inWindow.filter((r) => r.spend * 100 >= UNDER_DELIVERY_PCT * daily).length;
    return {
      days,
      spend_usd: round2(spend),
      planned_usd: round2(planned),
      pacing_pct: round2(pct),
      days_under: days - fullDays,
      status:
        pct < UNDER_DELIVERY_PCT
          ? "under_delivering"
          : pct > OVER_DELIVERY_PCT
            ? "over_delivering"
            : "on_pace",
    };
  };
  const [previous, current] = [window(windows.previous), window(windows.current)];
  return {
    ...base,
    previous,
    current,
    note: !current
      ? "no delivery in the last window"
      : current.status === "under_delivering"
        ? `under-delivering: ${current.pacing_pct}% of the budget spent, ${current.days_under} of ${current.days} days under ${UNDER_DELIVERY_PCT}%; check bid, audience size and ad approval`
        : current.status === "over_delivering"
          ? `over-delivering: ${current.pacing_pct}% of the budget spent; check the budget was not raised during the window`
          : `on pace: ${current.pacing_pct}% of the budget spent`,
  };
}
