import { randomBytes } from "node:crypto";

/** An ad as the stub holds it: the body TikTok was sent, plus its id. */
export interface StubAd {
  ad_id: string;
  adgroup_id: string;
  body: Record<string, unknown>;
}

export interface StubAdGroup {
  adgroup_id: string;
  campaign_id: string;
  body: Record<string, unknown>;
  ads: StubAd[];
}

export interface StubCampaign {
  campaign_id: string;
  campaign_name: string;
  operation_status: "ENABLE" | "DISABLE";
  body: Record<string, unknown>;
  ad_groups: StubAdGroup[];
}

/** A Business API reply: `code` 0 is success, anything else an error inside HTTP 200. */
export interface StubBusinessReply {
  code: number;
  message: string;
  request_id: string;
  data: unknown;
}

export interface StubAds {
  /** Whether `path` (e.g. `/open_api/v1.3/campaign/get/`) is a Marketing API route this stub serves. */
  handles(path: string): boolean;
  reply(method: string, path: string, query: URLSearchParams, body: string): StubBusinessReply;
  /** What the stub holds for an advertiser, for tests to assert on (copies). */
  campaigns(advertiserId: string): StubCampaign[];
}

const PREFIX = "/open_api/v1.3";
const ROUTES = new Set([
  "GET /campaign/get/",
  "GET /adgroup/get/",
  "GET /ad/get/",
  "POST /campaign/create/",
  "POST /adgroup/create/",
  "POST /ad/create/",
  "POST /campaign/status/update/",
  "GET /tool/hashtag/recommend/",
]);

/**
 * The Marketing API's campaign routes, stateful per advertiser: campaigns, ad groups and ads are
 * kept as created (status included), `advertiser_id` is required, `operation_status` respected.
 * The token is checked by the stub server before a request gets here.
 */
export function createStubAds(): StubAds {
  const byAdvertiser = new Map<string, StubCampaign[]>();
  let nextId = 1_800_000_000_000_000;
  const id = () => String(nextId++);
  const ok = (data: unknown) => reply(0, "OK", data);
  const invalid = (message: string) => reply(40002, message, {});
  const held = (advertiserId: string) => {
    const list = byAdvertiser.get(advertiserId) ?? [];
    byAdvertiser.set(advertiserId, list);
    return list;
  };
  const page = (list: unknown[]) => ok({ list, page_info: { page: 1, total_page: 1 } });

  function handle(route: string, input: Record<string, unknown>, advertiserId: string): StubBusinessReply {
    const campaigns = held(advertiserId);
    const groups = () => campaigns.flatMap((c) => c.ad_groups);
    const filtering = parseJson(String(input.filtering ?? "{}")) as {
      campaign_name?: string;
      campaign_ids?: string[];
    };
    switch (route) {
      case "GET /campaign/get/":
        return page(
          campaigns
            .filter((c) => !filtering.campaign_name || c.campaign_name.includes(filtering.campaign_name))
            .filter((c) => filtering.campaign_ids?.includes(c.campaign_id) ?? true)
            .map(({ campaign_id, campaign_name, operation_status, body }) => ({
              campaign_id,
              campaign_name,
              operation_status,
              budget_mode: body.budget_mode ?? "BUDGET_MODE_INFINITE",
              budget: typeof body.budget === "number" ? body.budget : 0,
            })),
        );
      case "GET /adgroup/get/":
        return page(
          groups()
            .filter((g) => filtering.campaign_ids?.includes(g.campaign_id) ?? true)
            .map((g) => ({
              adgroup_id: g.adgroup_id,
              adgroup_name: g.body.adgroup_name,
              campaign_id: g.campaign_id,
            })),
        );
      case "GET /ad/get/":
        return page(
          groups()
            .filter((g) => filtering.campaign_ids?.includes(g.campaign_id) ?? true)
            .flatMap((g) =>
              g.ads.map((a) => ({ ad_id: a.ad_id, ad_name: a.body.ad_name, adgroup_id: a.adgroup_id })),
            ),
        );
      case "POST /campaign/create/": {
        if (typeof input.campaign_name !== "string" || !input.objective_type)
          return invalid("campaign_name and objective_type are required");
        const status = input.operation_status === "DISABLE" ? "DISABLE" : "ENABLE";
        const campaign: StubCampaign = {
          campaign_id: id(),
          campaign_name: input.campaign_name,
          operation_status: status,
          body: input,
          ad_groups: [],
        };
        campaigns.push(campaign);
        return ok({ campaign_id: campaign.campaign_id });
      }
      case "POST /adgroup/create/": {
        const campaign = campaigns.find((c) => c.campaign_id === input.campaign_id);
        if (!campaign) return invalid(`campaign_id ${String(input.campaign_id)} does not exist`);
        const group: StubAdGroup = {
          adgroup_id: id(),
          campaign_id: campaign.campaign_id,
          body: input,
          ads: [],
        };
        campaign.ad_groups.push(group);
        return ok({ adgroup_id: group.adgroup_id });
      }
      case "POST /ad/create/": {
        const group = groups().find((g) => g.adgroup_id === input.adgroup_id);
        const creatives = Array.isArray(input.creatives)
          ? (input.creatives as Record<string, unknown>[])
          : [];
        if (!group || creatives.length === 0) return invalid("adgroup_id and creatives are required");
        const ads = creatives.map((body) => ({ ad_id: id(), adgroup_id: group.adgroup_id, body }));
        group.ads.push(...ads);
        return ok({ ad_ids: ads.map((a) => a.ad_id) });
      }
      case "POST /campaign/status/update/": {
        const ids = Array.isArray(input.campaign_ids) ? (input.campaign_ids as string[]) : [];
        if (input.operation_status !== "ENABLE" && input.operation_status !== "DISABLE")
          return invalid("operation_status must be ENABLE or DISABLE");
        const hit = campaigns.filter((c) => ids.includes(c.campaign_id));
        if (hit.length !== ids.length) return invalid("a campaign_id does not exist");
        for (const c of hit) c.operation_status = input.operation_status;
        return ok({ campaign_ids: ids });
      }
      case "GET /tool/hashtag/recommend/": {
        const keywords = parseJson(String(input.keywords ?? "[]")) as string[];
        // Every word is a known hashtag here, its id derived from the word.
        return ok({
          recommend_keywords: keywords.map((k) => ({
            keyword: k,
            keyword_id: String(Buffer.from(k).reduce((h, b) => (h * 31 + b) % 1e12, 7)),
          })),
        });
      }
      default:
        return reply(40400, `no stub for ${route}`, {});
    }
  }

  return {
    handles: (path) => [...ROUTES].some((route) => `${PREFIX}${route.split(" ")[1]}` === path),
    reply(method, fullPath, query, body) {
      const path = fullPath.slice(PREFIX.length);
      const input: Record<string, unknown> =
        method === "GET" ? Object.fromEntries(query) : (parseJson(body || "{}") as Record<string, unknown>);
      const advertiserId = input.advertiser_id;
      if (typeof advertiserId !== "string" || advertiserId === "")
        return invalid("advertiser_id is required");
      return handle(`${method} ${path}`, input, advertiserId);
    },
    campaigns: (advertiserId) => structuredClone(byAdvertiser.get(advertiserId) ?? []),
  };
}

function reply(code: number, message: string, data: unknown): StubBusinessReply {
  return { code, message, request_id: randomBytes(8).toString("hex"), data };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
