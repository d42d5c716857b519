import { z } from "zod";
import { publishedCampaignSchema } from "../data/ads.ts";
import { campaignPayloadSchema } from "../data/campaign-payload.ts";
import { NonRetriableError } from "../runner/errors.ts";
import { defineAgent } from "./contract.ts";

export const campaignPublisherOutput = z.object({
  /** The campaign TikTok holds, by TikTok's ids; what later runs (post_launch_loop) review. */
  campaign: publishedCampaignSchema,
  /** One per (run, step, campaign): a retried or twice-delivered step finds this campaign again. */
  idempotency_key: z.string(),
  /** True when the campaign already existed (a retry); false when this attempt created it. */
  found_existing: z.boolean(),
  /** What was sent: the approved payload, unchanged. */
  payload: campaignPayloadSchema,
  source: z.enum(["offline", "tiktok"]),
});
export type CampaignPublisherOutput = z.infer<typeof campaignPublisherOutput>;

/**
 * Creates the approved campaign at TikTok exactly as approved, DISABLED. It looks up its
 * idempotency key first, so a retry or a duplicate delivery completes the first attempt's campaign
 * (creating only missing ad groups and ads) instead of creating a second one.
 */
export const campaignPublisher = defineAgent({
  name: "campaign_publisher",
  description: "Creates the approved campaign payload at TikTok, disabled, once",
  sideEffects: "spends",
  input: z.object({ payload: campaignPayloadSchema }),
  options: z.object({}),
  output: campaignPublisherOutput,
  async execute({ payload }, ctx) {
    ctx.signal.throwIfAborted();
    const key = `${ctx.run.workflowRunId}:${ctx.run.stepKey}:campaign`;
    const start = payload.ad_groups.map((g) => g.schedule_start_time).sort()[0] ?? "";
    const existing = await ctx.ads.findCampaign(key);
    if (!existing && start <= ctx.now().toISOString().slice(0, 19).replace("T", " "))
      throw new NonRetriableError(
        `the approved schedule starts at ${start}, which has passed: draft the campaign again`,
      );
    const created = await ctx.ads.createCampaign(payload, key);
    ctx.trace.log(
      existing ? "campaign found from an earlier attempt; missing items created" : "campaign created",
      {
        campaign_id: created.campaign_id,
        operation_status: created.operation_status,
        daily_budget: payload.campaign.budget,
        currency: payload.currency,
      },
    );
    return {
      campaign: created,
      idempotency_key: key,
      found_existing: existing !== null,
      payload,
      source: ctx.ads.source,
    };
  },
});
