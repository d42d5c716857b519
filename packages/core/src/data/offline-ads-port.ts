import type { PublishedCampaign, TikTokAdsPort } from "./ads.ts";
import type { CampaignPayload } from "./campaign-payload.ts";
import type { DataScope } from "./data-scope.ts";
import { DATA_SOURCE } from "./data-source.ts";
import { hashSeed } from "./seeded-random.ts";

/** Said in the trace of every offline action, so nobody reads an offline id as a real campaign. */
export const OFFLINE_ADS_NOTICE = "offline: nothing was created at TikTok";

/**
 * The ads port with no TikTok app configured: ids derived from the idempotency key (the same key
 * always gives the same ids), remembered in this process so a second publish finds the first.
 * Creates nothing anywhere.
 * @example
 * const adsFor = createOfflineAds();
 * const ads = adsFor({ workspaceId: "local", trace });
 */
export function createOfflineAds(): (scope: DataScope) => TikTokAdsPort {
  const held = new Map<string, PublishedCampaign>();
  return ({ trace }) => ({
    source: DATA_SOURCE.offline,
    async findCampaign(idempotencyKey) {
      return structuredClone(held.get(idempotencyKey) ?? null);
    },
    async createCampaign(payload, idempotencyKey) {
      const campaign = held.get(idempotencyKey) ?? offlineCampaign(payload, idempotencyKey);
      held.set(idempotencyKey, campaign);
      trace.log(OFFLINE_ADS_NOTICE, { action: "create campaign", campaign_id: campaign.campaign_id });
      return structuredClone(campaign);
    },
    async setCampaignStatus(campaignId, status) {
      for (const campaign of held.values())
        if (campaign.campaign_id === campaignId) campaign.operation_status = status;
      trace.log(OFFLINE_ADS_NOTICE, { action: `set campaign status ${status}`, campaign_id: campaignId });
    },
  });
}

function offlineCampaign(payload: CampaignPayload, key: string): PublishedCampaign {
  const id = (item: string) => `offline_${hashSeed(`${key}:${item}`).toString(16).padStart(8, "0")}`;
  return {
    campaign_id: id("campaign"),
    operation_status: payload.campaign.operation_status,
    ad_groups: payload.ad_groups.map((group) => ({
      adgroup_name: group.adgroup_name,
      adgroup_id: id(`adgroup:${group.adgroup_name}`),
      ads: group.ads.map((ad) => ({
        ad_name: ad.ad_name,
        ad_id: id(`ad:${group.adgroup_name}:${ad.ad_name}`),
      })),
    })),
  };
}
