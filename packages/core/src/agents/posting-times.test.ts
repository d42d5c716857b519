import { describe, expect, it } from "vitest";
import type { TikTokVideo } from "../data/provider.ts";
import {
  bestPostingTimes,
  DEFAULT_HOUR,
  localTimeIn,
  MIN_VIDEOS_PER_SLOT,
  timeZoneOf,
} from "./posting-times.ts";

const NOW = new Date("2026-11-01T12:00:00Z");
let next = 0;

/** A settled video posted at `at` (UTC), with engagement proportional to views. */
function video(at: string, views: number): TikTokVideo {
  next += 1;
  return {
    id: String(next),
    create_time: Date.parse(at) / 1000,
    duration: 20,
    title: `video ${next}`,
    video_description: "",
    hashtags: [],
    view_count: views,
    like_count: Math.round(views * 0.05),
    comment_count: Math.round(views * 0.002),
    share_count: Math.round(views * 0.003),
    save_count: null,
    reach: null,
    average_time_watched: null,
    full_video_watched_rate: null,
    impression_sources: null,
  };
}

/** `count` average videos from `from` 10:00 UTC, one every `stepHours` hours. */
function routine(from: string, count: number, stepHours = 24): TikTokVideo[] {
  const start = Date.parse(`${from}T10:00:00Z`);
  return Array.from({ length: count }, (_, i) =>
    video(new Date(start + i * stepHours * 3_600_000).toISOString(), 10_000),
  );
}

const UTC = { now: NOW, zone: "UTC", zoneBasis: "UTC: the account's region is unknown" };

describe("bestPostingTimes", () => {
  // Tuesdays 18:xx UTC do three times the usual reach; 2026-10-06, 13 and 20 are Tuesdays.
  const tuesdayEvenings = ["2026-10-06T18:05:00Z", "2026-10-13T18:40:00Z", "2026-10-20T18:15:00Z"].map((at) =>
    video(at, 40_000),
  );

  it("ranks first the weekday and hour whose videos do best, with its sample size", () => {
    const { times } = bestPostingTimes([...routine("2026-09-01", 40), ...tuesdayEvenings], UTC);
    expect(times[0]).toMatchObject({
      weekday: "Tuesday",
      hour: 18,
      time_zone: "UTC",
      videos: 3,
      median_views: 40_000,
      level: "weekday_hour",
    });
    // Four times the median views at the median engagement rate: √(4 × 1).
    expect(times[0]?.score).toBe(2);
    expect(times[0]?.basis).toContain("3 videos posted Tuesdays 18:00–18:59");
  });

  it("does not choose a slot with too few videos, however well they did", () => {
    const twoHits = ["2026-10-07T09:00:00Z", "2026-10-14T09:30:00Z"].map((at) => video(at, 500_000));
    const { times } = bestPostingTimes([...routine("2026-09-01", 40), ...tuesdayEvenings, ...twoHits], UTC);
    expect(twoHits).toHaveLength(MIN_VIDEOS_PER_SLOT - 1);
    expect(times.some((t) => t.weekday === "Wednesday" && t.hour === 9)).toBe(false);
    expect(times[0]).toMatchObject({ weekday: "Tuesday", hour: 18 });
  });

  it("reads hours in the account's time zone", () => {
    const videos = [...routine("2026-09-01", 40), ...tuesdayEvenings];
    const newYork = bestPostingTimes(videos, { ...UTC, zone: "America/New_York", zoneBasis: "New York" });
    // October in New York is UTC−4.
    expect(newYork.times[0]).toMatchObject({ weekday: "Tuesday", hour: 14, time_zone: "America/New_York" });
    const tokyo = bestPostingTimes(videos, { ...UTC, zone: "Asia/Tokyo", zoneBasis: "Tokyo" });
    // 18:00 UTC on a Tuesday is 03:00 on Wednesday in Tokyo.
    expect(tokyo.times[0]).toMatchObject({ weekday: "Wednesday", hour: 3 });
    expect(newYork.basis).toContain("Hours in New York.");
  });

  it("falls back to a weekday when no single hour has enough videos, at a stated default hour", () => {
    // A post every 29 hours never lands twice on one weekday and hour, nor three times on one hour.
    const spread = routine("2026-09-15", 30, 29);
    // Strong Fridays, each at a different hour; 2026-08-07 is a Friday.
    const fridays = [0, 2, 3, 4, 5, 7].map((hour, w) =>
      video(
        new Date(Date.parse("2026-08-07T00:00:00Z") + w * 7 * 86_400_000 + hour * 3_600_000).toISOString(),
        40_000,
      ),
    );
    const { times } = bestPostingTimes([...spread, ...fridays], UTC);
    expect(times.every((t) => t.level === "weekday")).toBe(true);
    expect(times[0]).toMatchObject({ weekday: "Friday", hour: DEFAULT_HOUR, score: 2 });
    expect(times[0]?.basis).toContain("too few at any one hour; 18:00 is a default, not a finding");
  });

  it("recommends nothing and states the default when the account has too few videos", () => {
    const { times, basis } = bestPostingTimes(routine("2026-10-20", 2), UTC);
    expect(times).toEqual([]);
    expect(basis).toContain(`spread evenly at ${DEFAULT_HOUR}:00, a default, not a finding`);
  });

  it("leaves out videos older than 90 days and videos still collecting views", () => {
    const old = ["2026-06-02T18:00:00Z", "2026-06-09T18:00:00Z", "2026-06-16T18:00:00Z"].map((at) =>
      video(at, 90_000),
    );
    const fresh = ["2026-10-31T07:00:00Z", "2026-10-31T07:10:00Z", "2026-10-31T07:20:00Z"].map((at) =>
      video(at, 90_000),
    );
    const { times, basis } = bestPostingTimes([...routine("2026-09-01", 20), ...old, ...fresh], UTC);
    expect(times.some((t) => t.hour === 18 || t.hour === 7)).toBe(false);
    expect(basis).toContain("over the 20 videos of the last 90 days");
  });
});

describe("timeZoneOf", () => {
  it("maps a region to a representative zone and says when the country spans several", () => {
    expect(timeZoneOf("GB")).toEqual({ zone: "Europe/London", basis: "Europe/London (region GB)" });
    expect(timeZoneOf("us").basis).toBe(
      "America/New_York, representative of US, which spans several time zones",
    );
  });

  it("uses UTC without a known region and says so; an explicit zone wins", () => {
    expect(timeZoneOf(null)).toEqual({ zone: "UTC", basis: "UTC: the account's region is unknown" });
    expect(timeZoneOf("XX").basis).toBe("UTC: no time zone is known for region XX");
    expect(timeZoneOf("GB", "Asia/Tokyo")).toEqual({
      zone: "Asia/Tokyo",
      basis: "Asia/Tokyo, set in the step's options",
    });
  });
});

describe("localTimeIn", () => {
  it("gives the calendar day, weekday and hour on the wall clock of the zone, across DST", () => {
    const london = localTimeIn("Europe/London");
    expect(london(new Date("2026-07-01T23:30:00Z"))).toEqual({
      date: "2026-07-02",
      weekday: "Thursday",
      hour: 0,
    });
    expect(london(new Date("2026-12-01T23:30:00Z"))).toEqual({
      date: "2026-12-01",
      weekday: "Tuesday",
      hour: 23,
    });
  });
});
