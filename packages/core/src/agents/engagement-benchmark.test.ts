import { describe, expect, it } from "vitest";
import { engagementBenchmarks } from "./engagement-benchmark.ts";

describe("engagementBenchmarks", () => {
  it("gives a brand Rival IQ's brand medians, by followers and by views for its industry", () => {
    const brand = engagementBenchmarks("brand", 250_000, "beauty");
    expect(brand.by_followers).toMatchObject({ value: 2.6, source: expect.stringContaining("Rival IQ") });
    expect(brand.by_followers.source).toContain("2024");
    expect(brand.by_followers.formula).toContain("saves not counted");
    expect(brand.by_views).toMatchObject({ value: 2.7, formula: expect.stringContaining("Health & Beauty") });
    expect(engagementBenchmarks("brand", 250_000, "gaming").by_views).toBeNull();
  });

  it.each([
    [99_999, "under 100K", 7.5],
    [100_000, "100K–500K", 5.1],
    [750_000, "500K–1M", 4.5],
    [1_000_000, "1M–5M", 3.8],
    [5_000_000, "5M–10M", 4.2],
    [12_000_000, "10M+", 2.9],
  ])("gives a creator with %i followers the %s tier's median, %s%%", (followers, tier, value) => {
    const creator = engagementBenchmarks("creator", followers, "beauty");
    expect(creator.by_followers.value).toBe(value);
    expect(creator.by_followers.formula).toContain(tier);
    expect(creator.by_followers.source).toContain("Influencer Marketing Factory");
    // Every benchmark states its year; this publisher gives none, and the source says so.
    expect(creator.by_followers.source).toMatch(/\b20\d\d\b|year not stated/);
    expect(creator.by_views).toBeNull();
  });
});
