import { createHash } from "node:crypto";
import type { AdGroupPayload, CampaignPayload, PublishedCampaign, TikTokAdsPort } from "@tiktok-army/core";
import type { TikTokClient } from "../http-client.ts";
import {
  marketingAdCreate,
  marketingAdGet,
  marketingAdgroupCreate,
  marketingAdgroupGet,
  marketingCampaignCreate,
  marketingCampaignGet,
  marketingCampaignStatusUpdate,
  marketingHashtagRecommend,
} from "./endpoints.ts";

/** A campaign holds at most 3 ad groups of at most 5 ads: one page of 100 holds them all. */
const PAGE_SIZE = 100;

/** A hashtag the approved payload targets but TikTok's targeting does not know: never swapped for another. */
export class UnknownHashtagError extends Error {
  override readonly name = "UnknownHashtagError";
  readonly code = "unknown_hashtag" as const;
  constructor(readonly hashtag: string) {
    super(`TikTok's targeting has no hashtag #${hashtag}: remove it at the approval gate and approve again`);
  }
}

/**
 * The marker that finds a campaign again: TikTok's create endpoints take no idempotency key, so the
 * key's digest goes at the end of the campaign's name, where `/campaign/get/` can filter on it.
 * @example
 * idempotencyMarker("run-1:publish:campaign"); // "#ik-3f2a…" (12 hex digits)
 */
export function idempotencyMarker(idempotencyKey: string): string {
  return `#ik-${createHash("sha256").update(idempotencyKey).digest("hex").slice(0, 12)}`;
}

/**
 * The ads port over TikTok's Marketing API for one advertiser. `identityId` is the connected TikTok
 * account whose own videos the Spark Ads promote. Every create looks up first, so a retry completes
 * what an interrupted attempt began instead of creating a second campaign.
 * @example
 * const ads = createMarketingAds(client, "7000000000001", "identity-1");
 * const created = await ads.createCampaign(payload, `${runId}:publish:campaign`);
 */
export function createMarketingAds(
  client: TikTokClient,
  advertiserId: string,
  identityId: string,
): TikTokAdsPort {
  const advertiser = { advertiser_id: advertiserId };

  async function findCampaign(idempotencyKey: string): Promise<PublishedCampaign | null> {
    const marker = idempotencyMarker(idempotencyKey);
    const { list } = await client.call(marketingCampaignGet, {
      query: { ...advertiser, filtering: JSON.stringify({ campaign_name: marker }), page_size: PAGE_SIZE },
    });
    const campaign = list.find((c) => c.campaign_name.endsWith(` ${marker}`));
    if (!campaign) return null;
    const byCampaign = {
      filtering: JSON.stringify({ campaign_ids: [campaign.campaign_id] }),
      page_size: PAGE_SIZE,
    };
    const groups = await client.call(marketingAdgroupGet, { query: { ...advertiser, ...byCampaign } });
    const ads = await client.call(marketingAdGet, { query: { ...advertiser, ...byCampaign } });
    return {
      campaign_id: campaign.campaign_id,
      operation_status: campaign.operation_status,
      ad_groups: groups.list.map((g) => ({
        adgroup_name: g.adgroup_name,
        adgroup_id: g.adgroup_id,
        ads: ads.list
          .filter((a) => a.adgroup_id === g.adgroup_id)
          .map((a) => ({ ad_name: a.ad_name, ad_id: a.ad_id })),
      })),
    };
  }

  async function hashtagActions(hashtags: readonly string[]) {
    if (hashtags.length === 0) return {};
    const { recommend_keywords: found } = await client.call(marketingHashtagRecommend, {
      query: { ...advertiser, keywords: JSON.stringify(hashtags) },
    });
    const ids = hashtags.map((tag) => {
      const match = found.find((k) => k.keyword.replace(/^#/, "").toLowerCase() === tag.toLowerCase());
      if (!match) throw new UnknownHashtagError(tag);
      return match.keyword_id;
    });
    return { actions: [{ action_scene: "HASHTAG_RELATED", action_category_ids: ids }] };
  }

  async function createAdGroup(campaignId: string, group: AdGroupPayload) {
    const { hashtags, ads: _ads, ...fields } = group;
    const { adgroup_id: id } = await client.call(marketingAdgroupCreate, {
      body: { ...advertiser, campaign_id: campaignId, ...fields, ...(await hashtagActions(hashtags)) },
    });
    return {
      adgroup_name: group.adgroup_name,
      adgroup_id: id,
      ads: [] as { ad_name: string; ad_id: string }[],
    };
  }

  return {
    source: "tiktok",
    findCampaign,
    async createCampaign(payload: CampaignPayload, idempotencyKey: string) {
      const found = await findCampaign(idempotencyKey);
      const published: PublishedCampaign = found ?? {
        campaign_id: (
          await client.call(marketingCampaignCreate, {
            body: {
              ...advertiser,
              ...payload.campaign,
              campaign_name: `${payload.campaign.campaign_name} ${idempotencyMarker(idempotencyKey)}`,
            },
          })
        ).campaign_id,
        operation_status: payload.campaign.operation_status,
        ad_groups: [],
      };
      for (const group of payload.ad_groups) {
        let made = published.ad_groups.find((g) => g.adgroup_name === group.adgroup_name);
        if (!made) {
          made = await createAdGroup(published.campaign_id, group);
          published.ad_groups.push(made);
        }
        for (const ad of group.ads) {
          if (made.ads.some((a) => a.ad_name === ad.ad_name)) continue;
          const { ad_ids: ids } = await client.call(marketingAdCreate, {
            body: {
              ...advertiser,
              adgroup_id: made.adgroup_id,
              creatives: [{ ...ad, identity_id: identityId }],
            },
          });
          made.ads.push({ ad_name: ad.ad_name, ad_id: ids[0] });
        }
      }
      return published;
    },
    async setCampaignStatus(campaignId, status) {
      await client.call(marketingCampaignStatusUpdate, {
        body: { ...advertiser, campaign_ids: [campaignId], operation_status: status },
      });
    },
  };
}
