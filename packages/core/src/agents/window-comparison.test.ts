import { describe, expect, it } from "vitest";
import type { AdReportRow } from "../data/provider.ts";
import { adWindowExact, compareWindows } from "./window-comparison.ts";

const row = (clicks: number, spend: number, conversion: number): AdReportRow => ({
  stat_date: "2026-10-30",
  spend,
  impressions: 100_000,
  clicks,
  conversion,
  video_watched_2s: 0,
  video_watched_6s: 0,
});

describe("compareWindows", () => {
  it("computes changes from unrounded values and rounds only what it shows", () => {
    // CTR 1.004% → 1.016%: shown as 1% → 1.02%, which would read +2%; the change is +1.2%.
    const { previous, current, change_pct } = compareWindows(
      adWindowExact([row(1_016, 300, 0)]),
      adWindowExact([row(1_004, 300, 0)]),
    );
    expect([previous.ctr_pct, current.ctr_pct]).toEqual([1, 1.02]);
    expect(change_pct.ctr_pct).toBe(1.2);
    // CPC $0.29880… → $0.29527…: shown as $0.30 and $0.30 (no change); the change is −1.18%.
    expect([previous.cpc_usd, current.cpc_usd]).toEqual([0.3, 0.3]);
    expect(change_pct.cpc_usd).toBe(-1.18);
  });

  it("gives CPA only where conversions exist", () => {
    const { previous, current, change_pct } = compareWindows(
      adWindowExact([row(1_000, 300, 12)]),
      adWindowExact([row(1_000, 300, 0)]),
    );
    expect(previous.cpa_usd).toBeNull();
    expect(current.cpa_usd).toBe(25);
    expect(change_pct.cpa_usd).toBeNull();
    expect(current.conversion_rate_pct).toBe(1.2);
  });
});
