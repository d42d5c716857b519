import { createOfflineProvider, FINISHED_RUN_STATUSES, OFFLINE_REPORT_NOTICE } from "@tiktok-army/core";
import { waitFor } from "@tiktok-army/db/testing";
import { afterEach, describe, expect, it } from "vitest";
import { startTestApi } from "./testing.ts";

let api: Awaited<ReturnType<typeof startTestApi>> | undefined;
afterEach(async () => {
  await api?.stop();
  api = undefined;
});

async function auditRun(options: Parameters<typeof startTestApi>[0] = {}) {
  api = await startTestApi(options);
  const caller = await api.caller((await api.workspace("data-source")).apiKey);
  const { runId } = await caller.workflows.run({
    slug: "profile_audit",
    handle: "lakucosmetics",
    targetType: "brand",
  });
  const engine = api.engine;
  await waitFor(async () => {
    const s = await engine.store.load(runId, { traces: false });
    return s && FINISHED_RUN_STATUSES.includes(s.status) ? s : undefined;
  }, "the run to finish");
  return { run: await caller.runs.get({ runId }), list: await caller.runs.list() };
}

describe("the run views' data source", () => {
  it("says offline in runs.get and runs.list for a run of the offline provider, whose report says so first", async () => {
    const { run, list } = await auditRun();
    expect(run.dataSource).toBe("offline");
    expect(list.items.map((r) => r.dataSource)).toEqual(["offline"]);
    expect(run.report?.split("\n")[0]).toBe(OFFLINE_REPORT_NOTICE);
  });

  it("says tiktok in both for a run of a TikTok-sourced provider, with no demo-data line", async () => {
    const { run, list } = await auditRun({ data: { ...createOfflineProvider(), source: "tiktok" } });
    expect(run.dataSource).toBe("tiktok");
    expect(list.items.map((r) => r.dataSource)).toEqual(["tiktok"]);
    expect(run.report).not.toContain(OFFLINE_REPORT_NOTICE);
  });
});
