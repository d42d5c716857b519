import { describe, expect, it } from "vitest";
import { postingSchedule } from "./posting-schedule.ts";

// A Sunday: the plan's weeks run Monday to Sunday.
const NOW = new Date("2026-11-01T12:00:00Z");
const BASE = { now: NOW, weeks: 2, proven: ["skintok", "grwm"], trending: ["cleangirl"] };

describe("postingSchedule", () => {
  it("puts each week's posts on the best slots, one per weekday first, in order", () => {
    const slots = postingSchedule({
      ...BASE,
      postsPerWeek: 3,
      times: [
        { weekday: "Thursday", hour: 19 },
        { weekday: "Thursday", hour: 7 },
        { weekday: "Tuesday", hour: 12 },
        { weekday: "Saturday", hour: 10 },
      ],
    });
    expect(slots.map((s) => `${s.weekday} ${s.day} ${s.time}`)).toEqual([
      "Tuesday 2026-11-03 12:00",
      "Thursday 2026-11-05 19:00",
      "Saturday 2026-11-07 10:00",
      "Tuesday 2026-11-10 12:00",
      "Thursday 2026-11-12 19:00",
      "Saturday 2026-11-14 10:00",
    ]);
  });

  it("fills what the best slots cannot place evenly over the week, at the default hour", () => {
    const slots = postingSchedule({
      ...BASE,
      weeks: 1,
      postsPerWeek: 4,
      times: [{ weekday: "Friday", hour: 20 }],
    });
    expect(slots.map((s) => `${s.weekday} ${s.time}`)).toEqual([
      "Monday 18:00",
      "Tuesday 18:00",
      "Thursday 18:00",
      "Friday 20:00",
    ]);
  });

  it("fits the busiest plan: two posts a day, never two at the same time", () => {
    const slots = postingSchedule({
      ...BASE,
      weeks: 1,
      postsPerWeek: 14,
      times: [{ weekday: "Monday", hour: 18 }],
    });
    expect(slots).toHaveLength(14);
    expect(new Set(slots.map((s) => `${s.day} ${s.time}`)).size).toBe(14);
  });

  it("starts tomorrow on the plan's local calendar", () => {
    // 23:30 UTC on Sunday is already Monday in Tokyo, so the plan starts on Tuesday there.
    const late = new Date("2026-11-01T23:30:00Z");
    const utc = postingSchedule({ ...BASE, now: late, weeks: 1, postsPerWeek: 7 });
    const tokyo = postingSchedule({ ...BASE, now: late, weeks: 1, postsPerWeek: 7, timeZone: "Asia/Tokyo" });
    expect(utc[0]).toMatchObject({ day: "2026-11-02", weekday: "Monday" });
    expect(tokyo[0]).toMatchObject({ day: "2026-11-03", weekday: "Tuesday" });
  });

  it("gives each post a trending tag, two proven ones and one added at approval", () => {
    const slots = postingSchedule({ ...BASE, postsPerWeek: 2, added: ["glassskin", "spf"] });
    expect(slots.map((s) => s.hashtags)).toEqual([
      ["cleangirl", "skintok", "grwm", "glassskin"],
      ["cleangirl", "grwm", "skintok", "spf"],
      ["cleangirl", "skintok", "grwm", "glassskin"],
      ["cleangirl", "grwm", "skintok", "spf"],
    ]);
    expect(new Set(slots.slice(0, 3).map((s) => s.format)).size).toBe(3);
  });
});
