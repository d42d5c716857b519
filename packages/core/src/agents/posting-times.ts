import { z } from "zod";
import type { TikTokVideo } from "../data/provider.ts";
import { lineSchema, textSchema } from "./bounds.ts";
import { AUDIT_WINDOW_DAYS, inWindow, median, round2 } from "./metrics.ts";
import { compactNumber } from "./phrasing.ts";
import { RANKING_FORMULA, SETTLED_SECONDS, scoreVideos } from "./video-ranking.ts";

export const WEEKDAYS = [
  "Sunday",
  "Monday",
  "Tuesday",
  "Wednesday",
  "Thursday",
  "Friday",
  "Saturday",
] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** A slot with fewer videos says more about one video than about the slot. */
export const MIN_VIDEOS_PER_SLOT = 3;
/** The hour used when the account's own videos cannot tell: stated as a default, never as a finding. */
export const DEFAULT_HOUR = 18;
/** Enough rows for the busiest plan (14 posts a week); a report shows the first few. */
const MAX_TIMES = 14;

/**
 * One zone per region, where most of its people live. A country spanning several zones gets its most
 * populous one, and the time zone's basis says it is representative.
 */
const REGION_TIME_ZONES: Readonly<Record<string, string>> = {
  US: "America/New_York",
  CA: "America/Toronto",
  MX: "America/Mexico_City",
  BR: "America/Sao_Paulo",
  GB: "Europe/London",
  IE: "Europe/Dublin",
  DE: "Europe/Berlin",
  FR: "Europe/Paris",
  ES: "Europe/Madrid",
  IT: "Europe/Rome",
  NL: "Europe/Amsterdam",
  PL: "Europe/Warsaw",
  SE: "Europe/Stockholm",
  TR: "Europe/Istanbul",
  AE: "Asia/Dubai",
  SA: "Asia/Riyadh",
  IN: "Asia/Kolkata",
  ID: "Asia/Jakarta",
  TH: "Asia/Bangkok",
  VN: "Asia/Ho_Chi_Minh",
  MY: "Asia/Kuala_Lumpur",
  SG: "Asia/Singapore",
  PH: "Asia/Manila",
  JP: "Asia/Tokyo",
  KR: "Asia/Seoul",
  AU: "Australia/Sydney",
  NZ: "Pacific/Auckland",
  ZA: "Africa/Johannesburg",
  NG: "Africa/Lagos",
  EG: "Africa/Cairo",
};
const SEVERAL_ZONES = new Set(["US", "CA", "MX", "BR", "ID", "AU"]);

export const postingTimeSchema = z.object({
  weekday: z.enum(WEEKDAYS),
  /** Local hour the slot starts, 0–23, in `time_zone`. */
  hour: z.number().int().min(0).max(23),
  time_zone: lineSchema,
  /** The sample behind the score: videos of the window posted in this slot. */
  videos: z.number().int().nonnegative(),
  median_views: z.number().nonnegative(),
  /** Median reach-and-engagement score of those videos; 1 = the account's median post. */
  score: z.number().nonnegative(),
  /**
   * `weekday_hour`: enough videos at this weekday and hour. `weekday`: enough only on the weekday; the
   * hour is the account's best hour over all days, or DEFAULT_HOUR (the basis says which).
   */
  level: z.enum(["weekday_hour", "weekday"]),
  basis: textSchema,
});
export type PostingTime = z.infer<typeof postingTimeSchema>;

export interface PostingTimes {
  /** Best first; empty when no slot has enough videos scoring at or above the account's median. */
  times: PostingTime[];
  /** How the slots were ranked, in which zone, and what the plan falls back to. */
  basis: string;
}

/** Whether Intl knows this IANA zone ("Europe/London"); an unknown one would throw at formatting time. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * The zone the account's hours are read in, and why: an explicit zone wins, then the region's zone;
 * without either, UTC, said as such.
 * @example
 * timeZoneOf("GB"); // { zone: "Europe/London", basis: "Europe/London (region GB)" }
 */
export function timeZoneOf(region: string | null, override?: string): { zone: string; basis: string } {
  if (override) return { zone: override, basis: `${override}, set in the step's options` };
  if (!region) return { zone: "UTC", basis: "UTC: the account's region is unknown" };
  const code = region.toUpperCase();
  const zone = REGION_TIME_ZONES[code];
  if (!zone) return { zone: "UTC", basis: `UTC: no time zone is known for region ${code}` };
  return {
    zone,
    basis: SEVERAL_ZONES.has(code)
      ? `${zone}, representative of ${code}, which spans several time zones`
      : `${zone} (region ${code})`,
  };
}

export interface LocalTime {
  /** Calendar day in the zone, "2026-11-02". */
  date: string;
  weekday: Weekday;
  hour: number;
}

/** Reads moments as the clock on the wall in `zone` shows them. */
export function localTimeIn(zone: string): (at: Date) => LocalTime {
  const format = new Intl.DateTimeFormat("en-US", {
    timeZone: zone,
    weekday: "long",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    hourCycle: "h23",
  });
  return (at) => {
    const parts = Object.fromEntries(format.formatToParts(at).map((p) => [p.type, p.value]));
    return {
      date: `${parts.year}-${parts.month}-${parts.day}`,
      weekday: parts.weekday as Weekday,
      hour: Number(parts.hour) % 24,
    };
  };
}

/** "07:00" */
export function clockTime(hour: number): string {
  return `${String(hour).padStart(2, "0")}:00`;
}

interface Bucket {
  weekday: Weekday;
  hour: number;
  videos: number;
  score: number;
  medianViews: number;
}

/**
 * When this account's own videos do best: its settled videos of the last 90 days, bucketed by weekday
 * and hour in `zone`, each slot scored by the median reach-and-engagement score of its videos (1 = the
 * account's median post). A slot counts with MIN_VIDEOS_PER_SLOT videos and a score of at least 1;
 * weekdays that qualify only as a whole follow, at the best hour over all days.
 */
export function bestPostingTimes(
  videos: readonly TikTokVideo[],
  request: { now: Date; zone: string; zoneBasis: string },
): PostingTimes {
  const { now, zone, zoneBasis } = request;
  const settledBefore = now.getTime() / 1000 - SETTLED_SECONDS;
  const pool = inWindow(videos, now).filter((v) => v.create_time <= settledBefore);
  const local = localTimeIn(zone);
  const scored = scoreVideos(pool).map(({ video, score }) => ({
    video,
    score,
    at: local(new Date(video.create_time * 1000)),
  }));
  const qualified = (key: (at: LocalTime) => string) => {
    const groups = new Map<string, typeof scored>();
    for (const s of scored) groups.set(key(s.at), [...(groups.get(key(s.at)) ?? []), s]);
    return [...groups.values()]
      .map(
        (group): Bucket => ({
          weekday: (group[0] as (typeof scored)[number]).at.weekday,
          hour: (group[0] as (typeof scored)[number]).at.hour,
          videos: group.length,
          score: round2(median(group.map((s) => s.score))),
          medianViews: median(group.map((s) => s.video.view_count)),
        }),
      )
      .filter((b) => b.videos >= MIN_VIDEOS_PER_SLOT && b.score >= 1)
      .sort((a, b) => b.score - a.score || b.videos - a.videos || order(a) - order(b));
  };
  const slots = qualified((at) => `${at.weekday} ${at.hour}`);
  const bestHour = qualified((at) => String(at.hour))[0];
  const days = qualified((at) => at.weekday).filter((d) => !slots.some((s) => s.weekday === d.weekday));
  const row = (b: Bucket, level: PostingTime["level"], basis: string): PostingTime => ({
    weekday: b.weekday,
    hour: b.hour,
    time_zone: zone,
    videos: b.videos,
    median_views: b.medianViews,
    score: b.score,
    level,
    basis,
  });
  const hourBasis = bestHour
    ? `${clockTime(bestHour.hour)} is the best hour over all days (${bestHour.videos} videos, score ${bestHour.score})`
    : `${clockTime(DEFAULT_HOUR)} is a default, not a finding`;
  const times = [
    ...slots.map((s) =>
      row(
        s,
        "weekday_hour",
        `${s.videos} videos posted ${s.weekday}s ${clockTime(s.hour)}–${String(s.hour).padStart(2, "0")}:59; median views ${compactNumber(s.medianViews)}`,
      ),
    ),
    ...days.map((d) =>
      row(
        { ...d, hour: bestHour?.hour ?? DEFAULT_HOUR },
        "weekday",
        `${d.videos} videos posted on ${d.weekday}s, too few at any one hour; ${hourBasis}`,
      ),
    ),
  ].slice(0, MAX_TIMES);
  const method =
    `Slots ranked by the median score of the videos posted in them (${RANKING_FORMULA}), over the ${pool.length} videos of the last ${AUDIT_WINDOW_DAYS} days; ` +
    `a slot needs ${MIN_VIDEOS_PER_SLOT} videos and a score of at least 1. Hours in ${zoneBasis}.`;
  return {
    times,
    basis:
      times.length > 0
        ? method
        : `${method} No weekday qualified: posts are spread evenly at ${clockTime(DEFAULT_HOUR)}, a default, not a finding.`,
  };
}

/** Chronological order within a week, so ties read Monday before Friday. */
function order(b: Bucket): number {
  return WEEKDAYS.indexOf(b.weekday) * 24 + b.hour;
}
