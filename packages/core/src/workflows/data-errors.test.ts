import { describe, expect, it } from "vitest";
import { ConnectionRequiredError, DataUnavailableError } from "../data/errors.ts";
import { createOfflineProvider } from "../data/offline-provider.ts";
import type { TikTokDataProvider } from "../data/provider.ts";
import { NonRetriableError } from "../runner/errors.ts";
import { InMemoryRunStore } from "../runner/memory-store.ts";
import { TEST_NOW } from "../testing/agent-context.ts";
import { createDisplayApiProvider } from "../testing/display-api-provider.ts";
import { runToCompletion } from "../testing/run-helpers.ts";
import type { RunBrief } from "../workflow/brief.ts";
import type { WorkflowDef } from "../workflow/types.ts";
import { COMPETITOR_SCAN } from "./competitor-scan.ts";
import { POST_LAUNCH_LOOP } from "./post-launch-loop.ts";

const now = () => TEST_NOW;

/** Runs the workflow until it stops (a step failing ends it) and returns the run's final state. */
async function failedStep(workflow: WorkflowDef, data: TikTokDataProvider, params: RunBrief["params"]) {
  const store = new InMemoryRunStore(now);
  await runToCompletion(workflow, {
    now,
    store,
    data,
    workflowRunId: "run",
    brief: { handle: "lakucosmetics", targetType: "brand", params },
  }).catch(() => {});
  const state = await store.load("run");
  if (!state) throw new Error("run was not stored");
  return state;
}

describe("data errors", () => {
  it("fail the step at once: both are NonRetriableError, with a string code and the contract's message", () => {
    const unavailable = new DataUnavailableError("Trends", "TikTok's APIs", "no official API");
    expect(unavailable).toBeInstanceOf(NonRetriableError);
    expect(unavailable).toMatchObject({ code: "data_unavailable", what: "Trends", source: "TikTok's APIs" });
    expect(unavailable.message).toBe("Trends is not available from TikTok's APIs: no official API");
    const advertiser = new ConnectionRequiredError("laku", "advertiser");
    expect(advertiser).toBeInstanceOf(NonRetriableError);
    expect(advertiser).toMatchObject({ code: "connection_required", handle: "laku", needs: "advertiser" });
    expect(advertiser.message).toBe(
      "No TikTok advertiser is connected for @laku in this workspace: connect it on the Connections page (/connections), then start the run again.",
    );
  });
});

describe("steps that cannot degrade", () => {
  it("competitor_benchmark fails with the source's explanation rather than inventing a competitor's figures", async () => {
    const display = createDisplayApiProvider({ now });
    const competitorsUnreadable: TikTokDataProvider = {
      ...display,
      async listVideos(handle, query) {
        if (handle !== "lakucosmetics")
          throw new DataUnavailableError(
            `@${handle}'s videos`,
            "TikTok's APIs",
            "no official API lets a brand read another account's data",
          );
        return display.listVideos(handle, query);
      },
    };
    const state = await failedStep(COMPETITOR_SCAN, competitorsUnreadable, { competitors: ["glowwithmia"] });
    expect(state.status).toBe("failed");
    expect(state.steps.benchmark).toMatchObject({ status: "failed", attempts: 1 });
    expect(state.steps.benchmark?.error).toBe(
      "@glowwithmia's videos is not available from TikTok's APIs: no official API lets a brand read another account's data",
    );
    expect(state.report).toBeUndefined();
  });

  it("competitor_benchmark does not ask the brand to connect a competitor it could never connect", async () => {
    const display = createDisplayApiProvider({ now });
    const onlyTheBrand: TikTokDataProvider = {
      ...display,
      async getProfile(handle) {
        if (handle !== "lakucosmetics") throw new ConnectionRequiredError(handle, "account");
        return display.getProfile(handle);
      },
    };
    const state = await failedStep(COMPETITOR_SCAN, onlyTheBrand, { competitors: ["glowwithmia"] });
    expect(state.steps.benchmark).toMatchObject({ status: "failed", attempts: 1 });
    expect(state.steps.benchmark?.error).toMatch(
      /^@glowwithmia's TikTok data is not available from TikTok's APIs: none of TikTok's APIs lets a brand read another account's insights/,
    );
    expect(state.steps.benchmark?.error).not.toContain("/connections");
  });

  it("performance_reviewer fails at once, with its message, when no advertiser is connected", async () => {
    const noAdvertiser: TikTokDataProvider = {
      ...createOfflineProvider({ now }),
      source: "tiktok",
      async getCampaignReport() {
        throw new ConnectionRequiredError("lakucosmetics", "advertiser");
      },
    };
    const state = await failedStep(POST_LAUNCH_LOOP, noAdvertiser, { campaignId: "cmp_spring" });
    expect(state.steps.performance).toMatchObject({ status: "failed", attempts: 1 });
    expect(state.steps.performance?.error).toContain("No TikTok advertiser is connected for @lakucosmetics");
    expect(state.steps.performance?.error).toContain("(/connections)");
  });
});
