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

const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"] as const;

export interface PlannedSlot {
  /** UTC calendar day, "2026-11-02". */
  day: string;
  weekday: (typeof WEEKDAYS)[number];
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
}

/**
 * Spreads posts evenly over each week starting tomorrow, rotating formats, and gives each post one
 * trending hashtag (reach) beside two proven ones (the audience that already engages).
 */
export function postingSchedule(request: ScheduleRequest): PlannedSlot[] {
  const { now, postsPerWeek, weeks, proven, trending } = request;
  const slots: PlannedSlot[] = [];
  for (let week = 0; week < weeks; week++) {
    for (let slot = 0; slot < postsPerWeek; slot++) {
      const index = slots.length;
      const date = new Date(
        now.getTime() + (1 + week * 7 + Math.floor((slot * 7) / postsPerWeek)) * 86_400_000,
      );
      slots.push({
        day: date.toISOString().slice(0, 10),
        weekday: WEEKDAYS[date.getUTCDay()] as PlannedSlot["weekday"],
        format: POST_FORMATS[index % POST_FORMATS.length] as PostFormat,
        hashtags: slotHashtags(index, proven, trending),
      });
    }
  }
  return slots;
}

function slotHashtags(index: number, proven: readonly string[], trending: readonly string[]): string[] {
  const picked = [
    trending[index % Math.max(trending.length, 1)],
    proven[index % Math.max(proven.length, 1)],
    proven[(index + 1) % Math.max(proven.length, 1)],
  ];
  return [...new Set(picked.filter((tag): tag is string => tag !== undefined))];
}
