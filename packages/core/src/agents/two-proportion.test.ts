import { describe, expect, it } from "vitest";
import { normalCdf, trialsNeeded, twoProportionTest } from "./two-proportion.ts";

describe("twoProportionTest", () => {
  it("matches a z-test computed by hand", () => {
    // p̂ = 240/20000 = .012; SE = sqrt(.012·.988·(2/10000)) = 1.5399e-3; z = .004 / SE = 2.5976.
    const test = twoProportionTest({ successes: 100, trials: 10_000 }, { successes: 140, trials: 10_000 });
    expect(test?.z).toBeCloseTo(2.5976, 3);
    expect(test?.p_value).toBeCloseTo(0.00939, 4);
    expect(test?.significant).toBe(true);
  });

  it("is null when a window has no trials", () => {
    expect(twoProportionTest({ successes: 0, trials: 0 }, { successes: 1, trials: 10 })).toBeNull();
  });
});

describe("normalCdf", () => {
  it("gives the familiar quantiles", () => {
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 6);
    expect(normalCdf(0)).toBeCloseTo(0.5, 6);
    expect(normalCdf(-1)).toBeCloseTo(0.158655, 5);
  });
});

describe("trialsNeeded", () => {
  it("aims at a 10% change when the observed one is smaller", () => {
    expect(trialsNeeded(0.01, 0.012)).toBe(
      Math.ceil((1.959964 ** 2 * (0.01 * 0.99 + 0.012 * 0.988)) / 0.002 ** 2),
    );
    expect(trialsNeeded(0.01, 0.01)).toBe(Math.ceil((1.959964 ** 2 * 2 * 0.01 * 0.99) / 0.001 ** 2));
  });
});
