import { z } from "zod";
import { campaignIdSchema } from "../data/campaign-payload.ts";
import { defineAgent } from "./contract.ts";

export const campaignEnablerOutput = z.object({
  campaign_id: campaignIdSchema,
  operation_status: z.literal("ENABLE"),
  source: z.enum(["offline", "tiktok"]),
});

/** Switches the published campaign on; only after its own approval gate. Enabling twice is harmless. */
export const campaignEnabler = defineAgent({
  name: "campaign_enabler",
  description: "Enables the published campaign at TikTok",
  sideEffects: "spends",
  input: z.object({ campaign_id: campaignIdSchema }),
  options: z.object({}),
  output: campaignEnablerOutput,
  async execute({ campaign_id: campaignId }, ctx) {
    ctx.signal.throwIfAborted();
    await ctx.ads.setCampaignStatus(campaignId, "ENABLE");
    ctx.trace.log("campaign enabled", { campaign_id: campaignId });
    return { campaign_id: campaignId, operation_status: "ENABLE" as const, source: ctx.ads.source };
  },
});
