import { BUSINESS_METRICS_MAX_DAYS } from "../business/endpoints.ts";
import { addUtcDays, utcDay, utcDaysBetween } from "../utc-day.ts";
import { type StubAccount, stubNoise } from "./stub-data.ts";

/** A Business API answer before its envelope: `code` 0 is success, anything else an error in HTTP 200. */
export interface BusinessAnswer {
  code: number;
  message: string;
  data: unknown;
}

const INVALID = 40002;
const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;
const ok = (data: unknown): BusinessAnswer => ({ code: 0, message: "OK", data });
const invalid = (message: string): BusinessAnswer => ({ code: INVALID, message, data: {} });

/**
 * The stub's TikTok Accounts API: `/business/get/` (fields, and daily `metrics` for a date range
 * within the last 60 days, lagging a day) and `/business/video/list/` (fields, cursor, 1 to 20 a page).
 * Paths are below `/open_api/v1.3`; `undefined` for a path it does not serve.
 */
export function businessAccountRoute(
  account: StubAccount,
  path: string,
  query: URLSearchParams,
): BusinessAnswer | undefined {
  if (path !== "/business/get/" && path !== "/business/video/list/") return undefined;
  const businessId = query.get("business_id");
  if (!businessId) return invalid("business_id is required");
  if (businessId !== account.user.open_id)
    return { code: 40001, message: "No permission to operate the business account", data: {} };
  const fields = fieldsOf(query);
  if (fields instanceof Error) return invalid(fields.message);
  if (path === "/business/get/")
    return businessGet(account, query, fields ?? ["display_name", "profile_image"]);
  return videoList(account, query, fields ?? ["item_id"]);
}

function businessGet(account: StubAccount, query: URLSearchParams, fields: string[]): BusinessAnswer {
  const profile = pick(account.business, fields);
  const start = query.get("start_date");
  const end = query.get("end_date");
  if (start === null && end === null) return ok(profile);
  if (!start || !end || !DAY_RE.test(start) || !DAY_RE.test(end))
    return invalid("start_date and end_date must both be given as YYYY-MM-DD");
  const today = utcDay(new Date(account.now * 1000));
  if (start > end) return invalid("start_date must not be after end_date");
  if (utcDaysBetween(start, today) >= BUSINESS_METRICS_MAX_DAYS)
    return invalid(`start_date must be within the last ${BUSINESS_METRICS_MAX_DAYS} days`);
  const daily = fields.filter((field) => field.startsWith("daily_"));
  // Insights settle a day late: today is not in the series yet.
  const last = end < today ? end : addUtcDays(today, -1);
  const metrics = [];
  for (let day = start; day <= last; day = addUtcDays(day, 1))
    metrics.push({ date: day, ...pick(dailyFollowers(account, day, today), daily) });
  return ok({ ...profile, metrics });
}

/**
 * Followers on `day`: today's count minus the net gains of the days since, each day 30–90 new and
 * 5–25 lost followers, as a ~48K brand account grows about 3% a month.
 */
export function dailyFollowers(account: StubAccount, day: string, today: string) {
  const gainsOf = (d: string) => ({
    daily_new_followers: 30 + Math.floor(stubNoise(`new:${d}`) * 61),
    daily_lost_followers: 5 + Math.floor(stubNoise(`lost:${d}`) * 21),
  });
  let total = account.business.followers_count;
  for (let d = today; d > day; d = addUtcDays(d, -1)) {
    const gains = gainsOf(d);
    total -= gains.daily_new_followers - gains.daily_lost_followers;
  }
  return { daily_total_followers: total, ...gainsOf(day) };
}

function videoList(account: StubAccount, query: URLSearchParams, fields: string[]): BusinessAnswer {
  const maxCount = Number(query.get("max_count") ?? 20);
  const start = Number(query.get("cursor") ?? 0);
  if (!Number.isInteger(maxCount) || maxCount < 1 || maxCount > 20)
    return invalid("max_count must be from 1 to 20");
  const page = account.businessVideos.slice(start, start + maxCount);
  const cursor = start + page.length;
  return ok({
    videos: page.map((video) => pick(video, fields)),
    cursor,
    has_more: cursor < account.businessVideos.length,
  });
}

/** `fields` is a JSON array in the query string; a malformed one is TikTok's invalid-parameter error. */
function fieldsOf(query: URLSearchParams): string[] | undefined | Error {
  const raw = query.get("fields");
  if (raw === null) return undefined;
  try {
    const parsed: unknown = JSON.parse(raw);
    if (Array.isArray(parsed) && parsed.every((f) => typeof f === "string")) return parsed;
  } catch {}
  return new Error("fields must be a JSON array of field names");
}

function pick<T extends object>(record: T, fields: readonly string[]): Partial<T> {
  const wanted = new Set(fields);
  return Object.fromEntries(Object.entries(record).filter(([key]) => wanted.has(key))) as Partial<T>;
}
