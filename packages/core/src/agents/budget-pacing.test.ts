import { describe, expect, it } from "vitest";
import type { AdReportRow } from "../data/provider.ts";
import { budgetPacing, dailyBudgetOf } from "./budget-pacing.ts";

const windows = {
  previous: { start_date: "2026-10-18", end_date: "2026-10-24" },
  current: { start_date: "2026-10-25", end_date: "2026-10-31" },
};

function day(stat_date: string, spend: number): AdReportRow {
  return {
    stat_date,
    spend,
    impressions: 10_000,
    clicks: 100,
    conversion: 0,
    video_watched_2s: 0,
    video_watched_6s: 0,
  };
}

const dates = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => `2026-10-${String(from + i).padStart(2, "0")}`);

describe("budgetPacing", () => {
  it("flags under-delivery, counting a day TikTok left out as a day with no spend", () => {
    // $100 a day: the previous week spends 95 a day; the last week 60 a day on 6 days, nothing on the 7th.
    const rows = [...dates(18, 24).map((d) => day(d, 95)), ...dates(25, 30).map((d) => day(d, 60))];
    const pacing = budgetPacing(rows, windows, { daily: 100, basis: "given" });
    expect(pacing.previous).toMatchObject({
      days: 7,
      spend_usd: 665,
      planned_usd: 700,
      pacing_pct: 95,
      days_under: 0,
      status: "on_pace",
    });
    expect(pacing.current).toMatchObject({
      days: 7,
      spend_usd: 360,
      planned_usd: 700,
      pacing_pct: 51.43,
      days_under: 7,
      status: "under_delivering",
    });
    expect(pacing.note).toContain("under-delivering");
    expect(pacing.formula).toContain("spend ÷ (daily budget × days)");
  });

  it("counts days only from the campaign's first delivery, so a launch mid-window is not under-delivery", () => {
    const rows = dates(28, 31).map((d) => day(d, 100));
    const pacing = budgetPacing(rows, windows, { daily: 100, basis: "given" });
    expect(pacing.previous).toBeNull();
    expect(pacing.current).toMatchObject({ days: 4, pacing_pct: 100, status: "on_pace" });
  });

  it("flags over-delivery beyond 110% of the budget", () => {
    const rows = dates(25, 31).map((d) => day(d, 125));
    expect(budgetPacing(rows, windows, { daily: 100, basis: "given" }).current?.status).toBe(
      "over_delivering",
    );
  });

  it("says pacing is not available without a daily budget, and never treats spend as one", () => {
    const rows = dates(25, 31).map((d) => day(d, 80));
    const pacing = budgetPacing(
      rows,
      windows,
      dailyBudgetOf(undefined, { budget_mode: "BUDGET_MODE_TOTAL", budget: 5000 }),
    );
    expect(pacing).toMatchObject({ daily_budget_usd: null, previous: null, current: null });
    expect(pacing.note).toBe("pacing not available: the campaign has a lifetime budget, not a daily one");
  });
});

describe("dailyBudgetOf", () => {
  it("prefers a budget given to the review, then the campaign's daily budget", () => {
    expect(dailyBudgetOf(40, { budget_mode: "BUDGET_MODE_DAY", budget: 50 }).daily).toBe(40);
    expect(dailyBudgetOf(undefined, { budget_mode: "BUDGET_MODE_DAY", budget: 50 })).toMatchObject({
      daily: 50,
      basis: expect.stringContaining("daily budget"),
    });
    expect(dailyBudgetOf(undefined, { budget_mode: "BUDGET_MODE_INFINITE", budget: 0 }).daily).toBeNull();
    expect(dailyBudgetOf(undefined, null).basis).toContain("no campaign with this id");
  });
});
