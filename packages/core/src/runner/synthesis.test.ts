import { describe, expect, it } from "vitest";
import { createOfflineProvider } from "../data/offline-provider.ts";
import type { TikTokDataProvider } from "../data/provider.ts";
import { runToCompletion } from "../testing/run-helpers.ts";
import { PROFILE_AUDIT } from "../workflows/profile-audit.ts";
import { OFFLINE_REPORT_NOTICE, withDataSourceNotice } from "./synthesis.ts";

const now = () => new Date("2026-11-01T12:00:00.000Z");

/** Offline numbers behind a provider that says it reads TikTok: what a real adapter looks like to the runner. */
const tiktokSourced: TikTokDataProvider = { ...createOfflineProvider({ now }), source: "tiktok" };

describe("the report's data source notice", () => {
  it("opens a report written from offline data with the demo-data line, above the model's title", async () => {
    const { report, state } = await runToCompletion(PROFILE_AUDIT, { now });
    expect(state.dataSource).toBe("offline");
    const [first, blank, title] = (report ?? "").split("\n");
    expect(first).toBe(OFFLINE_REPORT_NOTICE);
    expect(blank).toBe("");
    expect(title).toMatch(/^# /);
    expect(state.steps.report?.output).toEqual({ markdown: report });
  });

  it("adds no notice to a report written from a TikTok-sourced provider", async () => {
    const { report, state } = await runToCompletion(PROFILE_AUDIT, { now, data: tiktokSourced });
    expect(state.dataSource).toBe("tiktok");
    expect(report).toMatch(/^# /);
    expect(report).not.toContain("Demo data");
  });

  it("puts the notice first whatever the model wrote, even a notice of its own", () => {
    expect(withDataSourceNotice("Summary first", "offline")).toBe(
      `${OFFLINE_REPORT_NOTICE}\n\nSummary first`,
    );
    expect(withDataSourceNotice(OFFLINE_REPORT_NOTICE, "tiktok")).toBe(OFFLINE_REPORT_NOTICE);
  });
});
