import { describe, expect, it } from "vitest";
import type { CampaignBuilderOutput } from "../agents/campaign-builder.ts";
import type { CampaignPublisherOutput } from "../agents/campaign-publisher.ts";
import type { ContentPlannerOutput } from "../agents/content-planner.ts";
import type { TrendWatcherOutput } from "../agents/trend-watcher.ts";
import type { CampaignPayload } from "../data/campaign-payload.ts";
import { createOfflineAds } from "../data/offline-ads-port.ts";
import { ApprovalValueError } from "../runner/approvals.ts";
import { resumeWorkflowInline } from "../runner/run-workflow-inline.ts";
import { TEST_NOW } from "../testing/agent-context.ts";
import { runToCompletion } from "../testing/run-helpers.ts";
import { validateWorkflow } from "../workflow/define-workflow.ts";
import { CAMPAIGN_LAUNCH } from "./campaign-launch.ts";

const now = () => TEST_NOW;

/** A campaign_launch run stopped at its campaign gate, and a way to decide its gates. */
async function atCampaignGate() {
  const adsFor = createOfflineAds();
  const first = await runToCompletion(CAMPAIGN_LAUNCH, { now, adsFor });
  const proposed = Object.values(first.state.approvals)[0]?.value as CampaignPayload;
  const decide = (editedValue?: unknown, approvalId?: string) =>
    resumeWorkflowInline({
      store: first.store,
      now,
      adsFor,
      workflowRunId: first.runId,
      decision: { decision: "approve", editedValue, decidedBy: "maria@brand.test", approvalId },
    });
  return { ...first, proposed, decide };
}

function withBudgetAndHashtags(
  payload: CampaignPayload,
  budget: number,
  hashtags: string[],
): CampaignPayload {
  return {
    ...payload,
    campaign: { ...payload.campaign, budget },
    ad_groups: payload.ad_groups.map((g, i) => (i === 0 ? { ...g, hashtags } : g)),
  };
}

describe("campaign_launch", () => {
  it("passes the definition checks: each step that spends has an approval gate upstream", () => {
    expect(validateWorkflow(CAMPAIGN_LAUNCH)).toEqual([]);
    const keys = CAMPAIGN_LAUNCH.steps.map((s) => s.key);
    expect(keys).toEqual([
      "account_health",
      "trends",
      "campaign",
      "approve_campaign",
      "content_plan",
      "publish",
      "approve_enable",
      "enable",
      "report",
    ]);
  });

  it("stops at the campaign gate with the full payload to review and nothing created", async () => {
    const { state, proposed } = await atCampaignGate();
    expect(state.steps.approve_campaign?.status).toBe("waiting_approval");
    expect(state.steps.publish?.status).toBe("pending");
    expect(proposed.campaign.operation_status).toBe("DISABLE");
    expect(proposed).toMatchObject({ currency: "USD", campaign: { budget: 50 } });
    expect(proposed.ad_groups[0]?.schedule_start_time).toMatch(/^\d{4}-\d{2}-\d{2} /);
  });

  it("publishes exactly the approved payload, the edited budget and hashtags included, DISABLED", async () => {
    const { store, runId, proposed, decide } = await atCampaignGate();
    const approved = withBudgetAndHashtags(proposed, 80, ["glassskin"]);
    expect(await decide(approved)).toBeNull();
    const paused = await store.load(runId);
    expect(paused?.steps.publish?.input).toEqual({ payload: approved });
    const published = paused?.steps.publish?.output as CampaignPublisherOutput;
    expect(published.payload).toEqual(approved);
    expect(published.campaign.operation_status).toBe("DISABLE");
    expect(published.idempotency_key).toBe(`${runId}:publish:campaign`);
    expect(paused?.steps.approve_enable?.status).toBe("waiting_approval");
    expect(paused?.steps.publish?.trace).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ message: "offline: nothing was created at TikTok" }),
      ]),
    );

    const enableGate = Object.values(paused?.approvals ?? {}).find((a) => a.status === "pending");
    const report = await decide(undefined, enableGate?.id);
    const state = await store.load(runId);
    expect(state?.status).toBe("succeeded");
    expect(state?.steps.enable?.output).toMatchObject({
      campaign_id: published.campaign.campaign_id,
      operation_status: "ENABLE",
    });
    expect(report).toContain(
      `The campaign \`${published.campaign.campaign_id}\` was created DISABLED offline (nothing was created at TikTok) with the approved daily budget of USD 80.`,
    );
    expect(report).toContain("It was enabled after a second approval.");
    // The report says who decided and what they changed, as a sentence, not the approved JSON.
    const before = (proposed.ad_groups[0]?.hashtags ?? []).map((t) => JSON.stringify(t)).join(", ");
    expect(report).toMatch(
      new RegExp(
        `Approve campaign: approved by maria@brand\\.test on \\d{4}-\\d{2}-\\d{2}, changing ${escapeRegExp(
          `campaign.budget from 50 to 80; ad_groups.0.hashtags: removed ${before}, added "glassskin".`,
        )}`,
      ),
    );
    expect(report).toMatch(/Approve enabling[^:]*: approved by maria@brand\.test on [\d-]+, as proposed\./);
  });

  it("carries a hashtag edit at the gate into every later step and the report, the plan included", async () => {
    const { store, runId, state: atGate, proposed, decide } = await atCampaignGate();
    const trends = atGate.steps.trends?.output as TrendWatcherOutput;
    const trending = trends.hashtag_names;
    const group = proposed.ad_groups.find((g) => g.hashtags.some((t) => trending.includes(t)));
    const removed = group?.hashtags.find((t) => trending.includes(t));
    if (!group || !removed) throw new Error("expected a targeted trending hashtag");
    const hashtags = [...group.hashtags.filter((t) => t !== removed), "glassskin"];
    const approved = {
      ...proposed,
      ad_groups: proposed.ad_groups.map((g) => (g === group ? { ...g, hashtags } : g)),
    };
    await decide(approved);
    const paused = await store.load(runId);
    const enableGate = Object.values(paused?.approvals ?? {}).find((a) => a.status === "pending");
    const report = (await decide(undefined, enableGate?.id)) ?? "";
    const state = await store.load(runId);
    const plan = state?.steps.content_plan?.output as ContentPlannerOutput;
    expect(plan.hashtags).toContain("glassskin");
    expect(plan.posts.some((post) => post.hashtags.includes("glassskin"))).toBe(true);
    const tag = new RegExp(`#?\\b${removed}\\b`, "i");
    for (const key of ["content_plan", "publish", "enable"])
      expect(JSON.stringify(state?.steps[key]?.output), key).not.toMatch(tag);
    // The decision record names it as removed, the draft's evidence marks it so; nothing else may name it.
    const [body = "", approvals] = report.split("## Approvals");
    expect(approvals).toMatch(new RegExp(`removed "${removed}", added "glassskin"`));
    const marked = [
      `| #${removed} | trending, removed at approval |`,
      `Removed at approval and left out of this report's recommendations: #${removed}.`,
    ];
    expect(body).toContain(marked[0]);
    const unmarked = marked.reduce((text, m) => text.replaceAll(m, ""), body);
    expect(unmarked).not.toMatch(new RegExp(`#${removed}\\b`));
  });

  it("grounds the forecast in an earlier campaign when the run names one, and labels benchmarks otherwise", async () => {
    const withHistory = await runToCompletion(CAMPAIGN_LAUNCH, {
      now,
      adsFor: createOfflineAds(),
      brief: { handle: "lakucosmetics", targetType: "brand", params: { historyCampaignId: "cmp_spring" } },
    });
    const grounded = withHistory.state.steps.campaign?.output as CampaignBuilderOutput | undefined;
    expect(grounded?.forecast.label).toMatch(/^own ad history: campaign cmp_spring/);
    const { state } = await atCampaignGate();
    const drafted = state.steps.campaign?.output as CampaignBuilderOutput | undefined;
    expect(drafted?.forecast.label).toBe("benchmark, no ad history");
  });

  it("refuses a budget above the step's max_daily_budget, naming the field, and creates nothing", async () => {
    const { store, runId, proposed, decide } = await atCampaignGate();
    const error = await decide(withBudgetAndHashtags(proposed, 5000, [])).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApprovalValueError);
    expect(error).toMatchObject({ code: "invalid_edited_value", path: "campaign.budget" });
    expect((error as Error).message).toContain('"payload.campaign.budget"');
    expect((error as Error).message).toContain("at most 500 USD");
    expect((await store.load(runId))?.steps.publish?.status).toBe("pending");
  });

  it("refuses an edit to anything but the budget and hashtags", async () => {
    const { proposed, decide } = await atCampaignGate();
    const group = proposed.ad_groups[0];
    if (!group) throw new Error("expected an ad group");
    const moved = {
      ...proposed,
      ad_groups: [{ ...group, location_ids: ["2635167"] }, ...proposed.ad_groups.slice(1)],
    };
    await expect(decide(moved)).rejects.toMatchObject({
      code: "field_not_editable",
      path: "ad_groups.0.location_ids.0",
    });
    const text = { ...proposed, campaign: { ...proposed.campaign, campaign_name: "Something else" } };
    await expect(decide(text)).rejects.toMatchObject({
      code: "field_not_editable",
      path: "campaign.campaign_name",
    });
  });

  it("lets the enable gate be approved or rejected, never pointed at another campaign", async () => {
    const { store, runId, proposed, decide } = await atCampaignGate();
    await decide(proposed);
    const paused = await store.load(runId);
    const gate = Object.values(paused?.approvals ?? {}).find((a) => a.status === "pending");
    const value = gate?.value as CampaignPublisherOutput["campaign"];
    await expect(decide({ ...value, campaign_id: "999" }, gate?.id)).rejects.toMatchObject({
      code: "field_not_editable",
    });
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
