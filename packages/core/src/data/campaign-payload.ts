import { z } from "zod";
import { hashtagsSchema } from "../agents/bounds.ts";

// TikTok Business Help Center, "About budgets for ads in TikTok Ads Manager" (Aug 2025) and
// "About Budget and Bidding FAQs" (Jul 2024): a daily budget must exceed USD 50 per campaign and
// USD 20 per ad group (or the equivalent in the account's currency).
/**
 * A campaign id: TikTok's are digits, the offline source's `cmp_…`; letters, digits, `_` and `-` only,
 * so no sentence can hide in one.
 */
export const campaignIdSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{1,128}$/, "must be a campaign id: 1–128 letters, digits, _ or -");

/** TikTok's smallest daily budget at campaign level, in the advertiser's currency units (USD 50). */
export const MIN_DAILY_BUDGET = 50;
/**
 * TikTok's smallest daily budget per ad group (USD 20). With Campaign Budget Optimization the ad
 * groups share the campaign's budget, so it must cover this much for each of them.
 */
export const MIN_ADGROUP_DAILY_BUDGET = 20;
/** Ad text takes 1–100 characters. */
export const AD_TEXT_MAX = 100;
const NAME_MAX = 512;
const CAMPAIGN_NAME_MAX = 480;

/** `YYYY-MM-DD HH:MM:SS`, in the advertiser's time zone, as the Marketing API takes schedules. */
const scheduleTimeSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/, "must be YYYY-MM-DD HH:MM:SS");

/** One ad: a Spark Ad of the account's own video (`identity_id` is the connected account's, set at publish). */
export const adPayloadSchema = z.object({
  ad_name: z.string().min(1).max(NAME_MAX),
  ad_text: z.string().min(1).max(AD_TEXT_MAX),
  ad_format: z.literal("SINGLE_VIDEO"),
  identity_type: z.literal("TT_USER"),
  tiktok_item_id: z.string().min(1).max(64),
  call_to_action: z.enum(["LEARN_MORE", "WATCH_NOW", "SHOP_NOW"]),
});
export type AdPayload = z.infer<typeof adPayloadSchema>;

/** One ad group of `/adgroup/create/`, with the hashtags it targets (hashtag interactions). */
export const adGroupPayloadSchema = z.object({
  adgroup_name: z.string().min(1).max(NAME_MAX),
  placement_type: z.literal("PLACEMENT_TYPE_NORMAL"),
  placements: z.array(z.literal("PLACEMENT_TIKTOK")).length(1),
  /** TikTok location ids (GeoNames ids, e.g. "6252001" for the United States). */
  location_ids: z
    .array(z.string().regex(/^\d{1,12}$/))
    .min(1)
    .max(20),
  age_groups: z
    .array(z.enum(["AGE_13_17", "AGE_18_24", "AGE_25_34", "AGE_35_44", "AGE_45_54", "AGE_55_100"]))
    .min(1),
  gender: z.enum(["GENDER_UNLIMITED", "GENDER_FEMALE", "GENDER_MALE"]),
  schedule_type: z.literal("SCHEDULE_START_END"),
  schedule_start_time: scheduleTimeSchema,
  schedule_end_time: scheduleTimeSchema,
  optimization_goal: z.enum(["REACH", "ENGAGED_VIEW"]),
  billing_event: z.enum(["CPM", "CPV"]),
  bid_type: z.literal("BID_TYPE_NO_BID"),
  /** Hashtag names without `#`; the publisher resolves them to TikTok's hashtag ids. */
  hashtags: hashtagsSchema,
  ads: z.array(adPayloadSchema).min(1).max(5),
});
export type AdGroupPayload = z.infer<typeof adGroupPayloadSchema>;

/**
 * A campaign exactly as it is sent to TikTok's Marketing API (campaign, ad groups, ads), created
 * DISABLED. `advertiser_id` and the ads' `identity_id` are not in it: they come from the connection
 * at publish time. The bounds a reviewer's edit must respect are part of the schema, so an approval
 * gate refuses an out-of-bounds edit with the field's name.
 */
export const campaignPayloadSchema = z
  .object({
    /** ISO 4217 code of the advertiser account's currency; every amount below is in it. */
    currency: z.string().regex(/^[A-Z]{3}$/, "must be an ISO 4217 code such as USD"),
    /** The most a reviewer may raise the daily budget to: the drafting step's `max_daily_budget`. */
    max_daily_budget: z.number().positive(),
    /** When the draft was made: the schedule must start after it. */
    drafted_at: z.iso.datetime(),
    campaign: z.object({
      // Leaves room within TikTok's 512 characters for the publisher's idempotency marker.
      campaign_name: z.string().min(1).max(CAMPAIGN_NAME_MAX),
      objective_type: z.enum(["REACH", "VIDEO_VIEWS"]),
      /** Campaign Budget Optimization: the campaign's daily budget is the one budget the ad groups share. */
      budget_optimize_on: z.literal(true),
      budget_mode: z.literal("BUDGET_MODE_DAY"),
      budget: z.number().min(MIN_DAILY_BUDGET, `must be at least ${MIN_DAILY_BUDGET} (TikTok's minimum)`),
      operation_status: z.literal("DISABLE"),
    }),
    ad_groups: z.array(adGroupPayloadSchema).min(1).max(3),
  })
  .superRefine((payload, ctx) => {
    if (payload.campaign.budget > payload.max_daily_budget)
      ctx.addIssue({
        code: "custom",
        path: ["campaign", "budget"],
        message: `must be at most ${payload.max_daily_budget} ${payload.currency} (the step's max_daily_budget)`,
      });
    const perGroup = MIN_ADGROUP_DAILY_BUDGET * payload.ad_groups.length;
    if (payload.campaign.budget < perGroup)
      ctx.addIssue({
        code: "custom",
        path: ["campaign", "budget"],
        message: `must be at least ${perGroup} ${payload.currency}: TikTok's minimum of ${MIN_ADGROUP_DAILY_BUDGET} for each of the ${payload.ad_groups.length} ad groups`,
      });
    const drafted = payload.drafted_at.slice(0, 19).replace("T", " ");
    const names = new Set<string>();
    payload.ad_groups.forEach((group, i) => {
      if (group.schedule_start_time <= drafted)
        ctx.addIssue({
          code: "custom",
          path: ["ad_groups", i, "schedule_start_time"],
          message: "must be in the future",
        });
      if (group.schedule_end_time <= group.schedule_start_time)
        ctx.addIssue({
          code: "custom",
          path: ["ad_groups", i, "schedule_end_time"],
          message: "must be after schedule_start_time",
        });
      // The publisher finds an ad group again by its name: two with one name would be one.
      if (names.has(group.adgroup_name))
        ctx.addIssue({ code: "custom", path: ["ad_groups", i, "adgroup_name"], message: "must be unique" });
      names.add(group.adgroup_name);
      const adNames = new Set(group.ads.map((a) => a.ad_name));
      if (adNames.size !== group.ads.length)
        ctx.addIssue({ code: "custom", path: ["ad_groups", i, "ads"], message: "ad names must be unique" });
    });
  });
export type CampaignPayload = z.infer<typeof campaignPayloadSchema>;

/** What a reviewer may change at the campaign's approval gate: the budget and the targeted hashtags. */
export const CAMPAIGN_EDITABLE_PATHS = ["campaign.budget", "ad_groups.*.hashtags"] as const;

/** A line the reviewer reads: amount, currency and dates, e.g. "USD 80/day, 2026-11-02 → 2026-11-16". */
export function describePayload(payload: CampaignPayload): string {
  const first = payload.ad_groups[0];
  const dates = first
    ? `, ${first.schedule_start_time.slice(0, 10)} → ${first.schedule_end_time.slice(0, 10)}`
    : "";
  return `${payload.currency} ${payload.campaign.budget}/day${dates}`;
}
