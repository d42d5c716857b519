import { campaignBuilder, campaignPublisher } from "@tiktok-army/core";
import { createAgentTestContext, executeAgent } from "@tiktok-army/core/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { TikTokApiError, TikTokTimeoutError } from "../errors.ts";
import { createTikTokClient, type TikTokCallRecord } from "../http-client.ts";
import { startTikTokStub, type TikTokStub } from "../testing/index.ts";
import { createMarketingAds, idempotencyMarker } from "./campaigns.ts";

const ADVERTISER = "7000000000001";
const IDENTITY = "identity-laku";
const KEY = "run-1:publish:campaign";
const CREATE = "/open_api/v1.3/campaign/create/";

// The payload a human approved: drafted by the real builder, budget raised to 80.
const draft = await executeAgent(campaignBuilder, {
  handle: "lakucosmetics",
  category: "beauty",
  region: "US",
  hashtags: ["skintok", "grwm", "glassskin", "cleangirl"],
});
const payload = { ...draft.payload, campaign: { ...draft.payload.campaign, budget: 80 } };
const adsInPayload = payload.ad_groups.reduce((n, g) => n + g.ads.length, 0);

let stub: TikTokStub;
let records: TikTokCallRecord[];

beforeEach(async () => {
  stub = await startTikTokStub();
  records = [];
});
afterEach(() => stub.close());

function marketing(options: { timeoutMs?: number; token?: string } = {}) {
  const token = options.token ?? stub.issueAccessToken();
  const client = createTikTokClient({
    baseUrl: stub.url,
    credentials: { accessToken: () => token },
    record: (call) => records.push(call),
    timeoutMs: options.timeoutMs,
    sleep: async () => {},
  });
  return createMarketingAds(client, ADVERTISER, IDENTITY);
}

async function waitFor(done: () => boolean) {
  for (let i = 0; i < 200 && !done(); i++) await new Promise((resolve) => setTimeout(resolve, 50));
  expect(done()).toBe(true);
}

const posts = (path: string) => stub.requests.filter((r) => r.method === "POST" && r.path === path).length;

describe("the Marketing API ads port against the stub", { timeout: 30_000 }, () => {
  it("creates the campaign, its ad groups and ads exactly as approved, DISABLED, and returns TikTok's ids", async () => {
    const created = await marketing().createCampaign(payload, KEY);
    const [held, ...others] = stub.ads.campaigns(ADVERTISER);
    expect(others).toEqual([]);
    expect(held?.operation_status).toBe("DISABLE");
    expect(held?.campaign_id).toBe(created.campaign_id);
    expect(held?.body).toEqual({
      advertiser_id: ADVERTISER,
      ...payload.campaign,
      campaign_name: `${payload.campaign.campaign_name} ${idempotencyMarker(KEY)}`,
    });
    expect(held?.body.budget).toBe(80);
    const group = held?.ad_groups[0];
    const { hashtags, ads, ...fields } = payload.ad_groups[0] ?? { hashtags: [], ads: [] };
    expect(group?.body).toMatchObject({
      advertiser_id: ADVERTISER,
      campaign_id: created.campaign_id,
      ...fields,
    });
    expect(group?.body.actions).toEqual([
      { action_scene: "HASHTAG_RELATED", action_category_ids: expect.arrayContaining([expect.any(String)]) },
    ]);
    const actions = (group?.body.actions ?? []) as { action_category_ids: string[] }[];
    expect(actions[0]?.action_category_ids).toHaveLength(hashtags.length);
    expect(group?.ads.map((a) => a.body)).toEqual(ads.map((ad) => ({ ...ad, identity_id: IDENTITY })));
    expect(created.ad_groups.map((g) => g.adgroup_id)).toEqual(held?.ad_groups.map((g) => g.adgroup_id));
    expect(created.ad_groups.flatMap((g) => g.ads)).toHaveLength(adsInPayload);
    expect(JSON.stringify(records)).not.toContain("act.");
  });

  it("finds a campaign by its idempotency key, with its ad groups and ads, and nothing for another key", async () => {
    const ads = marketing();
    expect(await ads.findCampaign(KEY)).toBeNull();
    const created = await ads.createCampaign(payload, KEY);
    expect(await ads.findCampaign(KEY)).toEqual(created);
    expect(await ads.findCampaign("run-2:publish:campaign")).toBeNull();
  });

  it("creates one campaign when the publisher step is delivered twice", async () => {
    const ctx = createAgentTestContext({
      ads: marketing(),
      run: { workflowRunId: "run-9", workflowSlug: "campaign_launch", stepKey: "publish" },
    });
    const first = await executeAgent(campaignPublisher, { payload }, {}, ctx);
    const second = await executeAgent(campaignPublisher, { payload }, {}, ctx);
    expect(first.found_existing).toBe(false);
    expect(second).toMatchObject({ found_existing: true, campaign: first.campaign, source: "tiktok" });
    expect(stub.ads.campaigns(ADVERTISER)).toHaveLength(1);
    expect(posts(CREATE)).toBe(1);
    expect(posts("/open_api/v1.3/ad/create/")).toBe(adsInPayload);
  });

  it("resumes a partial create: only the missing ad groups and ads are created", async () => {
    const ads = marketing();
    // TikTok refuses the second ad: the campaign, the first ad group and its first ad exist.
    stub.failNext("/open_api/v1.3/ad/create/", { kind: "error_in_200", code: 40002, message: "busy" });
    await ads.createCampaign(payload, KEY).catch(() => undefined);
    const partial = await ads.findCampaign(KEY);
    expect(partial?.ad_groups.flatMap((g) => g.ads).length).toBeLessThan(adsInPayload);

    const done = await ads.createCampaign(payload, KEY);
    expect(posts(CREATE)).toBe(1);
    expect(posts("/open_api/v1.3/adgroup/create/")).toBe(payload.ad_groups.length);
    // One refused attempt, then each ad exactly once.
    expect(posts("/open_api/v1.3/ad/create/")).toBe(adsInPayload + 1);
    const [held] = stub.ads.campaigns(ADVERTISER);
    expect(held?.ad_groups.map((g) => g.ads.length)).toEqual(payload.ad_groups.map((g) => g.ads.length));
    expect(done.ad_groups.flatMap((g) => g.ads)).toHaveLength(adsInPayload);
  });

  it("does not resend a create that timed out; the next attempt finds the campaign TikTok made", async () => {
    // TikTok applies the create but answers after the client gave up.
    stub.failNext(CREATE, { kind: "slow", delayMs: 3000 });
    await expect(marketing({ timeoutMs: 1500 }).createCampaign(payload, KEY)).rejects.toBeInstanceOf(
      TikTokTimeoutError,
    );
    expect(posts(CREATE)).toBe(1);
    await waitFor(() => stub.ads.campaigns(ADVERTISER).length === 1);

    const created = await marketing().createCampaign(payload, KEY);
    expect(posts(CREATE)).toBe(1);
    expect(stub.ads.campaigns(ADVERTISER)).toHaveLength(1);
    expect(created.ad_groups.flatMap((g) => g.ads)).toHaveLength(adsInPayload);
  });

  it("enables the campaign", async () => {
    const ads = marketing();
    const created = await ads.createCampaign(payload, KEY);
    await ads.setCampaignStatus(created.campaign_id, "ENABLE");
    expect(stub.ads.campaigns(ADVERTISER)[0]?.operation_status).toBe("ENABLE");
    expect((await ads.findCampaign(KEY))?.operation_status).toBe("ENABLE");
  });

  it("keeps advertisers apart and refuses a bad token", async () => {
    await marketing().createCampaign(payload, KEY);
    expect(stub.ads.campaigns("another-advertiser")).toEqual([]);
    await expect(marketing({ token: "act.not-issued" }).findCampaign(KEY)).rejects.toMatchObject({
      name: "TikTokAuthError",
    });
  });

  it("requires advertiser_id on every Marketing API route, as TikTok does", async () => {
    const reply = await fetch(`${stub.url}/open_api/v1.3/campaign/get/`, {
      headers: { "access-token": stub.issueAccessToken() },
    }).then((r) => r.json());
    expect(reply).toMatchObject({ code: 40002, message: "advertiser_id is required" });
  });

  it("surfaces an error TikTok reports in an HTTP 200 reply", async () => {
    stub.failNext(CREATE, { kind: "error_in_200", code: 40002, message: "budget too low" });
    const error = await marketing()
      .createCampaign(payload, KEY)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TikTokApiError);
    expect(stub.ads.campaigns(ADVERTISER)).toEqual([]);
  });
});
