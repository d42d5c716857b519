import { describe, expect, it } from "vitest";
import { elapsedMs, formatCost, formatDuration, formatStatus, formatTokens } from "./format.ts";

describe("formatDuration", () => {
  it("writes sub-second durations in milliseconds", () => {
    expect(formatDuration(0)).toBe("0 ms");
    expect(formatDuration(849.6)).toBe("850 ms");
  });

  it("writes seconds with one decimal, rounding down so a ticking clock never jumps back", () => {
    expect(formatDuration(1000)).toBe("1.0 s");
    expect(formatDuration(12_399)).toBe("12.3 s");
    expect(formatDuration(59_999)).toBe("59.9 s");
  });

  it("writes minutes and hours with padded seconds and minutes", () => {
    expect(formatDuration(245_000)).toBe("4m 05s");
    expect(formatDuration(2 * 3600_000 + 3 * 60_000 + 59_000)).toBe("2h 03m");
  });

  it("reads nonsense as zero rather than printing NaN", () => {
    expect(formatDuration(-5)).toBe("0 ms");
    expect(formatDuration(Number.NaN)).toBe("0 ms");
  });
});

describe("elapsedMs", () => {
  const start = "2025-01-01T10:00:00.000Z";

  it("is null before a start", () => {
    expect(elapsedMs(null, null, Date.now())).toBeNull();
  });

  it("measures to the end when there is one, else to now", () => {
    expect(elapsedMs(start, "2025-01-01T10:00:02.500Z", 0)).toBe(2500);
    expect(elapsedMs(start, null, Date.parse(start) + 750)).toBe(750);
  });

  it("never goes negative when the clocks disagree", () => {
    expect(elapsedMs(start, null, Date.parse(start) - 1000)).toBe(0);
  });
});

describe("formatCost, formatTokens, formatStatus", () => {
  it("shows fractions of a cent with four decimals and dollars with two", () => {
    expect(formatCost(0)).toBe("$0.00");
    expect(formatCost(0.01234)).toBe("$0.0123");
    expect(formatCost(3.456)).toBe("$3.46");
  });

  it("labels a mock-mode cost as an estimate, so nobody takes it for spend", () => {
    expect(formatCost(0.01234, { estimate: true })).toBe("≈ $0.0123 (estimate, mock mode)");
    expect(formatCost(0, { estimate: true })).toBe("≈ $0.00 (estimate, mock mode)");
    expect(formatCost(0.01234, { estimate: false })).toBe("$0.0123");
  });

  it("groups thousands", () => {
    expect(formatTokens(12345)).toBe("12,345");
  });

  it("spells statuses with spaces", () => {
    expect(formatStatus("waiting_approval")).toBe("waiting approval");
  });
});
