import { z } from "zod";
import { defineEndpoint } from "../endpoint.ts";

/**
 * Marketing API v1.3 campaign management (`business-api.tiktok.com/open_api/v1.3`), field names
 * as TikTok documents them for campaign, ad group and ad create/get and campaign status update.
 */
const pageInfo = z.object({ page: z.number().int(), total_page: z.number().int() });

export const marketingCampaignGet = defineEndpoint({
  style: "business",
  method: "GET",
  path: "/open_api/v1.3/campaign/get/",
  data: z.object({
    list: z.array(
      z.object({
        campaign_id: z.string(),
        campaign_name: z.string(),
        operation_status: z.enum(["ENABLE", "DISABLE"]),
      }),
    ),
    page_info: pageInfo,
  }),
  itemsRead: (data) => data.list.length,
});

export const marketingAdgroupGet = defineEndpoint({
  style: "business",
  method: "GET",
  path: "/open_api/v1.3/adgroup/get/",
  data: z.object({
    list: z.array(z.object({ adgroup_id: z.string(), adgroup_name: z.string(), campaign_id: z.string() })),
    page_info: pageInfo,
  }),
  itemsRead: (data) => data.list.length,
});

export const marketingAdGet = defineEndpoint({
  style: "business",
  method: "GET",
  path: "/open_api/v1.3/ad/get/",
  data: z.object({
    list: z.array(z.object({ ad_id: z.string(), ad_name: z.string(), adgroup_id: z.string() })),
    page_info: pageInfo,
  }),
  itemsRead: (data) => data.list.length,
});

export const marketingCampaignCreate = defineEndpoint({
  style: "business",
  method: "POST",
  path: "/open_api/v1.3/campaign/create/",
  writes: true,
  data: z.object({ campaign_id: z.string() }),
  itemsRead: () => 1,
});

export const marketingAdgroupCreate = defineEndpoint({
  style: "business",
  method: "POST",
  path: "/open_api/v1.3/adgroup/create/",
  writes: true,
  data: z.object({ adgroup_id: z.string() }),
  itemsRead: () => 1,
});

export const marketingAdCreate = defineEndpoint({
  style: "business",
  method: "POST",
  path: "/open_api/v1.3/ad/create/",
  writes: true,
  data: z.object({ ad_ids: z.tuple([z.string()]).rest(z.string()) }),
  itemsRead: (data) => data.ad_ids.length,
});

export const marketingCampaignStatusUpdate = defineEndpoint({
  style: "business",
  method: "POST",
  path: "/open_api/v1.3/campaign/status/update/",
  writes: true,
  data: z.object({ campaign_ids: z.array(z.string()) }),
  itemsRead: (data) => data.campaign_ids.length,
});

/** Hashtag targeting takes TikTok's hashtag ids: this finds the id of each hashtag name. */
export const marketingHashtagRecommend = defineEndpoint({
  style: "business",
  method: "GET",
  path: "/open_api/v1.3/tool/hashtag/recommend/",
  data: z.object({ recommend_keywords: z.array(z.object({ keyword: z.string(), keyword_id: z.string() })) }),
  itemsRead: (data) => data.recommend_keywords.length,
});
