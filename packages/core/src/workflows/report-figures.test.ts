// Recomputes each headline figure of the seeded reports from the raw offline data, with code written
// here on purpose: reusing the agents' helpers (metrics, health-score, review-verdict, two-proportion)
// would only prove they agree with themselves. Definitions: docs/report-figures.md.
import { beforeAll, describe, expect, it } from "vitest";
import { createOfflineProvider } from "../data/offline-provider.ts";
import type { AdReportRow, TikTokVideo } from "../data/provider.ts";
import { CAMPAIGN_LAUNCH } from "./campaign-launch.ts";
import { POST_LAUNCH_LOOP } from "./post-launch-loop.ts";
import { PROFILE_AUDIT } from "./profile-audit.ts";
import { APPROVED_DAILY_BUDGET, BRIEF, LOOP_CAMPAIGN, now, runSeededReport } from "./seeded-report-runs.ts";

const DAY_SECONDS = 86_400;
const WINDOW_DAYS = 90;
const LOOP_WINDOW_DAYS = 7;
/** The 97.5th percentile of the standard normal: |z| above it is significant at 95%, two-sided. */
const Z_CRITICAL = 1.959964;

const data = createOfflineProvider({ now });

// --- Independent arithmetic -----------------------------------------------------------------------

function medianOf(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const half = sorted.length / 2;
  if (sorted.length === 0) throw new Error("median of nothing");
  return Number.isInteger(half)
    ? ((sorted[half - 1] ?? 0) + (sorted[half] ?? 0)) / 2
    : (sorted[Math.floor(half)] ?? 0);
}

const to2 = (value: number) => Math.round(value * 100) / 100;
const to3 = (value: number) => Math.round(value * 1000) / 1000;
const pctChange = (current: number, previous: number) => ((current - previous) / previous) * 100;

/** Standard normal CDF by Simpson's rule on the density: slow, plain, and unlike the agents' erf. */
function normalCdf(x: number): number {
  const steps = 2_000;
  const h = Math.abs(x) / steps;
  const pdf = (t: number) => Math.exp((-t * t) / 2) / Math.sqrt(2 * Math.PI);
  let area = pdf(0) + pdf(Math.abs(x));
  for (let i = 1; i < steps; i++) area += (i % 2 === 1 ? 4 : 2) * pdf(i * h);
  const half = (area * h) / 3;
  return x >= 0 ? 0.5 + half : 0.5 - half;
}

interface RateComparison {
  differencePp: number;
  intervalPp: [number, number];
  p: number;
  significant: boolean;
}

/** Two-proportion z-test, pooled standard error for z, unpooled for the 95% interval. */
function compareRates(previous: [number, number], current: [number, number]): RateComparison {
  const [s0, n0] = previous;
  const [s1, n1] = current;
  const p0 = s0 / n0;
  const p1 = s1 / n1;
  const pooled = (s0 + s1) / (n0 + n1);
  const z = (p1 - p0) / Math.sqrt(pooled * (1 - pooled) * (1 / n0 + 1 / n1));
  const unpooled = Math.sqrt((p0 * (1 - p0)) / n0 + (p1 * (1 - p1)) / n1);
  return {
    differencePp: (p1 - p0) * 100,
    intervalPp: [(p1 - p0 - Z_CRITICAL * unpooled) * 100, (p1 - p0 + Z_CRITICAL * unpooled) * 100],
    p: 2 * (1 - normalCdf(Math.abs(z))),
    significant: Math.abs(z) > Z_CRITICAL,
  };
}

// --- Reading the report ----------------------------------------------------------------------------

/** "153.3K" -> [153_300, 50]: the value and how far the true figure may be from it after rounding. */
function readCompact(text: string): { value: number; tolerance: number } {
  const match = /^(\d+(?:\.\d+)?)([KMB]?)$/.exec(text);
  if (!match) throw new Error(`not a compact number: ${text}`);
  const unit = { "": 1, K: 1e3, M: 1e6, B: 1e9 }[match[2] as "" | "K" | "M" | "B"];
  const decimals = match[1]?.split(".")[1]?.length ?? 0;
  return { value: Number(match[1]) * unit, tolerance: (0.5 * unit) / 10 ** decimals };
}

/** "+14.26%" / "−6.9%" / "-6" -> signed number (reports write minus as U+2212 or "-"). */
function readSigned(text: string): number {
  return Number(text.replace("−", "-").replace("%", "").replace("+", ""));
}

function capture(report: string, pattern: RegExp): string[] {
  const match = pattern.exec(report);
  if (!match) throw new Error(`the report has no match for ${pattern}`);
  return match.slice(1).map((group) => group ?? "");
}

/** The rows of the first Markdown table after `heading`, as cells. */
function tableAfter(report: string, heading: string): string[][] {
  const start = report.indexOf(heading);
  if (start < 0) throw new Error(`the report has no "${heading}"`);
  const lines = report.slice(start).split("\n");
  const first = lines.findIndex((line) => line.startsWith("|"));
  const rows: string[][] = [];
  for (const line of lines.slice(first + 2)) {
    if (!line.startsWith("|")) break;
    rows.push(
      line
        .slice(1, -1)
        .split(" | ")
        .map((cell) => cell.trim()),
    );
  }
  return rows;
}

function expectCompact(shown: string, actual: number) {
  const { value, tolerance } = readCompact(shown);
  expect(Math.abs(value - actual), `${shown} for ${actual}`).toBeLessThanOrEqual(tolerance);
}

// --- The audit figures, shared by the three reports ------------------------------------------------

interface AuditTruth {
  followers: number;
  medianErByFollowers: number;
  withSaves: number;
  mean: number;
}

async function auditTruth(): Promise<AuditTruth> {
  const profile = await data.getProfile(BRIEF.handle);
  // Every video there is (the provider's page limit), so a list cut short by an agent would show.
  const videos = await data.listVideos(BRIEF.handle, { limit: 500 });
  const since = now().getTime() / 1000 - WINDOW_DAYS * DAY_SECONDS;
  const posts = videos.filter((v) => v.create_time >= since);
  const followers = profile.follower_count;
  const rate = (v: TikTokVideo, saves: boolean) =>
    ((v.like_count + v.comment_count + v.share_count + (saves ? (v.save_count ?? 0) : 0)) / followers) * 100;
  const rates = posts.map((v) => rate(v, false));
  return {
    followers,
    medianErByFollowers: medianOf(rates),
    withSaves: medianOf(posts.map((v) => rate(v, true))),
    mean: rates.reduce((a, b) => a + b, 0) / rates.length,
  };
}

function checkAuditHeadline(report: string, truth: AuditTruth) {
  const [score, followers, er, days, benchmark, type, source] = capture(
    report,
    /Health score \*\*(\d+)\/100\*\*; (\S+) followers \([^)]*\); median ER ([\d.]+)% by followers \(last (\d+) days\) vs ([\d.]+)% (\w+) benchmark \(([^)]+)\)/,
  );
  expectCompact(followers ?? "", truth.followers);
  expect(Number(days)).toBe(WINDOW_DAYS);
  expect(Number(er)).toBe(to2(truth.medianErByFollowers));
  // The brief says brand: Rival IQ's 2024 brand median by followers, 2.6% (docs/report-figures.md).
  expect(type).toBe("brand");
  expect(Number(benchmark)).toBe(2.6);
  expect(source).toMatch(/Rival IQ.*2024/);
  return { score: Number(score), er: Number(er), benchmark: Number(benchmark), source: source ?? "" };
}

/** The report states the score as its baseline plus the drivers' impacts, clamped: the table must add up. */
function checkHealthDrivers(report: string, headline: { score: number; er: number; source: string }) {
  const [baseline] = capture(
    report,
    /\*\*Health score: \d+\/100\*\* \((\d+) \+ Σ driver impacts, clamped to 0–100/,
  );
  const drivers = tableAfter(report, "## Account health");
  expect(drivers.length).toBeGreaterThan(0);
  const total = drivers.reduce((sum, [, impact]) => sum + readSigned(impact ?? ""), 0);
  expect(Math.round(Math.min(100, Math.max(0, Number(baseline) + total)))).toBe(headline.score);
  // The engagement driver judges the same median ER against the same benchmark and source.
  const engagement = drivers.find(([factor]) => factor === "Engagement vs benchmark");
  expect(engagement?.[2]).toContain(`${headline.er}% median per post by followers`);
  expect(engagement?.[2]).toContain(headline.source);
}

// --- The health score, driver by driver --------------------------------------------------------------

/** Each driver's input as the report prints it (its detail) and the impact that input earns. */
interface DriverTruth {
  impact: number;
  shown: string;
}

const to1 = (value: number) => Math.round(value * 10) / 10;
const within = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));
const log2 = (value: number) => Math.log(value) / Math.LN2;

/**
 * Every driver of @lakucosmetics' score recomputed from its raw videos, profile and follower history,
 * by the formulas of docs/report-figures.md. Inputs are rounded as the report prints them (0.01, views
 * to the unit) before they are scored, so the table can be recomputed from the report alone.
 */
async function healthTruth(audit: AuditTruth): Promise<Record<string, DriverTruth>> {
  const profile = await data.getProfile(BRIEF.handle);
  const videos = await data.listVideos(BRIEF.handle, { limit: 500 });
  const history = await data.getFollowerHistory(BRIEF.handle, { days: WINDOW_DAYS });
  const nowSeconds = now().getTime() / 1000;
  const since = nowSeconds - WINDOW_DAYS * DAY_SECONDS;
  const posts = videos.filter((v) => v.create_time >= since);
  // The account posted before the window, so cadence is judged on the full 90 days, not a shorter span.
  expect(Math.min(...videos.map((v) => v.create_time))).toBeLessThan(since);
  const followers = profile.follower_count;

  const er = to2(audit.medianErByFollowers);
  const perWeek = to2(posts.length / (WINDOW_DAYS / 7));
  const times = [...posts.map((v) => v.create_time), nowSeconds].sort((a, b) => a - b);
  const breaks = times.filter((t, i) => i > 0 && t - (times[i - 1] ?? t) > 7 * DAY_SECONDS).length;

  const first = history[0];
  const last = history[history.length - 1];
  if (!first || !last) throw new Error("expected a follower history");
  const spanDays = (Date.parse(last.date) - Date.parse(first.date)) / (DAY_SECONDS * 1000);
  const growth = to2(((last.follower_count / first.follower_count) ** (30 / spanDays) - 1) * 100);
  const expectedGrowth = followers < 100_000 ? 5 : 2.5;

  const views = posts.map((v) => v.view_count);
  const totalViews = views.reduce((a, b) => a + b, 0);
  const medianViews = Math.round(medianOf(views));
  const meanViews = Math.round(totalViews / views.length);
  const perFollower = to2(medianOf(views) / followers);
  const fullWatch = to2(
    (posts.reduce((sum, v) => sum + (v.full_video_watched_rate ?? Number.NaN) * v.view_count, 0) /
      totalViews) *
      100,
  );
  const skew = meanViews / medianViews;

  return {
    "Engagement vs benchmark": {
      impact: within(20 * log2(er / 2.6), -20, 20),
      shown: `${er}% median per post`,
    },
    "Posting cadence": { impact: within(5 * (perWeek - 2), -10, 10), shown: `${perWeek} posts/week` },
    "Breaks over 7 days": {
      impact: breaks === 0 ? 5 : Math.max(-9, -3 * breaks),
      shown: `${breaks} break(s)`,
    },
    "Follower growth": {
      impact: within(3 * (growth - expectedGrowth), -8, 12),
      shown: `${growth}%/month vs ~${expectedGrowth}%`,
    },
    "Reach per follower": {
      impact: within(6 * log2(perFollower / 0.25), -10, 10),
      shown: `median views are ${perFollower}× followers`,
    },
    "Full-watch retention": { impact: within((fullWatch - 20) / 2, -8, 8), shown: `${fullWatch}% of views` },
    "Dependence on viral hits": {
      impact: skew > 3 ? -Math.min(8, 2 * (skew - 3) + 2) : 0,
      shown: `mean views are ${to2(skew)}× the median`,
    },
  };
}

// --- The tests ---------------------------------------------------------------------------------------

describe("the audit figures every seeded report leads with", () => {
  let truth: AuditTruth;
  beforeAll(async () => {
    truth = await auditTruth();
  });

  it("holds data where the definition matters: saves or a mean would change the median ER shown", () => {
    // Without this, the checks below could not tell the documented figure from a near miss.
    expect(to2(truth.withSaves)).not.toBe(to2(truth.medianErByFollowers));
    expect(to2(truth.mean)).not.toBe(to2(truth.medianErByFollowers));
  });

  it.each([PROFILE_AUDIT, CAMPAIGN_LAUNCH, POST_LAUNCH_LOOP])(
    "$slug: followers, median ER by followers over 90 days and the brand benchmark recompute from the raw data; the score is its drivers' sum",
    async (workflow) => {
      const { report } = await runSeededReport(workflow);
      const headline = checkAuditHeadline(report, truth);
      checkHealthDrivers(report, headline);
    },
  );
});

describe("the health score of the seeded audit", () => {
  it("recomputes every driver's input and impact from the raw videos, profile and follower history, and the score from them", async () => {
    const { report } = await runSeededReport(PROFILE_AUDIT);
    const truth = await healthTruth(await auditTruth());
    const table = tableAfter(report, "## Account health");
    // Every driver has data for this brand (business source: history and watch data), so none is left out.
    expect(report).toMatch(/\(50 \+ Σ driver impacts, clamped to 0–100\)/);
    const shown = Object.fromEntries(table.map(([factor, impact, detail]) => [factor, { impact, detail }]));
    expect(Object.keys(shown).sort()).toEqual(Object.keys(truth).sort());
    for (const [factor, { impact, shown: input }] of Object.entries(truth)) {
      expect(readSigned(shown[factor]?.impact ?? ""), factor).toBe(to1(impact) || 0);
      expect(shown[factor]?.detail, factor).toContain(input);
    }
    // Biggest effect first, and the score is 50 plus the rounded impacts, clamped and rounded.
    const impacts = table.map(([, impact]) => Math.abs(readSigned(impact ?? "")));
    expect(impacts).toEqual([...impacts].sort((a, b) => b - a));
    const total = Object.values(truth).reduce((sum, d) => sum + to1(d.impact), 0);
    const [score] = capture(report, /Health score \*\*(\d+)\/100\*\*/);
    expect(Number(score)).toBe(Math.round(within(50 + total, 0, 100)));
  });
});

describe("campaign_launch's headline campaign", () => {
  it("shows the approved daily budget and forecasts impressions as total budget / stated CPM × 1000", async () => {
    const { report } = await runSeededReport(CAMPAIGN_LAUNCH);
    const [budget, days, impressions, basis] = capture(
      report,
      /daily budget of USD (\d+(?:\.\d+)?) for (\d+) days; forecast (\S+) impressions at the (drafted|approved) budget/,
    );
    expect(Number(budget)).toBe(APPROVED_DAILY_BUDGET);
    // The drafted budget is the step's option, and the decision record says the reviewer changed it.
    const campaignStep = CAMPAIGN_LAUNCH.steps.find((s) => s.key === "campaign");
    const options = campaignStep?.kind === "agent" ? campaignStep.options : undefined;
    const drafted = Number(options?.daily_budget);
    expect(report).toContain(`changing campaign.budget from ${drafted} to ${APPROVED_DAILY_BUDGET}`);
    const [cpm] = tableAfter(report, "### Forecast").map((row) => row[3]);
    const cpmUsd = Number(cpm?.replace("$", ""));
    expect(cpmUsd).toBeGreaterThan(0);
    const daily = basis === "approved" ? APPROVED_DAILY_BUDGET : drafted;
    expectCompact(impressions ?? "", ((daily * Number(days)) / cpmUsd) * 1000);
  });
});

describe("the top trend a report leads with", () => {
  it("is the kept hashtag with the highest volume-weighted growth, recomputed from the raw trend feed", async () => {
    const { report } = await runSeededReport(PROFILE_AUDIT);
    const [name, velocityShown, postsShown] = capture(
      report,
      /Top trend in US by momentum \(growth weighted by volume\): #(\w+), ([+−]\d+(?:\.\d+)?)% posts \((\S+) now\)/,
    );
    const category = capture(report, /## Trends: (\w+) in US/)[0] ?? "";
    const feed = await data.getTrends({ category, region: "US", freshnessHours: 72 });
    const kept = tableAfter(report, "## Trends").map((row) => row[1]?.replace(/^#/, "") ?? "");
    expect(kept.length).toBeGreaterThan(1);
    // Velocity is growth in posts over the window before; momentum weighs it by posts / (posts + 2,500).
    const momentum = new Map(
      kept.map((tag) => {
        const t = feed.find((f) => f.kind === "hashtag" && f.name === tag);
        if (!t) throw new Error(`#${tag} is not in the raw feed`);
        expect(t.posts_current).toBeGreaterThanOrEqual(100);
        const velocity = ((t.posts_current - t.posts_previous) / Math.max(t.posts_previous, 1)) * 100;
        return [tag, { velocity, momentum: (velocity * t.posts_current) / (t.posts_current + 2_500), t }];
      }),
    );
    const best = [...momentum.entries()].sort((a, b) => b[1].momentum - a[1].momentum)[0];
    expect(name).toBe(best?.[0]);
    expect(Number(velocityShown?.replace("−", "-"))).toBeCloseTo(best?.[1].velocity ?? Number.NaN, 1);
    expectCompact(postsShown ?? "", best?.[1].t.posts_current ?? Number.NaN);
  });
});

describe("campaign_launch's content plan", () => {
  it("plans 2 weeks at 4 posts a week with only the hashtags approved at the campaign gate", async () => {
    const { report, context } = await runSeededReport(CAMPAIGN_LAUNCH);
    const [count, tags] = capture(report, /Plan: (\d+) posts with ((?:#\w+ ?)+)/);
    expect(Number(count)).toBe(8);
    const outputs = Object.values(
      (context as { outputs: Record<string, { kind: string; output: unknown }> }).outputs,
    );
    const gate = outputs.find((o) => o.kind === "approval" && (o.output as { payload?: unknown }).payload);
    if (!gate) throw new Error("expected the campaign gate's approved value");
    const { payload } = gate.output as { payload: { ad_groups: { hashtags: string[] }[] } };
    const approved = payload.ad_groups.flatMap((g) => g.hashtags);
    const planned = (tags ?? "")
      .trim()
      .split(" ")
      .map((t) => t.replace(/^#/, ""));
    expect(planned.length).toBeGreaterThan(0);
    for (const tag of planned) expect(approved).toContain(tag);
  });
});

interface Windows {
  current: AdReportRow[];
  previous: AdReportRow[];
}

/** The last 7 complete days against the 7 before, split by calendar day as the report rows are keyed. */
async function adWindows(campaignId: string): Promise<Windows> {
  const rows = await data.getCampaignReport(campaignId, { days: 2 * LOOP_WINDOW_DAYS });
  const day = (back: number) =>
    new Date(now().getTime() - back * DAY_SECONDS * 1000).toISOString().slice(0, 10);
  const boundary = day(LOOP_WINDOW_DAYS);
  const start = day(2 * LOOP_WINDOW_DAYS);
  return {
    current: rows.filter((r) => r.stat_date >= boundary),
    previous: rows.filter((r) => r.stat_date >= start && r.stat_date < boundary),
  };
}

function totals(rows: AdReportRow[]) {
  const add = (of: (r: AdReportRow) => number) => rows.reduce((sum, r) => sum + of(r), 0);
  return {
    spend: add((r) => r.spend),
    impressions: add((r) => r.impressions),
    clicks: add((r) => r.clicks),
    conversions: add((r) => r.conversion),
  };
}

const VERDICT_WORDS = { scale: "SCALE", cut: "CUT", hold: "HOLD", none: "NOT ENOUGH DATA" } as const;

describe("post_launch_loop's headline verdict", () => {
  it("reports the CTR and CPC changes from the unrounded window sums", async () => {
    const { report } = await runSeededReport(POST_LAUNCH_LOOP);
    const { current, previous } = await adWindows(LOOP_CAMPAIGN);
    expect(current).toHaveLength(LOOP_WINDOW_DAYS);
    const [c, p] = [totals(current), totals(previous)];
    const ctr = (t: typeof c) => (t.clicks / t.impressions) * 100;
    const cpc = (t: typeof c) => t.spend / t.clicks;
    const ctrChange = pctChange(ctr(c), ctr(p));
    // Rounding the rates first would print another figure: this data tells the two apart.
    expect(to2(pctChange(to2(ctr(c)), to2(ctr(p))))).not.toBe(to2(ctrChange));

    const [shownCtr] = capture(report, /over \d+-day windows: CTR (\S+)%/);
    expect(readSigned(shownCtr ?? "")).toBe(to2(ctrChange));
    const cpcRow = tableAfter(report, "### Ads").find(([metric]) => metric === "CPC");
    expect(cpcRow?.slice(1)).toEqual([
      `$${to2(cpc(p)).toFixed(2)}`,
      `$${to2(cpc(c)).toFixed(2)}`,
      expect.stringMatching(/%$/),
    ]);
    expect(readSigned(cpcRow?.[3] ?? "")).toBe(to2(pctChange(cpc(c), cpc(p))));
  });

  // Three campaigns whose windows land on different verdicts, so each branch of the rule is exercised.
  it.each([
    { campaignId: LOOP_CAMPAIGN, expected: "scale" },
    { campaignId: "cmp_summer", expected: "cut" },
    { campaignId: "cmp_autumn", expected: "none" },
  ] as const)(
    "$campaignId: the verdict, p-values and 95% intervals follow a two-proportion z-test on CTR and conversion rate",
    async ({ campaignId, expected }) => {
      const { report } = await runSeededReport(POST_LAUNCH_LOOP, campaignId);
      const { current, previous } = await adWindows(campaignId);
      const [c, p] = [totals(current), totals(previous)];
      const tests = [compareRates([p.clicks, p.impressions], [c.clicks, c.impressions])];
      if (c.conversions + p.conversions > 0)
        tests.push(compareRates([p.conversions, p.clicks], [c.conversions, c.clicks]));
      const up = tests.some((t) => t.significant && t.differencePp > 0);
      const down = tests.some((t) => t.significant && t.differencePp < 0);
      const verdict = up && down ? "hold" : down ? "cut" : up ? "scale" : "none";
      expect(verdict).toBe(expected);

      const [shown] = capture(report, /Verdict \*\*([A-Z ]+)\*\* over 7-day windows/);
      expect(shown).toBe(VERDICT_WORDS[verdict]);
      const rows = tableAfter(report, "| Rate | Previous → last |");
      expect(rows).toHaveLength(tests.length);
      rows.forEach((row, i) => {
        const test = tests[i] as RateComparison;
        const signed = (v: number) => `${v > 0 ? "+" : v < 0 ? "−" : ""}${Math.abs(to2(v))}`;
        expect(row[2]).toBe(
          `(${signed(test.differencePp)} pp, 95% CI ${signed(test.intervalPp[0])} to ${signed(test.intervalPp[1])} pp)`,
        );
        expect(row[3]).toBe(test.p < 0.001 ? "< 0.001" : String(to3(test.p)));
      });
    },
  );
});
