import { z } from "zod";
import type { CampaignPayload } from "./campaign-payload.ts";
import type { DataScope } from "./data-scope.ts";
import type { DataSource } from "./data-source.ts";

/** TikTok's ids for what a publisher created: the campaign, and each ad group and ad by its name. */
export const publishedCampaignSchema = z.object({
  campaign_id: z.string().min(1),
  operation_status: z.enum(["ENABLE", "DISABLE"]),
  ad_groups: z.array(
    z.object({
      adgroup_name: z.string(),
      adgroup_id: z.string().min(1),
      ads: z.array(z.object({ ad_name: z.string(), ad_id: z.string().min(1) })),
    }),
  ),
});
export type PublishedCampaign = z.infer<typeof publishedCampaignSchema>;

export type CampaignStatus = PublishedCampaign["operation_status"];

/**
 * The campaign actions a publishing agent takes, per advertiser. Every create is keyed by an
 * idempotency key, one per (run, step, campaign), so a retry or a second delivery of the step finds
 * what the first one made instead of making it twice.
 */
export interface TikTokAdsPort {
  /** `offline` creates nothing anywhere; `tiktok` acts on the connected advertiser account. */
  readonly source: DataSource;
  /** What already exists for this key, possibly part of it (a create interrupted half way), or null. */
  findCampaign(idempotencyKey: string): Promise<PublishedCampaign | null>;
  /**
   * Creates the campaign, its ad groups and ads exactly as in `payload`, all DISABLED, and returns
   * TikTok's ids. Looks up first: when the campaign exists it creates only the missing ad groups and ads.
   */
  createCampaign(payload: CampaignPayload, idempotencyKey: string): Promise<PublishedCampaign>;
  setCampaignStatus(campaignId: string, status: CampaignStatus): Promise<void>;
}

/** How the runner gets the ads port for one step: the workspace's advertiser connection, traced in the step. */
export type AdsPortFor = (scope: DataScope) => TikTokAdsPort;
