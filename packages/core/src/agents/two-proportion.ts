/** z for a two-sided 95% interval. */
export const Z_95 = 1.959964;
/**
 * A change smaller than this share of the previous rate is not worth waiting for: it is what the
 * days-to-wait estimate aims at when the observed change is smaller still (or zero).
 */
export const SMALLEST_USEFUL_CHANGE = 0.1;

export const TWO_PROPORTION_METHOD =
  "two-proportion z-test (pooled standard error), 95% interval of the difference (unpooled)";

export interface Proportion {
  successes: number;
  trials: number;
}

export interface TwoProportionTest {
  /** Rates in %, unrounded. */
  previous_pct: number;
  current_pct: number;
  /** current − previous, in percentage points. */
  difference_pp: number;
  /** 95% interval of the difference, in percentage points. */
  interval_pp: [number, number];
  z: number;
  p_value: number;
  /** The 95% interval excludes zero (p < 0.05). */
  significant: boolean;
}

/**
 * Is `current` a different rate from `previous`, beyond what chance gives at these sample sizes?
 * @example twoProportionTest({ successes: 100, trials: 10_000 }, { successes: 140, trials: 10_000 }).significant // true
 */
export function twoProportionTest(previous: Proportion, current: Proportion): TwoProportionTest | null {
  if (previous.trials === 0 || current.trials === 0) return null;
  const p0 = previous.successes / previous.trials;
  const p1 = current.successes / current.trials;
  const pooled = (previous.successes + current.successes) / (previous.trials + current.trials);
  const pooledSe = Math.sqrt(pooled * (1 - pooled) * (1 / previous.trials + 1 / current.trials));
  const se = Math.sqrt((p0 * (1 - p0)) / previous.trials + (p1 * (1 - p1)) / current.trials);
  const difference = p1 - p0;
  const z = pooledSe === 0 ? 0 : difference / pooledSe;
  const pValue = 2 * (1 - normalCdf(Math.abs(z)));
  return {
    previous_pct: p0 * 100,
    current_pct: p1 * 100,
    difference_pp: difference * 100,
    interval_pp: [(difference - Z_95 * se) * 100, (difference + Z_95 * se) * 100],
    z,
    p_value: pValue,
    significant: pValue < 0.05,
  };
}

/**
 * Trials each window needs for a difference between these rates to clear the 95% bar, assuming equal
 * windows; a difference under SMALLEST_USEFUL_CHANGE of the previous rate is raised to it.
 */
export function trialsNeeded(previousRate: number, currentRate: number): number {
  const difference = Math.max(Math.abs(currentRate - previousRate), SMALLEST_USEFUL_CHANGE * previousRate);
  if (difference === 0) return Number.POSITIVE_INFINITY;
  const variance = previousRate * (1 - previousRate) + currentRate * (1 - currentRate);
  return Math.ceil((Z_95 ** 2 * variance) / difference ** 2);
}

/** Standard normal CDF via erf (Abramowitz & Stegun 7.1.26, error < 1.5e-7). */
export function normalCdf(x: number): number {
  const t = 1 / (1 + (0.3275911 * Math.abs(x)) / Math.SQRT2);
  const poly =
    t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-(x * x) / 2);
  return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}
