import { clockTime, DEFAULT_HOUR, localTimeIn, WEEKDAYS, type Weekday } from "./posting-times.ts";

/** Formats rotated through a plan so no two consecutive posts look alike. */
export const POST_FORMATS = [
  "tutorial",
  "talking_head",
  "trend_remix",
  "before_after",
  "day_in_the_life",
  "stitch_reply",
] as const;
export type PostFormat = (typeof POST_FORMATS)[number];

/** Hours for posts no evidence places, in order of use: a week of up to 14 posts always fits. */
const FILL_HOURS = [DEFAULT_HOUR, 12, 9, 21] as const;
const DAY_MS = 86_400_000;

export interface PlannedSlot {
  /** Calendar day in the plan's time zone, "2026-11-02". */
  day: string;
  weekday: Weekday;
  /** Local time in the plan's time zone, "18:00". */
  time: string;
  format: PostFormat;
  hashtags: string[];
}

export interface ScheduleRequest {
  now: Date;
  postsPerWeek: number;
  weeks: number;
  /** Hashtags that already work for the account. */
  proven: readonly string[];
  /** Hashtags growing fastest right now. */
  trending: readonly string[];
  /** Hashtags a person added when approving: each post carries one, so every one is used. */
  added?: readonly string[];
  /** The account's best posting times, best first (bestPostingTimes). */
  times?: readonly { weekday: Weekday; hour: number }[];
  /** IANA zone the times and days are in; UTC when absent. */
  timeZone?: string;
}

/**
 * Places each week's posts on the account's best slots, one per weekday first so posts spread over the
 * week, and fills what the evidence cannot place evenly over the week at DEFAULT_HOUR. Weeks start
 * tomorrow in the plan's zone. Formats rotate; each post gets one trending hashtag (reach) beside two
 * proven ones (the audience that already engages), and one added at approval.
 */
export function postingSchedule(request: ScheduleRequest): PlannedSlot[] {
  const { now, postsPerWeek, weeks, proven, trending, added = [], times = [] } = request;
  const today = localTimeIn(request.timeZone ?? "UTC")(now).date;
  const tomorrow = Date.parse(`${today}T00:00:00Z`) + DAY_MS;
  const firstWeekday = new Date(tomorrow).getUTCDay();
  const week = weekSlots(times, postsPerWeek, firstWeekday);
  const slots: PlannedSlot[] = [];
  for (let w = 0; w < weeks; w++)
    for (const { offset, hour } of week) {
      const date = new Date(tomorrow + (w * 7 + offset) * DAY_MS);
      const index = slots.length;
      slots.push({
        day: date.toISOString().slice(0, 10),
        weekday: WEEKDAYS[date.getUTCDay()] as Weekday,
        time: clockTime(hour),
        format: POST_FORMATS[index % POST_FORMATS.length] as PostFormat,
        hashtags: slotHashtags(index, proven, trending, added),
      });
    }
  return slots;
}

/** One week's posts as days after the week's first day, and hours; in order. */
function weekSlots(
  times: readonly { weekday: Weekday; hour: number }[],
  postsPerWeek: number,
  firstWeekday: number,
): { offset: number; hour: number }[] {
  const chosen = new Map<string, { offset: number; hour: number }>();
  const offsetOf = (weekday: number) => (weekday - firstWeekday + 7) % 7;
  const take = (offset: number, hour: number) => {
    if (chosen.size < postsPerWeek) chosen.set(`${offset} ${hour}`, { offset, hour });
  };
  const dayTaken = (offset: number) => [...chosen.values()].some((c) => c.offset === offset);
  for (const t of times) {
    const offset = offsetOf(WEEKDAYS.indexOf(t.weekday));
    if (!dayTaken(offset)) take(offset, t.hour);
  }
  for (const t of times) take(offsetOf(WEEKDAYS.indexOf(t.weekday)), t.hour);
  for (let slot = 0; slot < postsPerWeek; slot++) {
    const offset = Math.floor((slot * 7) / postsPerWeek);
    if (!dayTaken(offset)) take(offset, DEFAULT_HOUR);
  }
  for (const hour of FILL_HOURS) for (let offset = 0; offset < 7; offset++) take(offset, hour);
  return [...chosen.values()].sort((a, b) => a.offset - b.offset || a.hour - b.hour);
}

function slotHashtags(
  index: number,
  proven: readonly string[],
  trending: readonly string[],
  added: readonly string[],
): string[] {
  const picked = [
    trending[index % Math.max(trending.length, 1)],
    proven[index % Math.max(proven.length, 1)],
    proven[(index + 1) % Math.max(proven.length, 1)],
    added[index % Math.max(added.length, 1)],
  ];
  return [...new Set(picked.filter((tag): tag is string => tag !== undefined))];
}
