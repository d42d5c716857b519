// Every hashtag, number and quoted name a seeded report prints must come from what its writer was
// given: the step outputs, the approved values and decisions, the brief. A figure with no source is
// one the report made up, whoever wrote it.
import { beforeAll, describe, expect, it } from "vitest";
import { compactNumber, signedPct, usd } from "../agents/phrasing.ts";
import { OFFLINE_REPORT_NOTICE } from "../runner/synthesis.ts";
import { CAMPAIGN_LAUNCH } from "./campaign-launch.ts";
import { POST_LAUNCH_LOOP } from "./post-launch-loop.ts";
import { PROFILE_AUDIT } from "./profile-audit.ts";
import { now, runSeededReport, type SeededReport } from "./seeded-report-runs.ts";

/**
 * A number as a reader sees it: a date, a time, or digits with their sign, dollar, thousands commas,
 * decimals and unit. Digits inside words (AGE_18_24, Y2K, offline_049c7e9a) are names, not figures.
 */
const FIGURE =
  /(?<![\w.+−-])(?:\d{4}-\d{2}-\d{2}|\d{2}:\d{2}:\d{2}|[+−-]?\$?\d+(?:,\d{3})*(?:\.\d+)?(?:[KMB](?![A-Za-z])|%|×)?)/g;
const HASHTAG = /(?<![\w&])#([\p{L}\p{N}_]+)/gu;
const QUOTED = /"([^"\n]+)"|“([^”\n]+)”/g;
/** Fields whose single-word strings are hashtags (without their #). */
const HASHTAG_FIELD = /hashtag|dropped/i;

const round = (value: number, decimals: number) => Math.round(value * 10 ** decimals) / 10 ** decimals;

function figuresIn(text: string): string[] {
  return text.match(FIGURE) ?? [];
}

/** Every way the reports display a number: as given, rounded to their 2 decimals, compact, signed, in dollars. */
function renderings(value: number, key: string): string[] {
  const r = round(value, 2);
  const shown = [
    String(value),
    String(r),
    `${r}%`,
    `${r}×`,
    r > 0 ? `+${r}` : String(r),
    signedPct(r),
    signedPct(r).replace("%", ""),
    compactNumber(value),
    usd(value),
  ];
  // p-values print to 3 decimals, and "< 0.001" below that.
  if (key === "p_value") shown.push(String(round(value, 3)), ...(value < 0.001 ? ["0.001"] : []));
  return shown.flatMap(figuresIn);
}

interface Sources {
  figures: Set<string>;
  hashtags: Set<string>;
  strings: string[];
}

/** Walks the writer's input: each string and number, hashtags where fields hold them, and each list's length. */
function sourcesOf(context: unknown): Sources {
  const sources: Sources = { figures: new Set(), hashtags: new Set(), strings: [] };
  const walk = (value: unknown, path: string[]) => {
    const key = path.at(-1) ?? "";
    if (typeof value === "string") {
      sources.strings.push(value);
      for (const figure of figuresIn(value)) sources.figures.add(figure);
      for (const [, tag] of value.matchAll(HASHTAG)) sources.hashtags.add(tag?.toLowerCase() ?? "");
      if (path.some((p) => HASHTAG_FIELD.test(p)) && /^#?[\p{L}\p{N}_]+$/u.test(value))
        sources.hashtags.add(value.replace(/^#/, "").toLowerCase());
    } else if (typeof value === "number") {
      for (const figure of renderings(value, key)) sources.figures.add(figure);
    } else if (Array.isArray(value)) {
      // "8 posts", "3 ads": a count of an upstream list is sourced by that list.
      sources.figures.add(String(value.length));
      for (const [i, item] of value.entries()) walk(item, [...path, String(i)]);
    } else if (value && typeof value === "object") {
      for (const [k, v] of Object.entries(value)) walk(v, [...path, k]);
    }
  };
  walk(context, []);
  return sources;
}

/**
 * The report without what is structure, not data, each allowed narrowly:
 * - the offline notice (set in code, the same for every report);
 * - "1. " list numbering at the start of a line;
 * - a table's first cell when it is the row's rank (1, 2, 3, … in order);
 * - the significance rule "p < 0.05", the 95% rule the method names.
 */
function withoutStructure(report: string): string {
  let rank = 0;
  return report
    .replace(OFFLINE_REPORT_NOTICE, "")
    .replaceAll("p < 0.05", "")
    .split("\n")
    .map((line) => {
      if (!line.startsWith("|")) {
        rank = 0;
        return line.replace(/^\d+\. /, "");
      }
      const first = /^\| (\d+) \|/.exec(line);
      if (first && Number(first[1]) === rank + 1) {
        rank++;
        return line.slice(first[0].length - 1);
      }
      return line;
    })
    .join("\n");
}

/** compactNumber(draft impressions × approved budget ÷ drafted budget) for each approved campaign. */
function scaledForecasts(context: unknown): string[] {
  const outputs = Object.values((context as { outputs?: Record<string, Reported> }).outputs ?? {});
  const draft = outputs.find((o) => o.agentName === "campaign_builder")?.output as Draft | undefined;
  if (!draft) return [];
  return outputs.flatMap((o) => {
    const approved = (o.output as { payload?: Draft["payload"] } | undefined)?.payload?.campaign.budget;
    if (o.kind !== "approval" || approved === undefined) return [];
    return [
      compactNumber(Math.round((draft.forecast.impressions * approved) / draft.payload.campaign.budget)),
    ];
  });
}
interface Reported {
  kind: string;
  agentName?: string;
  output?: unknown;
}
interface Draft {
  forecast: { impressions: number };
  payload: { campaign: { budget: number } };
}

/** What the report prints without a source, each named with its line. */
function unsourced(report: string, context: unknown): { item: string; line: string }[] {
  const sources = sourcesOf(context);
  // Dates from the run's clock (a decision's day, a draft's date) need no upstream field.
  sources.figures.add(now().toISOString().slice(0, 10));
  // The draft's forecast scaled to the approved budget (same CPM): the one figure a report derives.
  for (const figure of scaledForecasts(context)) sources.figures.add(figure);
  const found: { item: string; line: string }[] = [];
  for (const line of withoutStructure(report).split("\n")) {
    for (const figure of figuresIn(line))
      if (!sources.figures.has(figure)) found.push({ item: figure, line });
    for (const [, tag] of line.matchAll(HASHTAG))
      if (!sources.hashtags.has(tag?.toLowerCase() ?? "")) found.push({ item: `#${tag}`, line });
    for (const [, straight, curly] of line.matchAll(QUOTED)) {
      const quote = straight ?? curly ?? "";
      if (!sources.strings.some((s) => s.includes(quote))) found.push({ item: `"${quote}"`, line });
    }
  }
  return found;
}

function expectAllSourced(report: string, context: unknown) {
  const found = unsourced(report, context);
  expect(found.map((f) => `${f.item} in: ${f.line.trim()}`)).toEqual([]);
}

const WORKFLOWS = [PROFILE_AUDIT, CAMPAIGN_LAUNCH, POST_LAUNCH_LOOP];

describe("what a seeded report prints comes from what its writer was given", () => {
  const runs = new Map<string, SeededReport>();
  beforeAll(async () => {
    for (const workflow of WORKFLOWS) runs.set(workflow.slug, await runSeededReport(workflow));
  });
  const run = (slug: string) => {
    const found = runs.get(slug);
    if (!found) throw new Error(`no run of ${slug}`);
    return found;
  };

  it.each(WORKFLOWS.map((w) => w.slug))(
    "%s: every hashtag, number and quoted name has a source upstream",
    (slug) => {
      const { report, context } = run(slug);
      expect(figuresIn(report).length).toBeGreaterThan(20);
      expectAllSourced(report, context);
    },
  );

  it.each(WORKFLOWS.map((w) => w.slug))(
    "%s: a hashtag, a figure or a sound name added to the report is named as unsourced",
    (slug) => {
      const { report, context } = run(slug);
      const tampered = report
        .replace("## Headline\n", '## Headline\n\n- Ride #nailinspo for 987.6K views with "Midnight Glaze"\n')
        .replace(/median ER (\d+\.\d+)%/, (_, er: string) => `median ER ${round(Number(er) + 0.01, 2)}%`);
      const items = unsourced(tampered, context).map((f) => f.item);
      expect(items).toEqual(
        expect.arrayContaining(["#nailinspo", "987.6K", '"Midnight Glaze"', expect.stringMatching(/%$/)]),
      );
      expect(items).toHaveLength(4);
    },
  );

  it("names a change whose sign was flipped: the CTR went up, the report may not say down", () => {
    const { report, context } = run(POST_LAUNCH_LOOP.slug);
    const [, sign, figure] = /windows: CTR ([+−])(\d+(?:\.\d+)?%)/.exec(report) ?? [];
    expect(figure).toBeDefined();
    const flipped = `${sign === "+" ? "−" : "+"}${figure}`;
    const tampered = report.replace(`windows: CTR ${sign}${figure}`, `windows: CTR ${flipped}`);
    expect(unsourced(tampered, context).map((f) => f.item)).toEqual([flipped]);
  });
});
