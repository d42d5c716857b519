import { afterEach, describe, expect, test, vi } from "vitest";
import { onStopSignal } from "./signals.ts";

afterEach(() => {
  vi.useRealTimers();
});

describe("onStopSignal", () => {
  test("takes the copies of a signal that arrive together as one request, a later signal as another", () => {
    vi.useFakeTimers();
    const received: string[] = [];
    const off = onStopSignal((signal) => received.push(signal));
    try {
      // Sent to the process group and passed on by pnpm and the wrapper.
      process.emit("SIGTERM");
      process.emit("SIGTERM");
      vi.advanceTimersByTime(100);
      process.emit("SIGTERM");
      expect(received).toEqual(["SIGTERM"]);

      vi.advanceTimersByTime(2000);
      process.emit("SIGINT");
      expect(received).toEqual(["SIGTERM", "SIGINT"]);
    } finally {
      off();
    }
    process.emit("SIGHUP");
    expect(received).toEqual(["SIGTERM", "SIGINT"]);
  });
});
