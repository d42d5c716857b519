import { describe, expect, it } from "vitest";
import {
  ageGroupLabel,
  campaignSchedule,
  constantLabel,
  formatMoney,
  formatScheduleTime,
  locationLabel,
  scheduleInstant,
  totalBudget,
} from "./campaign-display.ts";
import { sampleCampaignPayload } from "./sample-campaign-payload.ts";

describe("the schedule", () => {
  it("reads the payload's times as UTC instants", () => {
    expect(scheduleInstant("2026-12-02 00:00:00")?.toISOString()).toBe("2026-12-02T00:00:00.000Z");
    expect(scheduleInstant("soon")).toBeUndefined();
  });

  it("runs from the earliest ad group start to the latest end, counting started days whole", () => {
    const payload = sampleCampaignPayload();
    expect(campaignSchedule(payload)).toEqual({
      start: new Date("2026-12-02T00:00:00Z"),
      end: new Date("2026-12-16T00:00:00Z"),
      days: 14,
    });
    const [first, second] = payload.ad_groups;
    if (!first || !second) throw new Error("two ad groups expected");
    second.schedule_end_time = "2026-12-16 06:00:00";
    expect(campaignSchedule(payload)?.days).toBe(15);
  });

  it("writes a time in the time zone asked for, naming it", () => {
    const start = new Date("2026-12-02T00:00:00Z");
    expect(formatScheduleTime(start, { timeZone: "Europe/Berlin", locale: "en-US" })).toBe(
      "Wed, Dec 2, 2026, 01:00 GMT+1",
    );
    expect(formatScheduleTime(start, { timeZone: "America/New_York", locale: "en-US" })).toBe(
      "Tue, Dec 1, 2026, 19:00 EST",
    );
  });
});

describe("money", () => {
  it("totals the daily budget over the schedule's days, to the cent", () => {
    expect(totalBudget(75, 14)).toBe(1050);
    expect(totalBudget(50.333, 3)).toBe(151);
  });

  it("writes amounts in the payload's currency", () => {
    expect(formatMoney(1050, "USD", "en-US")).toBe("$1,050.00");
    expect(formatMoney(80, "EUR", "en-US")).toBe("€80.00");
  });
});

describe("targeting labels", () => {
  it("writes age groups as ranges", () => {
    expect(ageGroupLabel("AGE_18_24")).toBe("18–24");
    expect(ageGroupLabel("AGE_55_100")).toBe("55+");
  });

  it("names locations the product knows and shows the id of the others", () => {
    expect(locationLabel("6252001", "en")).toBe("United States (6252001)");
    expect(locationLabel("123", "en")).toBe("location 123");
  });

  it("writes API constants as words", () => {
    expect(constantLabel("VIDEO_VIEWS")).toBe("Video views");
    expect(constantLabel("ENGAGED_VIEW")).toBe("Engaged view");
    expect(constantLabel("PLACEMENT_TIKTOK")).toBe("TikTok");
  });
});
