/** How the campaign review card writes a payload's money, schedule and targeting. Pure, so tests pin them. */
import { type CampaignPayload, LOCATION_IDS } from "@tiktok-army/core/model";

const DAY_MS = 24 * 3600 * 1000;

/**
 * A schedule time as the payload sends it (`YYYY-MM-DD HH:MM:SS`), as an instant. It is read as UTC:
 * the drafting step computes the schedule in UTC and the payload's own check compares it with
 * `drafted_at` in UTC. Undefined when the text is not such a time.
 */
export function scheduleInstant(text: string): Date | undefined {
  const date = new Date(`${text.replace(" ", "T")}Z`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

export interface CampaignSchedule {
  start: Date;
  end: Date;
  /** Days the daily budget is spent on: started days count as whole ones. */
  days: number;
}

/** From the earliest ad group start to the latest end, or undefined if a time does not read. */
export function campaignSchedule(payload: CampaignPayload): CampaignSchedule | undefined {
  const starts = payload.ad_groups.map((g) => scheduleInstant(g.schedule_start_time));
  const ends = payload.ad_groups.map((g) => scheduleInstant(g.schedule_end_time));
  if (starts.some((d) => !d) || ends.some((d) => !d) || starts.length === 0) return undefined;
  const start = Math.min(...starts.map((d) => d?.getTime() ?? 0));
  const end = Math.max(...ends.map((d) => d?.getTime() ?? 0));
  return { start: new Date(start), end: new Date(end), days: Math.max(0, Math.ceil((end - start) / DAY_MS)) };
}

/** The most the campaign can spend over its schedule at `dailyBudget` a day. */
export function totalBudget(dailyBudget: number, days: number): number {
  return Math.round(dailyBudget * days * 100) / 100;
}

/** `$1,050.00` for USD in en-US; the currency is the payload's, never assumed. */
export function formatMoney(amount: number, currency: string, locale?: string): string {
  return new Intl.NumberFormat(locale, { style: "currency", currency }).format(amount);
}

/** The viewer's IANA time zone, e.g. `Europe/Berlin`, which the card names beside its times. */
export function viewerTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** `Wed, Dec 2, 2026, 01:00 GMT+1` in the given (else the viewer's) time zone. */
export function formatScheduleTime(date: Date, options: { timeZone?: string; locale?: string } = {}): string {
  return date.toLocaleString(options.locale, {
    weekday: "short",
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hour12: false,
    timeZone: options.timeZone,
    timeZoneName: "short",
  });
}

/** `AGE_18_24` -> `18–24`, `AGE_55_100` -> `55+`. */
export function ageGroupLabel(group: string): string {
  const match = /^AGE_(\d+)_(\d+)$/.exec(group);
  if (!match) return group;
  return match[2] === "100" ? `${match[1]}+` : `${match[1]}–${match[2]}`;
}

const GENDER = { GENDER_UNLIMITED: "All genders", GENDER_FEMALE: "Female", GENDER_MALE: "Male" } as const;

export function genderLabel(gender: CampaignPayload["ad_groups"][number]["gender"]): string {
  return GENDER[gender];
}

const REGION_OF_LOCATION = new Map(Object.entries(LOCATION_IDS).map(([region, id]) => [id, region]));

/** `United States (6252001)` for a location id the product knows, else `location 6252001`. */
export function locationLabel(id: string, locale?: string): string {
  const region = REGION_OF_LOCATION.get(id);
  if (!region) return `location ${id}`;
  const name = new Intl.DisplayNames(locale ? [locale] : undefined, { type: "region" }).of(region);
  return `${name ?? region} (${id})`;
}

/** An API constant as words: `VIDEO_VIEWS` -> `Video views`, `PLACEMENT_TIKTOK` -> `TikTok`. */
export function constantLabel(value: string): string {
  if (value === "PLACEMENT_TIKTOK") return "TikTok";
  const words = value.toLowerCase().replaceAll("_", " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}
