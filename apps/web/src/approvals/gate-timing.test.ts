import { describe, expect, it } from "vitest";
import { expiryText, relativeTime } from "./gate-timing.ts";

const NOW = Date.parse("2026-03-04T12:00:00Z");
const at = (ms: number) => new Date(NOW + ms).toISOString();
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe("relativeTime", () => {
  it("says days from two days on, hours from two hours on, minutes below", () => {
    expect(relativeTime(at(3 * 24 * HOUR), NOW)).toBe("in 3 days");
    expect(relativeTime(at(36 * HOUR), NOW)).toBe("in 36 hours");
    expect(relativeTime(at(90 * MINUTE), NOW)).toBe("in 90 minutes");
    expect(relativeTime(at(5 * MINUTE), NOW)).toBe("in 5 minutes");
  });

  it("says how long ago for a past time", () => {
    expect(relativeTime(at(-3 * HOUR), NOW)).toBe("3 hours ago");
  });
});

describe("expiryText", () => {
  it("says a gate without an expiry waits until someone decides", () => {
    expect(expiryText(null, NOW)).toBe("Does not expire: the run waits until someone decides.");
  });

  it("says when a gate expires, relative and as a date, and what expiring does", () => {
    const text = expiryText(at(48 * HOUR), NOW);
    expect(text).toMatch(
      /^Expires in 2 days \(.*\d{2}:\d{2}:\d{2}\); unanswered, the run then ends as rejected\.$/,
    );
  });

  it("says an expiry already past is past", () => {
    expect(expiryText(at(-10 * MINUTE), NOW)).toMatch(/^Expired 10 minutes ago/);
  });
});
