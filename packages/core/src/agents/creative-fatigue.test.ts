import { describe, expect, it } from "vitest";
import type { AdCreativeRow } from "../data/provider.ts";
import { creativeFatigue, creativeFatigueUnavailable } from "./creative-fatigue.ts";

function ad(ad_id: string, impressions: number, clicks: number, reach: number | null = null): AdCreativeRow {
  return { ad_id, ad_name: `Ad ${ad_id}`, spend: impressions / 100, impressions, clicks, reach };
}

describe("creativeFatigue", () => {
  it("calls fatigue on a significant CTR drop and not on a drop within noise", () => {
    const result = creativeFatigue(
      // A: 1.5% → 0.9% on 40K impressions a week. B: 1.5% → 1.2% on 2K impressions (30 → 24 clicks).
      [ad("A", 40_000, 600, 20_000), ad("B", 2_000, 30, 1_600)],
      [ad("A", 40_000, 360, 12_000), ad("B", 2_000, 24, 1_500)],
    );
    const [a, b] = result.ads;
    expect(a).toMatchObject({ ad_id: "A", fatigued: true });
    expect(a?.ctr_test?.significant).toBe(true);
    expect(a?.ctr_test?.difference_pp).toBeCloseTo(-0.6, 10);
    // Unpooled SE: sqrt(.015·.985/4e4 + .009·.991/4e4) = 7.682e-4 → ±0.1506 pp.
    expect(a?.ctr_test?.interval_pp[0]).toBeCloseTo(-0.6 - 0.1506, 3);
    expect(a?.ctr_test?.interval_pp[1]).toBeCloseTo(-0.6 + 0.1506, 3);
    expect(a?.finding).toContain("fatigued");
    expect([a?.previous?.frequency, a?.current?.frequency]).toEqual([2, 3.33]);
    expect(b).toMatchObject({ ad_id: "B", fatigued: false });
    expect(b?.ctr_test?.significant).toBe(false);
    expect(b?.finding).toContain("within noise");
    expect(result.method).toContain("two-proportion z-test");
    expect(result.note).toBe("");
  });

  it("says frequency is not available when the report gives no reach", () => {
    const result = creativeFatigue([ad("A", 10_000, 100)], [ad("A", 10_000, 90), ad("C", 500, 9)]);
    expect(result.ads[0]?.current?.frequency).toBeNull();
    expect(result.note).toContain("frequency not available");
    expect(result.ads[1]).toMatchObject({ ad_id: "C", previous: null, ctr_test: null, fatigued: false });
  });

  it("states why the per-creative view is missing rather than showing nothing", () => {
    const result = creativeFatigueUnavailable("ad reports are not available from TikTok's APIs: test");
    expect(result.ads).toEqual([]);
    expect(result.note).toContain("per-creative fatigue not available");
  });
});
