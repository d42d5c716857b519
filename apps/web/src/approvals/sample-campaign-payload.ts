import type { CampaignPayload } from "@tiktok-army/core/model";

/** A campaign payload as the drafting step makes one: two ad groups, two ads, 14 days in Dec 2026. For tests. */
export function sampleCampaignPayload(): CampaignPayload {
  const group = (name: string, hashtags: string[]) => ({
    adgroup_name: name,
    placement_type: "PLACEMENT_TYPE_NORMAL" as const,
    placements: ["PLACEMENT_TIKTOK" as const],
    location_ids: ["6252001"],
    age_groups: ["AGE_18_24" as const, "AGE_25_34" as const, "AGE_55_100" as const],
    gender: "GENDER_UNLIMITED" as const,
    schedule_type: "SCHEDULE_START_END" as const,
    schedule_start_time: "2026-12-02 00:00:00",
    schedule_end_time: "2026-12-16 00:00:00",
    optimization_goal: "ENGAGED_VIEW" as const,
    billing_event: "CPV" as const,
    bid_type: "BID_TYPE_NO_BID" as const,
    hashtags,
    ads: [
      {
        ad_name: `${name} · copy 1`,
        ad_text: "Glow that lasts all day. Watch how.",
        ad_format: "SINGLE_VIDEO" as const,
        identity_type: "TT_USER" as const,
        tiktok_item_id: "7301234567890123456",
        call_to_action: "WATCH_NOW" as const,
      },
    ],
  });
  return {
    currency: "USD",
    max_daily_budget: 500,
    drafted_at: "2026-12-01T03:00:00.000Z",
    campaign: {
      campaign_name: "@lakucosmetics · beauty · VIDEO_VIEWS · 2026-12-01",
      objective_type: "VIDEO_VIEWS",
      budget_optimize_on: true,
      budget_mode: "BUDGET_MODE_DAY",
      budget: 50,
      operation_status: "DISABLE",
    },
    ad_groups: [group("skincare", ["skincare", "glowup"]), group("makeup", ["makeup", "grwm", "dewy"])],
  };
}
